import { useState } from 'react';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { AuthLayout } from '@/components/layouts/auth-layout';
import { Button } from '@/components/ui/button';
import { paths } from '@/config/paths';
import { RegisterForm } from '@/features/auth/components/register-form';
import { useLogout, useToken } from '@/lib/auth';

export function JoinRoute() {
  const { code = '' } = useParams();
  const navigate = useNavigate();
  const token = useToken();
  const logout = useLogout();
  // Someone already signed in when they opened the link is asked first; someone who just
  // joined here is signed in by the form and goes on to the app.
  const [signedInOnArrival, setSignedInOnArrival] = useState(() => Boolean(token));

  if (token && !signedInOnArrival) return <Navigate to={paths.app.library.getHref()} replace />;

  if (token) {
    return (
      <AuthLayout title="Join a team" subtitle="You are signed in already.">
        <p className="mb-4 text-xs text-zinc-400">Sign out first to create a new account with this invite link.</p>
        <div className="flex gap-2">
          <Button
            variant="primary"
            onClick={() => logout.mutate(undefined, { onSettled: () => setSignedInOnArrival(false) })}
            loading={logout.isPending}
          >
            Sign out and join
          </Button>
          <Button variant="ghost" onClick={() => void navigate(paths.app.library.getHref())}>
            Back to the app
          </Button>
        </div>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout
      title="Join your team"
      subtitle={
        'You were invited to ResolutionFlow. ' + 'Create your account to join the team with the role your invite gives.'
      }
      footer={
        <>
          Already have an account?{' '}
          <Link className="link" to={paths.auth.login.getHref()}>
            Sign in
          </Link>
        </>
      }
    >
      <RegisterForm mode="invite" inviteCode={code} onSuccess={() => undefined} />
    </AuthLayout>
  );
}
