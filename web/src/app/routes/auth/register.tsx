import { Link, Navigate, useNavigate } from 'react-router';
import { AuthLayout } from '@/components/layouts/auth-layout';
import { paths } from '@/config/paths';
import { RegisterForm } from '@/features/auth/components/register-form';
import { useToken } from '@/lib/auth';

export function RegisterRoute() {
  const navigate = useNavigate();
  const token = useToken();
  if (token) return <Navigate to={paths.app.library.getHref()} replace />;
  return (
    <AuthLayout
      title="Create a team"
      subtitle="You become its admin and can invite your teammates."
      footer={
        <>
          Already have an account?{' '}
          <Link className="link" to={paths.auth.login.getHref()}>
            Sign in
          </Link>
        </>
      }
    >
      <RegisterForm mode="team" onSuccess={() => navigate(paths.app.library.getHref(), { replace: true })} />
    </AuthLayout>
  );
}
