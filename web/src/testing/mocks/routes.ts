// The API routes component tests may mock, as the app calls them (under /api/v1). A handler
// for anything else does not type-check, and the end-to-end suite checks this table against
// the server's own (`resolutionflow routes`), so a mock cannot answer a path the server does
// not have.

export const API_ROUTES = [
  'GET /health',
  'GET /auth/registration',
  'POST /auth/register',
  'POST /auth/login',
  'GET /auth/me',
  'POST /auth/logout',
  'GET /teams/me',
  'GET /teams/invites',
  'POST /teams/invites',
  'DELETE /teams/invites/:code',
  'PATCH /teams/members/:id',
  'DELETE /teams/members/:id',
  'GET /trees/',
  'POST /trees/',
  'GET /trees/counts',
  'GET /trees/:id',
  'PUT /trees/:id',
  'DELETE /trees/:id',
  'GET /trees/:id/batches',
  'GET /sessions/',
  'POST /sessions/',
  'POST /sessions/batch',
  'GET /sessions/:id',
  'PATCH /sessions/:id',
  'POST /sessions/:id/complete',
  'GET /batches/:id',
  'GET /batches/:id/report.csv',
  'GET /target-lists/',
  'POST /target-lists/',
  'GET /target-lists/:id',
  'PUT /target-lists/:id',
  'DELETE /target-lists/:id',
  'GET /maintenance-schedules/preview',
  'POST /maintenance-schedules/',
  'GET /maintenance-schedules/tree/:id',
  'PATCH /maintenance-schedules/:id',
  'DELETE /maintenance-schedules/:id',
  'POST /maintenance-schedules/:id/run',
] as const;

export type ApiRoute = (typeof API_ROUTES)[number];

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The paths of `method` in the table: `PathOf<'GET'>` is '/health' | '/auth/registration' | … */
export type PathOf<M extends Method> = ApiRoute extends infer R ? (R extends `${M} ${infer P}` ? P : never) : never;
