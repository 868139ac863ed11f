import { useState } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { AuthLayout } from '@/components/layouts/auth-layout';
import { Spinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { useRegistration } from '@/features/auth/api/get-registration';
import { InviteCodeForm } from '@/features/auth/components/invite-code-form';
import { INVITE_ONLY_MESSAGE, RegisterForm } from '@/features/auth/components/register-form';
import { useToken } from '@/lib/auth';

const signInFooter = (
  <>
    Already have an account?{' '}
    <Link className="link" to={paths.auth.login.getHref()}>
      Sign in
    </Link>
  </>
);

/**
 * Sign-up. The server says whether a visitor may create a team (`open` mode, or the very first
 * registration under `invite` mode); otherwise the page explains that registration is by
 * invitation and takes the invite link or code instead.
 */
export function RegisterRoute() {
  const navigate = useNavigate();
  const token = useToken();
  const registration = useRegistration();
  // The server refused a create-team attempt (someone else created the first team meanwhile).
  const [refused, setRefused] = useState(false);
  const [withInvite, setWithInvite] = useState(false);
  const join = (code: string) => void navigate(paths.auth.join.getHref(code));

  if (token) return <Navigate to={paths.app.library.getHref()} replace />;

  if (registration.isPending) {
    return (
      <AuthLayout title="Get started">
        <Spinner label="Checking this server" />
      </AuthLayout>
    );
  }

  // A server without the endpoint (or unreachable) gets the form: the POST answers for itself.
  const inviteOnly = refused || registration.data?.can_create_team === false;

  if (inviteOnly || withInvite) {
    return (
      <AuthLayout
        title="Join your team"
        subtitle={inviteOnly ? undefined : 'Paste the invite link a team admin sent you.'}
        footer={
          <>
            {signInFooter}
            {!inviteOnly && (
              <>
                {' · '}
                <button type="button" className="link" onClick={() => setWithInvite(false)}>
                  Create a team instead
                </button>
              </>
            )}
          </>
        }
      >
        {inviteOnly && (
          <p
            role="alert"
            className="mb-4 rounded border border-amber-800/70 bg-amber-950/40 px-2.5 py-2 text-xs text-amber-200"
          >
            {INVITE_ONLY_MESSAGE}
          </p>
        )}
        <InviteCodeForm onSubmit={join} autoFocus />
      </AuthLayout>
    );
  }

  const firstTeam = registration.data?.mode === 'invite';
  return (
    <AuthLayout
      title={firstTeam ? 'Set up ResolutionFlow' : 'Create a team'}
      subtitle={
        firstTeam
          ? 'This server has no team yet. Create it: you become its admin, ' +
            'and teammates join with the invite links you send.'
          : 'You become its admin and can invite your teammates.'
      }
      footer={
        <>
          {signInFooter}
          {' · '}
          <button type="button" className="link" onClick={() => setWithInvite(true)}>
            I have an invite
          </button>
        </>
      }
    >
      <RegisterForm
        mode="team"
        onInviteOnly={() => {
          setRefused(true);
          void registration.refetch();
        }}
        onSuccess={() => void navigate(paths.app.library.getHref(), { replace: true })}
      />
    </AuthLayout>
  );
}
