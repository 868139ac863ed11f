import { useForm, useWatch } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { describedBy, Field, FormAlert } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { toast } from '@/components/ui/toast';
import { ApiError, errorMessage } from '@/lib/api-client';
import { useRegister } from '@/lib/auth';
import { exactFields, setServerErrors } from '@/lib/validation';

type RegisterFormProps =
  | {
      mode: 'team';
      inviteCode?: undefined;
      onSuccess: () => void;
      /** The server refused to create a team (403: registration is by invitation only). */
      onInviteOnly?: () => void;
    }
  | { mode: 'invite'; inviteCode: string; onSuccess: () => void; onInviteOnly?: undefined };

type RegisterValues = { team_name: string; name: string; email: string; password: string };

const FIELDS = exactFields<RegisterValues>(['team_name', 'name', 'email', 'password']);

export const INVITE_ONLY_MESSAGE = 'Registration is by invitation only — ask a team admin for an invite link.';

/**
 * The one answer the page words itself: the server's "Invite code not found" (404), or its
 * "Registration is by invitation only" for a code that did not count as an invite, do not say
 * what happened to the link or what to do next (docs/adr/0008-web-forms-and-mocks.md).
 */
const INVITE_UNKNOWN_MESSAGE = 'This invite link is unknown, revoked or has expired. Ask your admin for a new one.';

function inviteRefused(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  return error.status === 404 || (error.status === 403 && /invitation only/i.test(error.message));
}

/** Create a team (you become its admin) or join one with an invite code (with the invite's role). */
export function RegisterForm({ mode, inviteCode, onSuccess, onInviteOnly }: RegisterFormProps) {
  const register = useRegister();
  const form = useForm<RegisterValues>({ defaultValues: { team_name: '', name: '', email: '', password: '' } });
  const { errors } = form.formState;
  const [teamName, name, email, password] = useWatch({
    control: form.control,
    name: ['team_name', 'name', 'email', 'password'],
  });
  const tooShort = password.length > 0 && password.length < 8;

  const submit = form.handleSubmit(async (values) => {
    const base = { email: values.email.trim(), password: values.password, name: values.name.trim() };
    // mutateAsync: the form unmounts as soon as the token is stored (the route moves on),
    // and the outcome must still be reported.
    try {
      const response = await register.mutateAsync(
        mode === 'team' ? { ...base, team_name: values.team_name.trim() } : { ...base, invite_code: inviteCode },
      );
      if (mode === 'team') toast.success(`Team created — welcome, ${response.user.name}`);
      else toast.success(`Welcome to the team, ${response.user.name}`, `You joined as ${response.user.role}.`);
      onSuccess();
    } catch (error) {
      const title = mode === 'team' ? 'Could not create the team' : 'Could not join the team';
      if (mode === 'invite' && inviteRefused(error)) {
        form.setError('root.server', { type: 'server', message: INVITE_UNKNOWN_MESSAGE });
        toast.error(title, INVITE_UNKNOWN_MESSAGE);
        return;
      }
      setServerErrors(error, form.setError, FIELDS);
      toast.error(title, errorMessage(error));
      // Someone else created the first team meanwhile: the page switches to the invite path.
      if (mode === 'team' && error instanceof ApiError && error.status === 403) onInviteOnly?.();
    }
  });

  const fieldError = (field: keyof RegisterValues) => errors[field]?.message;

  return (
    <form onSubmit={(event) => void submit(event)} className="space-y-4" noValidate>
      {mode === 'team' && (
        <Field label="Team name" htmlFor="reg-team" error={fieldError('team_name')}>
          <Input
            id="reg-team"
            required
            autoFocus
            maxLength={255}
            {...form.register('team_name')}
            {...describedBy('reg-team', fieldError('team_name'))}
          />
        </Field>
      )}
      <Field label="Your name" htmlFor="reg-name" error={fieldError('name')}>
        <Input
          id="reg-name"
          required
          autoComplete="name"
          autoFocus={mode === 'invite'}
          maxLength={255}
          {...form.register('name')}
          {...describedBy('reg-name', fieldError('name'))}
        />
      </Field>
      <Field label="Work email" htmlFor="reg-email" error={fieldError('email')}>
        <Input
          id="reg-email"
          type="email"
          required
          autoComplete="username"
          {...form.register('email')}
          {...describedBy('reg-email', fieldError('email'))}
        />
      </Field>
      <Field
        label="Password"
        htmlFor="reg-password"
        error={fieldError('password') ?? (tooShort ? 'At least 8 characters' : undefined)}
        hint="At least 8 characters"
      >
        <Input
          id="reg-password"
          type="password"
          required
          autoComplete="new-password"
          maxLength={128}
          {...form.register('password')}
          {...describedBy('reg-password', fieldError('password'))}
        />
      </Field>
      <FormAlert message={errors.root?.server?.message} />
      <Button
        type="submit"
        variant="primary"
        className="w-full justify-center"
        loading={register.isPending}
        disabled={!email || !name.trim() || password.length < 8 || (mode === 'team' && !teamName.trim())}
      >
        {mode === 'team' ? 'Create team' : 'Join team'}
      </Button>
    </form>
  );
}
