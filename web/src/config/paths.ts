// Every route of the app, with a builder for its href. Components link through these,
// never through string literals, so a route can move in one place.

const withQuery = (path: string, query: Record<string, string | undefined | null>) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value) params.set(key, value);
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
};

export const paths = {
  home: { path: '/', getHref: () => '/' },
  auth: {
    login: {
      path: '/login',
      getHref: (redirectTo?: string | null) => withQuery('/login', { redirectTo }),
    },
    register: { path: '/register', getHref: () => '/register' },
    join: { path: '/join/:code', getHref: (code: string) => `/join/${encodeURIComponent(code)}` },
  },
  app: {
    library: {
      path: '/trees',
      getHref: (query: { type?: string | null; q?: string | null } = {}) => withQuery('/trees', query),
    },
    newFlow: {
      path: '/flows/new',
      getHref: (type?: string | null) => withQuery('/flows/new', { type }),
    },
    flow: { path: '/flows/:id', getHref: (id: string) => `/flows/${id}` },
    editFlow: { path: '/flows/:id/edit', getHref: (id: string) => `/flows/${id}/edit` },
    maintenance: {
      path: '/flows/:id/maintenance',
      getHref: (id: string) => `/flows/${id}/maintenance`,
    },
    sessions: {
      path: '/sessions',
      getHref: (query: { tree_id?: string | null; batch_id?: string | null; status?: string | null } = {}) =>
        withQuery('/sessions', query),
    },
    session: { path: '/sessions/:id', getHref: (id: string) => `/sessions/${id}` },
    team: { path: '/account/team', getHref: () => '/account/team' },
    targetLists: { path: '/account/target-lists', getHref: () => '/account/target-lists' },
  },
} as const;
