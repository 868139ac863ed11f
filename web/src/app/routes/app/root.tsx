import { GitBranch, Library, ListChecks, LogOut, PlayCircle, Target, Users, Workflow, Wrench } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link, NavLink, Outlet, useNavigate, useSearchParams } from 'react-router';
import { Badge } from '@/components/ui/badge';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { useTreeCounts } from '@/features/trees/api/get-tree-counts';
import { useLogout, useUser } from '@/lib/auth';
import { cn, plural } from '@/lib/utils';

type NavItemProps = {
  to: string;
  icon: ReactNode;
  label: string;
  count?: number | undefined;
  /**
   * Library links differ only in their `?type=`, which NavLink does not compare: such a link
   * is current when the path matches and the type filter is this one (null: no filter).
   */
  libraryType?: string | null;
};

/** A sidebar link; the router says whether it is the current page (NavLink). */
function NavItem({ to, icon, label, count, libraryType }: NavItemProps) {
  const [params] = useSearchParams();
  const typeMatches = libraryType === undefined || params.get('type') === libraryType;
  return (
    <NavLink
      to={to}
      // A matching path with another type filter is not this page.
      aria-current={typeMatches ? 'page' : 'false'}
      className={({ isActive }) =>
        cn(
          'flex items-center gap-2 rounded-md px-2 py-1.5 text-xs font-medium transition-colors',
          'focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-sky-500',
          isActive && typeMatches ? 'bg-zinc-800 text-zinc-50' : 'text-zinc-400 hover:bg-zinc-900 hover:text-zinc-200',
        )
      }
    >
      <span className="flex h-4 w-4 items-center justify-center">{icon}</span>
      <span className="flex-1 truncate">{label}</span>
      {count !== undefined && (
        <span
          className="tabular-nums text-2xs text-zinc-500"
          aria-label={plural(count, { one: 'flow', other: 'flows' })}
        >
          {count}
        </span>
      )}
    </NavLink>
  );
}

function NavSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="space-y-0.5">
      <p className="px-2 pb-1 pt-3 text-2xs font-semibold uppercase tracking-wider text-zinc-600">{title}</p>
      {children}
    </div>
  );
}

export function AppRoot() {
  const navigate = useNavigate();
  const user = useUser();
  const counts = useTreeCounts();
  const logout = useLogout();

  const c = counts.data;

  const signOut = () =>
    logout.mutate(undefined, { onSettled: () => void navigate(paths.auth.login.getHref(), { replace: true }) });

  return (
    <div className="flex h-full min-w-[1024px]">
      <aside className="flex w-56 shrink-0 flex-col border-r border-zinc-800 bg-zinc-950">
        <Link to={paths.app.library.getHref()} className="flex items-center gap-2 px-4 py-3.5 text-zinc-100">
          <span className="flex h-6 w-6 items-center justify-center rounded bg-sky-600/20 text-sky-400">
            <Workflow className="h-3.5 w-3.5" aria-hidden />
          </span>
          <span className="text-sm font-semibold tracking-tight">ResolutionFlow</span>
        </Link>
        <nav className="flex-1 overflow-y-auto px-2 pb-4" aria-label="Main navigation">
          <NavSection title="Library">
            <NavItem
              to={paths.app.library.getHref()}
              icon={<Library className="h-3.5 w-3.5" />}
              label="All flows"
              count={c?.total}
              libraryType={null}
            />
            <NavItem
              to={paths.app.library.getHref({ type: 'troubleshooting' })}
              icon={<GitBranch className="h-3.5 w-3.5 text-violet-400" />}
              label="Troubleshooting"
              count={c?.troubleshooting}
              libraryType="troubleshooting"
            />
            <NavItem
              to={paths.app.library.getHref({ type: 'procedural' })}
              icon={<ListChecks className="h-3.5 w-3.5 text-sky-400" />}
              label="Projects"
              count={c?.procedural}
              libraryType="procedural"
            />
            <NavItem
              to={paths.app.library.getHref({ type: 'maintenance' })}
              icon={<Wrench className="h-3.5 w-3.5 text-amber-400" />}
              label="Maintenance"
              count={c?.maintenance}
              libraryType="maintenance"
            />
          </NavSection>
          <NavSection title="Work">
            <NavItem to={paths.app.sessions.getHref()} icon={<PlayCircle className="h-3.5 w-3.5" />} label="Sessions" />
          </NavSection>
          <NavSection title="Account">
            <NavItem to={paths.app.team.getHref()} icon={<Users className="h-3.5 w-3.5" />} label="Team" />
            <NavItem
              to={paths.app.targetLists.getHref()}
              icon={<Target className="h-3.5 w-3.5" />}
              label="Target Lists"
            />
          </NavSection>
        </nav>
        <div className="border-t border-zinc-800 p-3">
          {user.data ? (
            <div className="flex items-center gap-2">
              <div
                className={cn(
                  'flex h-7 w-7 shrink-0 items-center justify-center rounded-full',
                  'bg-zinc-800 text-xs font-semibold text-zinc-300',
                )}
                aria-hidden
              >
                {user.data.name.slice(0, 1).toUpperCase()}
              </div>
              <div className="min-w-0 flex-1">
                <p className="truncate text-xs font-medium text-zinc-200" data-testid="current-user">
                  {user.data.name}
                </p>
                <p className="flex items-center gap-1 truncate text-2xs text-zinc-500">
                  <Badge className="px-1 py-0 text-[10px]">{user.data.role}</Badge>
                  <span className="truncate">{user.data.email}</span>
                </p>
              </div>
              <button
                type="button"
                onClick={signOut}
                aria-label="Sign out"
                title="Sign out"
                className={cn(
                  'rounded p-1.5 text-zinc-500 hover:bg-zinc-800 hover:text-zinc-200',
                  'focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-sky-500',
                )}
              >
                <LogOut className="h-3.5 w-3.5" />
              </button>
            </div>
          ) : (
            <div className="h-7" />
          )}
        </div>
      </aside>
      <main className="min-w-0 flex-1 overflow-y-auto" id="main">
        {user.isPending ? <PageSpinner /> : <Outlet />}
      </main>
    </div>
  );
}
