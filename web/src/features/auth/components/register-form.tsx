import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { describedBy, Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { toast } from '@/components/ui/toast';
import { ApiError, errorMessage } from '@/lib/api-client';
import { useRegister } from '@/lib/auth';
import { fieldErrorsOf, noFieldErrors } from '@/lib/validation';

type RegisterFormProps =
  | {
      mode: 'team';
      inviteCode?: undefined;
      onSuccess: () => void;
      /** The server refused to create a team (403: registration is by invitation only). */
      onInviteOnly?: () => void;
    }
  | { mode: 'invite'; inviteCode: string; onSuccess: () => void; onInviteOnly?: undefined };

export const INVITE_ONLY_MESSAGE = 'Registration is by invitation only — ask a team admin for an invite link.';

const INVITE_UNKNOWN_MESSAGE = 'This invite link is unknown, revoked or has expired. Ask your admin for a new one.';

/** Create a team (you become its admin) or join one with an invite code (with the invite's role). */
export function RegisterForm({ mode, inviteCode, onSuccess, onInviteOnly }: RegisterFormProps) {
  const register = useRegister();
  const [teamName, setTeamName] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);

  const errors = register.error ? fieldErrorsOf(register.error) : noFieldErrors;
  const tooShort = password.length > 0 && password.length < 8;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const base = { email: email.trim(), password, name: name.trim() };
    // mutateAsync: the form unmounts as soon as the token is stored (the route moves on),
    // and the outcome must still be reported.
    register
      .mutateAsync(mode === 'team' ? { ...base, team_name: teamName.trim() } : { ...base, invite_code: inviteCode })
      .then((response) => {
        if (mode === 'team') toast.success(`Team created — welcome, ${response.user.name}`);
        else toast.success(`Welcome to the team, ${response.user.name}`, `You joined as ${response.user.role}.`);
        onSuccess();
      })
      .catch((err: unknown) => {
        let message = errorMessage(err);
        if (err instanceof ApiError) {
          if (err.status === 409) message = 'An account with this email already exists';
          if (err.status === 422) message = 'Check the highlighted fields';
          if (mode === 'invite' && err.status === 404) message = INVITE_UNKNOWN_MESSAGE;
          // Joining: a 403 names a limit (the team is full), or the code did not count as an invite.
          if (mode === 'invite' && err.status === 403 && /invitation only/i.test(message))
            message = INVITE_UNKNOWN_MESSAGE;
          if (mode === 'team' && err.status === 403) {
            message = INVITE_ONLY_MESSAGE;
            onInviteOnly?.();
          }
        }
        setError(message);
        toast.error(mode === 'team' ? 'Could not create the team' : 'Could not join the team', message);
      });
  };

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      {mode === 'team' && (
        <Field label="Team name" htmlFor="reg-team" error={errors.at('team_name')}>
          <Input
            id="reg-team"
            required
            value={teamName}
            onChange={(e) => setTeamName(e.target.value)}
            autoFocus
            maxLength={255}
            {...describedBy('reg-team', errors.at('team_name'))}
          />
        </Field>
      )}
      <Field label="Your name" htmlFor="reg-name" error={errors.at('name')}>
        <Input
          id="reg-name"
          required
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          autoFocus={mode === 'invite'}
          maxLength={255}
          {...describedBy('reg-name', errors.at('name'))}
        />
      </Field>
      <Field label="Work email" htmlFor="reg-email" error={errors.at('email')}>
        <Input
          id="reg-email"
          type="email"
          required
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          {...describedBy('reg-email', errors.at('email'))}
        />
      </Field>
      <Field
        label="Password"
        htmlFor="reg-password"
        error={errors.at('password') ?? (tooShort ? 'At least 8 characters' : undefined)}
        hint="At least 8 characters"
      >
        <Input
          id="reg-password"
          type="password"
          required
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          maxLength={128}
          {...describedBy('reg-password', errors.at('password'))}
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
        loading={register.isPending}
        disabled={!email || !name.trim() || password.length < 8 || (mode === 'team' && !teamName.trim())}
      >
        {mode === 'team' ? 'Create team' : 'Join team'}
      </Button>
    </form>
  );
}
