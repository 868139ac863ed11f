import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { AuthLayout } from '@/components/layouts/auth-layout';
import { paths } from '@/config/paths';
import { useRegistration } from '@/features/auth/api/get-registration';
import { LoginForm } from '@/features/auth/components/login-form';
import { safeRedirect, useToken } from '@/lib/auth';

export function LoginRoute() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const token = useToken();
  const redirectTo = safeRedirect(params.get('redirectTo'));
  const registration = useRegistration();
  if (token) return <Navigate to={redirectTo} replace />;
  return (
    <AuthLayout
      title="Sign in"
      subtitle="Guided procedures and maintenance runs for your team."
      footer={
        <>
          New here?{' '}
          <Link className="link" to={paths.auth.register.getHref()}>
            {registration.data?.can_create_team === false ? 'Join with an invite' : 'Create a team'}
          </Link>
        </>
      }
    >
      <LoginForm onSuccess={() => void navigate(redirectTo, { replace: true })} />
    </AuthLayout>
  );
}
