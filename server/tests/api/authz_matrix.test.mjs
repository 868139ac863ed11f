// Authorization matrix driven by the server's own route table (`resolutionflow routes`).
//
// For every route the binary registers, the table ROUTES below says how to build a valid
// request against objects of team A. Each route's test then checks, in order:
//   - no token, a garbage token of the right shape, a logged-out token → 401 (public
//     routes: they answer their success status instead);
//   - team B's token with team A's ids → 404, and A's objects unchanged afterwards
//     (re-read with A's token); for routes that take no object of A (collections, own
//     account), B's answer succeeds and mentions none of A's ids;
//   - A's viewer → 403 on write/admin routes (nothing changed), success on read routes;
//   - A's engineer → 403 on admin routes (nothing changed), success elsewhere;
//   - A's admin → success (the positive control: the request really is valid, so the
//     401/403/404 above came from authorization, not from a malformed request).
// A route of the binary without an entry here fails (with its name), and so does an entry
// for a route the binary no longer has.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  useServer, BINARY, API_PREFIX, PASSWORD, expectStatus, expectDetail, randomEmail, structureFor,
} from './harness.mjs';

const api = useServer(before, after);

// ---------------------------------------------------------------------------
// The route table of the binary

function binaryRoutes() {
  const out = execFileSync(BINARY, ['routes'], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));
}

const LIVE = binaryRoutes();
const keyOf = (r) => `${r.method} ${r.path}`;

// ---------------------------------------------------------------------------
// How to call each route validly against team A.
//
//   ok      success status for a caller who is allowed
//   cross   'path': the request names A's object in its path → B gets 404
//           'body': the request names A's object in its body → B gets 404
//           'own' : the request names no object of A → B succeeds, and sees nothing of A
//   make(A) → {path, body?, probes?: [paths A re-reads before/after], fresh?: true}
//           called anew for every caller, so destructive routes get fresh objects.
//           `fresh`: the caller uses a token of its own (logout would kill the shared one).

const proc = (name = `flow ${randomUUID().slice(0, 8)}`) => ({
  name, description: 'authz', tree_type: 'procedural', tree_structure: structureFor('procedural'),
});

const ROUTES = {
  'GET /api/v1/health': { ok: 200, cross: 'own', make: () => ({ path: '/health' }) },
  'GET /api/v1/auth/registration': { ok: 200, cross: 'own', make: () => ({ path: '/auth/registration' }) },
  'POST /api/v1/auth/register': {
    ok: 201, cross: 'own',
    make: () => ({ path: '/auth/register', body: { email: randomEmail('reg'), password: PASSWORD, name: 'R', team_name: 'T' } }),
  },
  'POST /api/v1/auth/login': {
    ok: 200, cross: 'own',
    make: (A) => ({ path: '/auth/login', body: { email: A.admin.email, password: PASSWORD } }),
  },
  'GET /api/v1/auth/me': { ok: 200, cross: 'own', make: () => ({ path: '/auth/me' }) },
  'POST /api/v1/auth/logout': { ok: 204, cross: 'own', make: () => ({ path: '/auth/logout', body: {}, fresh: true }) },
  'GET /api/v1/teams/me': { ok: 200, cross: 'own', make: () => ({ path: '/teams/me' }) },
  'POST /api/v1/teams/invites': {
    ok: 201, cross: 'own', make: () => ({ path: '/teams/invites', body: {}, probes: ['/teams/me'] }),
  },
  'GET /api/v1/teams/invites': { ok: 200, cross: 'own', make: () => ({ path: '/teams/invites' }) },
  'DELETE /api/v1/teams/invites/{code}': {
    ok: 204, cross: 'path',
    make: async (A) => ({ path: `/teams/invites/${await A.admin.invite()}`, probes: ['/teams/invites'] }),
  },
  'DELETE /api/v1/teams/members/{user_id}': {
    ok: 204, cross: 'path',
    make: async (A) => {
      const member = await A.admin.addMember('engineer');
      return { path: `/teams/members/${member.user.id}`, probes: ['/teams/me'] };
    },
  },
  'PATCH /api/v1/teams/members/{user_id}': {
    ok: 200, cross: 'path',
    make: async (A) => {
      const member = await A.admin.addMember('engineer');
      return { path: `/teams/members/${member.user.id}`, body: { role: 'viewer' }, probes: ['/teams/me'] };
    },
  },
  'GET /api/v1/trees': { ok: 200, cross: 'own', make: () => ({ path: '/trees/?tree_type=maintenance' }) },
  'GET /api/v1/trees/counts': { ok: 200, cross: 'own', make: () => ({ path: '/trees/counts' }) },
  'POST /api/v1/trees': {
    ok: 201, cross: 'own', make: () => ({ path: '/trees/', body: proc(), probes: ['/trees/counts'] }),
  },
  'GET /api/v1/trees/{id}': { ok: 200, cross: 'path', make: (A) => ({ path: `/trees/${A.mTree.id}` }) },
  'PUT /api/v1/trees/{id}': {
    ok: 200, cross: 'path',
    make: async (A) => {
      const t = await A.admin.createTree('procedural');
      return { path: `/trees/${t.id}`, body: { name: 'renamed', description: 'changed' }, probes: [`/trees/${t.id}`] };
    },
  },
  'DELETE /api/v1/trees/{id}': {
    ok: 204, cross: 'path',
    make: async (A) => {
      const t = await A.admin.createTree('procedural');
      return { path: `/trees/${t.id}`, probes: [`/trees/${t.id}`, '/trees/counts'] };
    },
  },
  'POST /api/v1/sessions': {
    ok: 201, cross: 'body',
    make: (A) => ({
      path: '/sessions/', body: { tree_id: A.tsTree.id, target_label: 'ws-01' },
      probes: [`/sessions/?tree_id=${A.tsTree.id}&size=200`],
    }),
  },
  'GET /api/v1/sessions': { ok: 200, cross: 'own', make: () => ({ path: '/sessions/?size=200' }) },
  'GET /api/v1/sessions/{id}': { ok: 200, cross: 'path', make: (A) => ({ path: `/sessions/${A.session.id}` }) },
  'PATCH /api/v1/sessions/{id}': {
    ok: 200, cross: 'path',
    make: async (A) => {
      const s = await A.admin.createSession(A.tsTree.id);
      return { path: `/sessions/${s.id}`, body: { notes: 'changed', path_taken: ['q1'] }, probes: [`/sessions/${s.id}`] };
    },
  },
  'POST /api/v1/sessions/{id}/complete': {
    ok: 200, cross: 'path',
    make: async (A) => {
      const s = await A.admin.createSession(A.tsTree.id);
      return { path: `/sessions/${s.id}/complete`, body: {}, probes: [`/sessions/${s.id}`] };
    },
  },
  'POST /api/v1/sessions/batch': {
    ok: 201, cross: 'body',
    make: (A) => ({
      path: '/sessions/batch', body: { tree_id: A.mTree.id, targets: [{ label: 'srv-a' }, { label: 'srv-b', notes: 'n' }] },
      probes: [`/trees/${A.mTree.id}/batches`, `/sessions/?tree_id=${A.mTree.id}&size=1`],
    }),
  },
  'GET /api/v1/trees/{id}/batches': { ok: 200, cross: 'path', make: (A) => ({ path: `/trees/${A.mTree.id}/batches` }) },
  'GET /api/v1/batches/{id}': { ok: 200, cross: 'path', make: (A) => ({ path: `/batches/${A.batch.batch_id}` }) },
  'GET /api/v1/batches/{id}/report.csv': {
    ok: 200, cross: 'path', make: (A) => ({ path: `/batches/${A.batch.batch_id}/report.csv` }),
  },
  'GET /api/v1/target-lists': { ok: 200, cross: 'own', make: () => ({ path: '/target-lists/' }) },
  'POST /api/v1/target-lists': {
    ok: 201, cross: 'own',
    make: () => ({ path: '/target-lists/', body: { name: `L ${randomUUID().slice(0, 8)}`, targets: [{ label: 'a' }] }, probes: ['/target-lists/'] }),
  },
  'GET /api/v1/target-lists/{id}': { ok: 200, cross: 'path', make: (A) => ({ path: `/target-lists/${A.list.id}` }) },
  'PUT /api/v1/target-lists/{id}': {
    ok: 200, cross: 'path',
    make: async (A) => {
      const l = await A.admin.createTargetList();
      return { path: `/target-lists/${l.id}`, body: { name: 'renamed', targets: [{ label: 'z' }] }, probes: [`/target-lists/${l.id}`] };
    },
  },
  'DELETE /api/v1/target-lists/{id}': {
    ok: 204, cross: 'path',
    make: async (A) => {
      const l = await A.admin.createTargetList();
      return { path: `/target-lists/${l.id}`, probes: [`/target-lists/${l.id}`, '/target-lists/'] };
    },
  },
  'GET /api/v1/maintenance-schedules/preview': {
    ok: 200, cross: 'own',
    make: () => ({ path: '/maintenance-schedules/preview?cron_expression=0%209%2015%20*%20*&timezone=Europe%2FBerlin&count=3' }),
  },
  'POST /api/v1/maintenance-schedules': {
    ok: 201, cross: 'body',
    make: async (A) => {
      const t = await A.admin.createTree('maintenance');
      return {
        path: '/maintenance-schedules/',
        body: { tree_id: t.id, cron_expression: '0 9 * * 1', timezone: 'UTC', target_list_id: A.list.id },
        probes: [`/maintenance-schedules/tree/${t.id}`, '/maintenance-schedules/'],
      };
    },
  },
  'GET /api/v1/maintenance-schedules': { ok: 200, cross: 'own', make: () => ({ path: '/maintenance-schedules/' }) },
  'GET /api/v1/maintenance-schedules/tree/{tree_id}': {
    ok: 200, cross: 'path', make: (A) => ({ path: `/maintenance-schedules/tree/${A.mTree.id}` }),
  },
  'GET /api/v1/maintenance-schedules/{id}': {
    ok: 200, cross: 'path', make: (A) => ({ path: `/maintenance-schedules/${A.schedule.id}` }),
  },
  'PATCH /api/v1/maintenance-schedules/{id}': {
    ok: 200, cross: 'path',
    make: async (A) => {
      const t = await A.admin.createTree('maintenance');
      const s = await A.admin.createSchedule(t.id);
      return { path: `/maintenance-schedules/${s.id}`, body: { cron_expression: '30 6 * * *', is_active: false }, probes: [`/maintenance-schedules/${s.id}`] };
    },
  },
  'DELETE /api/v1/maintenance-schedules/{id}': {
    ok: 204, cross: 'path',
    make: async (A) => {
      const t = await A.admin.createTree('maintenance');
      const s = await A.admin.createSchedule(t.id);
      return { path: `/maintenance-schedules/${s.id}`, probes: [`/maintenance-schedules/${s.id}`, `/maintenance-schedules/tree/${t.id}`] };
    },
  },
  'POST /api/v1/maintenance-schedules/{id}/run': {
    ok: 201, cross: 'path',
    make: (A) => ({
      path: `/maintenance-schedules/${A.schedule.id}/run`, body: {},
      probes: [`/trees/${A.mTree.id}/batches`, `/maintenance-schedules/${A.schedule.id}`],
    }),
  },
};

// ---------------------------------------------------------------------------
// Fixtures

describe('authorization matrix', () => {
  let A; // team A: {admin, engineer, viewer, mTree, tsTree, session, batch, list, schedule, ids}
  let B; // team B: {admin}
  let loggedOutToken;

  before(async () => {
    const admin = await api().register({ team_name: 'Team A' });
    const engineer = await admin.addMember('engineer');
    const viewer = await admin.addMember('viewer');
    assert.equal(viewer.user.role, 'viewer');
    const mTree = await admin.createTree('maintenance');
    const tsTree = await admin.createTree('troubleshooting');
    const session = await admin.createSession(tsTree.id, { target_label: 'ws-base' });
    const batch = await admin.launchBatch(mTree.id, ['srv-01', 'srv-02']);
    const list = await admin.createTargetList();
    const schedule = await admin.createSchedule(mTree.id, { target_list_id: list.id });
    A = {
      admin, engineer, viewer, mTree, tsTree, session, batch, list, schedule,
      // Every id of team A that another team must never see.
      ids: [admin.user.team_id, admin.user.id, engineer.user.id, viewer.user.id, mTree.id, tsTree.id, session.id,
        batch.batch_id, ...batch.sessions.map((s) => s.id), list.id, schedule.id],
    };
    B = { admin: await api().register({ team_name: 'Team B' }) };
    const doomed = await admin.login();
    expectStatus(await doomed.post('/auth/logout', {}), 204);
    loggedOutToken = doomed.token;
  });

  // ---------------------------------------------------------------------------
  // Helpers

  function methodOf(key) { return key.slice(0, key.indexOf(' ')); }

  async function send(client, key, req, token = client.token) {
    return client.request(methodOf(key), req.path, { body: req.body, token });
  }

  /** A's view of the probed paths: status and body of each. */
  async function snapshot(req) {
    const out = {};
    for (const p of req.probes ?? []) {
      const res = await A.admin.get(p);
      out[p] = { status: res.status, body: res.body };
    }
    return out;
  }

  function expect401(res, what) {
    if (res.status !== 401) assert.fail(`${what}: expected 401, got ${res}`);
    expectDetail(res, 401);
    assert.match(res.headers.get('www-authenticate') || '', /^Bearer/i, `${what}: 401 without WWW-Authenticate: Bearer`);
  }

  function expectOk(res, status, what) {
    if (res.status !== status) assert.fail(`${what}: expected ${status}, got ${res}`);
  }

  function mentionsNoneOf(res, ids, what) {
    const leaked = ids.filter((id) => res.text.includes(id));
    assert.deepEqual(leaked, [], `${what}: team B's answer mentions team A's ids ${leaked.join(', ')}: ${res}`);
  }

  /** The token `who` sends for `req`: its own, or a fresh one when the request would spend it. */
  async function tokenFor(who, req) {
    return req.fresh ? (await who.login()).token : who.token;
  }

  // ---------------------------------------------------------------------------
  // The table matches the binary

  describe('route table', () => {
    test('the binary lists routes with method, path and a known access level', () => {
      assert.ok(LIVE.length >= 30, `only ${LIVE.length} routes listed`);
      for (const r of LIVE) {
        assert.match(r.method, /^(GET|POST|PUT|PATCH|DELETE)$/, JSON.stringify(r));
        assert.ok(r.path.startsWith(API_PREFIX + '/'), JSON.stringify(r));
        assert.ok(['public', 'read', 'write', 'admin'].includes(r.access), JSON.stringify(r));
      }
      const keys = LIVE.map(keyOf);
      assert.deepEqual(keys.filter((k, i) => keys.indexOf(k) !== i), [], 'duplicate routes');
    });

    test('every route of the binary has an entry in this matrix', () => {
      const missing = LIVE.map(keyOf).filter((k) => !(k in ROUTES));
      assert.deepEqual(missing, [], `routes without an authorization-matrix entry: ${missing.join(', ')}`);
    });

    test('every entry of this matrix names a route the binary still has', () => {
      const live = new Set(LIVE.map(keyOf));
      const stale = Object.keys(ROUTES).filter((k) => !live.has(k));
      assert.deepEqual(stale, [], `matrix entries for routes that no longer exist: ${stale.join(', ')}`);
    });

    test('only register (and its mode), login and health are public', () => {
      const pub = LIVE.filter((r) => r.access === 'public').map(keyOf).sort();
      assert.deepEqual(pub, ['GET /api/v1/auth/registration', 'GET /api/v1/health', 'POST /api/v1/auth/login',
        'POST /api/v1/auth/register']);
    });
  });

  // ---------------------------------------------------------------------------
  // One test per route of the binary

  describe('every route', () => {
    for (const route of LIVE) {
      const key = keyOf(route);
      const entry = ROUTES[key];
      test(`${key} [${route.access}]`, async () => {
        if (!entry) assert.fail(`route ${key} has no entry in the authorization matrix (ROUTES in authz_matrix.test.mjs)`);
        const anon = api();

        if (route.access === 'public') {
          let req = await entry.make(A);
          expectOk(await send(anon, key, req, null), entry.ok, `${key} without a token`);
          req = await entry.make(A);
          expectOk(await send(anon, key, req, `garbage-${randomUUID()}`), entry.ok, `${key} with a garbage token (public route)`);
          return;
        }

        // Unauthenticated: no token, a well-formed random one, a logged-out one.
        const shapes = [
          ['no token', null],
          ['a garbage token', randomBytes(32).toString('base64url')],
          ['a logged-out token', loggedOutToken],
        ];
        for (const [what, token] of shapes) {
          const req = await entry.make(A);
          const before_ = await snapshot(req);
          expect401(await send(anon, key, req, token), `${key} with ${what}`);
          assert.deepEqual(await snapshot(req), before_, `${key} with ${what} changed team A's data`);
        }

        // Another team.
        {
          const req = await entry.make(A);
          const before_ = await snapshot(req);
          const res = await send(B.admin, key, req, await tokenFor(B.admin, req));
          if (entry.cross === 'own') {
            expectOk(res, entry.ok, `${key} by team B (own data)`);
            mentionsNoneOf(res, A.ids, key);
          } else {
            if (res.status !== 404) assert.fail(`${key} by team B with team A's ${entry.cross === 'path' ? 'id in the path' : 'id in the body'}: expected 404, got ${res}`);
            expectDetail(res, 404);
            mentionsNoneOf(res, A.ids, key);
          }
          assert.deepEqual(await snapshot(req), before_, `${key} by team B changed team A's data`);
        }

        // Viewer of team A.
        {
          const req = await entry.make(A);
          const before_ = await snapshot(req);
          const res = await send(A.viewer, key, req, await tokenFor(A.viewer, req));
          if (route.access === 'read') {
            expectOk(res, entry.ok, `${key} by a viewer (read route)`);
          } else {
            if (res.status !== 403) assert.fail(`${key} by a viewer (${route.access} route): expected 403, got ${res}`);
            expectDetail(res, 403);
            assert.deepEqual(await snapshot(req), before_, `${key} by a viewer changed data despite the 403`);
          }
        }

        // Engineer of team A.
        {
          const req = await entry.make(A);
          const before_ = await snapshot(req);
          const res = await send(A.engineer, key, req, await tokenFor(A.engineer, req));
          if (route.access === 'admin') {
            if (res.status !== 403) assert.fail(`${key} by an engineer (admin route): expected 403, got ${res}`);
            expectDetail(res, 403);
            assert.deepEqual(await snapshot(req), before_, `${key} by an engineer changed data despite the 403`);
          } else {
            expectOk(res, entry.ok, `${key} by an engineer (${route.access} route)`);
          }
        }

        // Admin of team A: the positive control.
        {
          const req = await entry.make(A);
          const res = await send(A.admin, key, req, await tokenFor(A.admin, req));
          expectOk(res, entry.ok, `${key} by team A's admin (positive control: the matrix's request must be valid)`);
        }
      });
    }
  });

  // ---------------------------------------------------------------------------
  // Team A's ids smuggled into team B's own requests (query strings and bodies)

  describe('another team\'s ids inside queries and bodies', () => {
    test('filters naming team A\'s flow or batch show B nothing', async () => {
      for (const path of [`/sessions/?tree_id=${A.mTree.id}`, `/sessions/?batch_id=${A.batch.batch_id}`,
        `/trees/?q=${encodeURIComponent(A.mTree.name)}`]) {
        const res = await B.admin.get(path);
        expectStatus(res, [200, 404]);
        mentionsNoneOf(res, A.ids, `team B GET ${path}`);
        if (res.status === 200 && res.body.items) assert.equal(res.body.total, 0, `team B GET ${path}: ${res}`);
        if (res.status === 200 && Array.isArray(res.body)) assert.equal(res.body.length, 0, `team B GET ${path}: ${res}`);
      }
    });

    test('B\'s own schedule cannot point at A\'s target list (404, B\'s schedule unchanged)', async () => {
      const tree = await B.admin.createTree('maintenance');
      const sched = await B.admin.createSchedule(tree.id);
      const res = await B.admin.patch(`/maintenance-schedules/${sched.id}`, { target_list_id: A.list.id });
      if (res.status !== 404) assert.fail(`PATCH B's schedule with A's target_list_id: expected 404, got ${res}`);
      expectDetail(res, 404);
      assert.deepEqual((await B.admin.get(`/maintenance-schedules/${sched.id}`)).body, sched);
    });

    test('B cannot create a schedule on its own flow with A\'s target list (404, nothing created)', async () => {
      const tree = await B.admin.createTree('maintenance');
      const res = await B.admin.post('/maintenance-schedules/',
        { tree_id: tree.id, cron_expression: '0 9 * * *', target_list_id: A.list.id });
      if (res.status !== 404) assert.fail(`POST schedule with A's target_list_id: expected 404, got ${res}`);
      expectDetail(res, 404);
      expectDetail(await B.admin.get(`/maintenance-schedules/tree/${tree.id}`), 404);
    });

    test('B cannot change the role of A\'s members, nor read them through /teams/me', async () => {
      const res = await B.admin.patch(`/teams/members/${A.viewer.user.id}`, { role: 'admin' });
      expectDetail(res, 404);
      assert.equal((await A.viewer.get('/auth/me')).body.role, 'viewer');
      const team = await B.admin.get('/teams/me');
      mentionsNoneOf(team, A.ids, 'team B GET /teams/me');
    });
  });
});
