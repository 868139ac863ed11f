import { Link } from 'react-router';
import { paths } from '@/config/paths';

export function NotFoundRoute() {
  return (
    <div className="flex h-full flex-col items-center justify-center gap-2 py-24 text-center">
      <p className="text-4xl font-semibold text-zinc-600">404</p>
      <p className="text-sm text-zinc-300">This page does not exist.</p>
      <Link className="link text-sm" to={paths.app.library.getHref()}>
        Back to the library
      </Link>
    </div>
  );
}
