import { useForm, useWatch } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { Field, FormAlert } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { toast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api-client';
import { useLogin, type LoginInput } from '@/lib/auth';
import { exactFields, setServerErrors } from '@/lib/validation';

export function LoginForm({ onSuccess }: { onSuccess: () => void }) {
  const login = useLogin();
  const { register, handleSubmit, setError, control, formState } = useForm<LoginInput>({
    defaultValues: { email: '', password: '' },
  });
  const [email, password] = useWatch({ control, name: ['email', 'password'] });

  const submit = handleSubmit((values) =>
    login.mutate(
      { email: values.email.trim(), password: values.password },
      {
        onSuccess,
        onError: (error) => {
          // The server's own words ("Incorrect email or password", the throttle's wait).
          setServerErrors(error, setError, exactFields<LoginInput>([]));
          toast.error('Sign-in failed', errorMessage(error));
        },
      },
    ),
  );

  return (
    <form onSubmit={(event) => void submit(event)} className="space-y-4" noValidate>
      <Field label="Email" htmlFor="login-email">
        <Input id="login-email" type="email" autoComplete="username" required autoFocus {...register('email')} />
      </Field>
      <Field label="Password" htmlFor="login-password">
        <Input id="login-password" type="password" autoComplete="current-password" required {...register('password')} />
      </Field>
      <FormAlert message={formState.errors.root?.server?.message} />
      <Button
        type="submit"
        variant="primary"
        className="w-full justify-center"
        loading={login.isPending}
        disabled={!email || !password}
      >
        Sign in
      </Button>
    </form>
  );
}
