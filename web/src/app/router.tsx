import { Navigate, type RouteObject } from 'react-router';
import { paths } from '@/config/paths';
import { ProtectedRoute } from '@/lib/auth';
import { JoinRoute } from './routes/auth/join';
import { LoginRoute } from './routes/auth/login';
import { RegisterRoute } from './routes/auth/register';
import { AppRoot } from './routes/app/root';
import { LibraryRoute } from './routes/app/library';
import { FlowEditRoute, FlowNewRoute } from './routes/app/flow-editor';
import { FlowRoute } from './routes/app/flow';
import { MaintenanceRoute } from './routes/app/maintenance';
import { SessionsRoute } from './routes/app/sessions';
import { SessionRunnerRoute } from './routes/app/session-runner';
import { TeamRoute } from './routes/app/team';
import { TargetListsRoute } from './routes/app/target-lists';
import { NotFoundRoute } from './routes/not-found';

const strip = (path: string) => path.replace(/^\//, '');

export const routes: RouteObject[] = [
  { path: paths.auth.login.path, element: <LoginRoute /> },
  { path: paths.auth.register.path, element: <RegisterRoute /> },
  { path: paths.auth.join.path, element: <JoinRoute /> },
  {
    path: paths.home.path,
    element: (
      <ProtectedRoute>
        <AppRoot />
      </ProtectedRoute>
    ),
    children: [
      { index: true, element: <Navigate to={paths.app.library.getHref()} replace /> },
      { path: strip(paths.app.library.path), element: <LibraryRoute /> },
      { path: strip(paths.app.newFlow.path), element: <FlowNewRoute /> },
      { path: strip(paths.app.flow.path), element: <FlowRoute /> },
      { path: strip(paths.app.editFlow.path), element: <FlowEditRoute /> },
      { path: strip(paths.app.maintenance.path), element: <MaintenanceRoute /> },
      { path: strip(paths.app.sessions.path), element: <SessionsRoute /> },
      { path: strip(paths.app.session.path), element: <SessionRunnerRoute /> },
      { path: strip(paths.app.team.path), element: <TeamRoute /> },
      { path: strip(paths.app.targetLists.path), element: <TargetListsRoute /> },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];
