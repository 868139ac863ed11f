import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { toast } from '@/components/ui/toast';
import { ApiError, errorMessage } from '@/lib/api-client';
import { useLogin } from '@/lib/auth';

export function LoginForm({ onSuccess }: { onSuccess: () => void }) {
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    login.mutate(
      { email: email.trim(), password },
      {
        onSuccess,
        onError: (err) => {
          const message =
            err instanceof ApiError && err.status === 401 ? 'Incorrect email or password' : errorMessage(err);
          setError(message);
          toast.error('Sign-in failed', message);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <Field label="Email" htmlFor="login-email">
        <Input
          id="login-email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          autoFocus
        />
      </Field>
      <Field label="Password" htmlFor="login-password">
        <Input
          id="login-password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </Field>
      {error && (
        <p role="alert" className="rounded border border-red-900 bg-red-950/50 px-2.5 py-1.5 text-xs text-red-300">
          {error}
        </p>
      )}
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
