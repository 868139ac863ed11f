// Accounts, tokens, teams, invites, roles.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  useServer, expectStatus, expectDetail, expect422, expectUuid, expectInstant, randomEmail,
  PASSWORD,
} from './harness.mjs';

const api = useServer(before, after);

function expectUser(user, { email, name, role, teamId } = {}) {
  expectUuid(user.id, 'user.id');
  expectUuid(user.team_id, 'user.team_id');
  assert.equal(typeof user.email, 'string');
  if (email) assert.equal(user.email.toLowerCase(), email.toLowerCase());
  if (name) assert.equal(user.name, name);
  if (role) assert.equal(user.role, role);
  if (teamId) assert.equal(user.team_id, teamId);
  assert.equal(user.is_active, true);
  expectInstant(user.created_at, 'user.created_at');
  assert.equal('password' in user || 'password_hash' in user || 'hashed_password' in user, false,
    'the password hash must never be returned');
}

function expect401(res) {
  expectDetail(res, 401);
  assert.match(res.headers.get('www-authenticate') || '', /^Bearer/, '401 must carry WWW-Authenticate: Bearer');
}

describe('register', () => {
  test('creates a team with the user as admin → 201 with token and user', async () => {
    const email = randomEmail('reg');
    const res = await api().post('/auth/register',
      { email, password: PASSWORD, name: 'Alice Admin', team_name: 'Contoso IT' });
    expectStatus(res, 201);
    assert.equal(typeof res.body.access_token, 'string');
    assert.ok(res.body.access_token.length >= 32, 'token should carry at least 32 random bytes');
    assert.equal(res.body.token_type, 'bearer');
    expectUser(res.body.user, { email, name: 'Alice Admin', role: 'admin' });

    const me = await api().withToken(res.body.access_token).get('/auth/me');
    expectStatus(me, 200);
    assert.deepEqual(me.body, res.body.user);

    const team = await api().withToken(res.body.access_token).get('/teams/me');
    expectStatus(team, 200);
    assert.equal(team.body.name, 'Contoso IT');
    assert.equal(team.body.id, res.body.user.team_id);
  });

  test('each registration gets its own team and its own token', async () => {
    const a = await api().register();
    const b = await api().register();
    assert.notEqual(a.user.team_id, b.user.team_id);
    assert.notEqual(a.token, b.token);
  });

  test('duplicate email → 409, case-insensitively; the first account is untouched', async () => {
    const email = randomEmail('dup');
    const first = await api().register({ email });
    for (const variant of [email, email.toUpperCase(), email.replace('rf-', 'RF-')]) {
      const res = await api().post('/auth/register',
        { email: variant, password: 'another password', name: 'Mallory', team_name: 'Evil Corp' });
      expectDetail(res, 409);
    }
    // The original password still works and the user is unchanged.
    const again = await first.login(email, PASSWORD);
    assert.equal(again.user.id, first.user.id);
    assert.equal(again.user.name, first.user.name);
    const res = await api().post('/auth/login', { email, password: 'another password' });
    expectDetail(res, 401);
  });

  test('eight concurrent registrations of one email → exactly one 201, seven 409', async () => {
    const email = randomEmail('race');
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => api().post('/auth/register',
      { email: i % 2 ? email : email.toUpperCase(), password: PASSWORD, name: `Racer ${i}`, team_name: `Race ${i}` })));
    const statuses = results.map((r) => r.status).sort();
    assert.deepEqual(statuses, [201, 409, 409, 409, 409, 409, 409, 409], `statuses: ${statuses}`);
    const winner = results.find((r) => r.status === 201).body;
    const login = await api().post('/auth/login', { email, password: PASSWORD });
    expectStatus(login, 200);
    assert.equal(login.body.user.id, winner.user.id);
  });

  test('field rules → 422 with the field in loc', async () => {
    const ok = { email: randomEmail('v'), password: 'x'.repeat(8), name: 'N', team_name: 'T' };
    const cases = [
      [{ password: 'x'.repeat(7) }, 'password'],
      [{ password: 'x'.repeat(129) }, 'password'],
      [{ name: '' }, 'name'],
      [{ name: 'n'.repeat(256) }, 'name'],
      [{ team_name: '' }, 'team_name'],
      [{ team_name: 't'.repeat(256) }, 'team_name'],
      [{ email: 'not-an-email' }, 'email'],
      [{ email: '' }, 'email'],
      [{ email: undefined }, 'email'],
      [{ password: undefined }, 'password'],
      [{ name: undefined }, 'name'],
    ];
    for (const [change, field] of cases) {
      const body = { ...ok, ...change };
      for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
      expect422(await api().post('/auth/register', body), ['body', field]);
    }
    // None of the refused attempts created the account.
    expectDetail(await api().post('/auth/login', { email: ok.email, password: ok.password }), 401);
  });

  test('limits: password of 8 and of 128, names of 255 are accepted', async () => {
    const a = await api().register({ password: 'p'.repeat(8), name: 'n'.repeat(255), team_name: 't'.repeat(255) });
    assert.equal(a.user.name, 'n'.repeat(255));
    const b = await api().register({ password: 'p'.repeat(128) });
    await b.login();
  });

  test('neither team_name nor invite_code → 422', async () => {
    const res = await api().post('/auth/register', { email: randomEmail(), password: PASSWORD, name: 'N' });
    expect422(res, ['body']);
  });

  test('unknown invite code → 404, no account created', async () => {
    const email = randomEmail('inv');
    const res = await api().post('/auth/register',
      { email, password: PASSWORD, name: 'N', invite_code: 'no-such-code-' + randomUUID() });
    expectDetail(res, 404);
    expectDetail(await api().post('/auth/login', { email, password: PASSWORD }), 401);
  });
});

describe('login, me, logout', () => {
  test('login → 200 with the register shape; the new token works', async () => {
    const admin = await api().register();
    const res = await api().post('/auth/login', { email: admin.email, password: PASSWORD });
    expectStatus(res, 200);
    assert.equal(res.body.token_type, 'bearer');
    assert.equal(typeof res.body.access_token, 'string');
    assert.notEqual(res.body.access_token, admin.token);
    assert.deepEqual(res.body.user, admin.user);
    const me = await api().withToken(res.body.access_token).get('/auth/me');
    expectStatus(me, 200);
    assert.deepEqual(me.body, admin.user);
  });

  test('login is case-insensitive in the email', async () => {
    const admin = await api().register();
    const again = await admin.login(admin.email.toUpperCase(), PASSWORD);
    assert.equal(again.user.id, admin.user.id);
  });

  test('wrong password and unknown email → 401 with the same detail', async () => {
    const admin = await api().register();
    const wrong = await api().post('/auth/login', { email: admin.email, password: 'wrong password' });
    expect401(wrong);
    const unknown = await api().post('/auth/login', { email: randomEmail('nobody'), password: PASSWORD });
    expect401(unknown);
    assert.equal(wrong.body.detail, unknown.body.detail, 'do not reveal which emails exist');
  });

  test('logout → 204 and that token stops working everywhere', async () => {
    const admin = await api().register();
    expectStatus(await admin.get('/auth/me'), 200);
    const res = await admin.post('/auth/logout', {});
    expectStatus(res, 204);
    assert.equal(res.text, '');
    expect401(await admin.get('/auth/me'));
    expect401(await admin.get('/trees/'));
    expect401(await admin.get('/teams/me'));
    expect401(await admin.post('/trees/', { name: 'x', tree_type: 'procedural', tree_structure: { steps: [{ id: 'a', type: 'procedure_step', title: 'A' }] } }));
    expect401(await admin.post('/auth/logout', {}));
    // The account itself is fine: a fresh login works.
    await admin.login();
  });

  test('401 without a token, with a garbage token, with a wrong scheme — on every authenticated route', async () => {
    const admin = await api().register();
    const id = randomUUID();
    const routes = [
      ['GET', '/auth/me'], ['POST', '/auth/logout'], ['GET', '/teams/me'], ['POST', '/teams/invites'],
      ['PATCH', `/teams/members/${id}`], ['GET', '/trees/'], ['GET', '/trees'], ['GET', '/trees/counts'],
      ['POST', '/trees/'], ['GET', `/trees/${id}`], ['PUT', `/trees/${id}`], ['DELETE', `/trees/${id}`],
      ['GET', `/trees/${id}/batches`], ['GET', '/sessions/'], ['POST', '/sessions/'], ['GET', `/sessions/${id}`],
      ['PATCH', `/sessions/${id}`], ['POST', `/sessions/${id}/complete`], ['POST', '/sessions/batch'],
      ['GET', `/batches/${id}`], ['GET', `/batches/${id}/report.csv`], ['GET', '/target-lists/'],
      ['POST', '/target-lists/'], ['GET', `/target-lists/${id}`], ['PUT', `/target-lists/${id}`],
      ['DELETE', `/target-lists/${id}`], ['GET', '/maintenance-schedules/'], ['POST', '/maintenance-schedules/'],
      ['GET', `/maintenance-schedules/tree/${id}`], ['GET', `/maintenance-schedules/${id}`],
      ['PATCH', `/maintenance-schedules/${id}`], ['DELETE', `/maintenance-schedules/${id}`],
      ['POST', `/maintenance-schedules/${id}/run`], ['GET', '/maintenance-schedules/preview?cron_expression=0+9+*+*+*'],
    ];
    const variants = [
      {},
      { authorization: 'Bearer garbage' },
      { authorization: `Bearer ${'A'.repeat(43)}` },
      { authorization: 'Bearer ' },
      { authorization: `Basic ${Buffer.from(`${admin.email}:${PASSWORD}`).toString('base64')}` },
      { authorization: admin.token },
      { authorization: `Bearer ${admin.token}x` },
    ];
    for (const [method, path] of routes) {
      for (const headers of variants) {
        const hasBody = method !== 'GET' && method !== 'DELETE';
        const res = await api().request(method, path, { headers, body: hasBody ? {} : undefined, token: null });
        if (res.status !== 401) assert.fail(`${method} ${path} with ${JSON.stringify(headers).slice(0, 60)}: expected 401, got ${res}`);
        expect401(res);
      }
    }
  });

  test('login throttling: after 5 failures for one email → 429 with Retry-After; other accounts unaffected', async () => {
    const victim = await api().register();
    const bystander = await api().register();
    for (let i = 1; i <= 5; i += 1) {
      const res = await api().post('/auth/login', { email: victim.email, password: `wrong ${i}` });
      if (res.status !== 401) assert.fail(`failure ${i}: expected 401, got ${res}`);
    }
    const res = await api().post('/auth/login', { email: victim.email, password: 'wrong 6' });
    expectDetail(res, 429);
    const retryAfter = res.headers.get('retry-after');
    assert.match(retryAfter || '', /^\d+$/, `Retry-After should be seconds, got ${retryAfter}`);
    assert.ok(Number(retryAfter) > 0 && Number(retryAfter) <= 15 * 60, `Retry-After ${retryAfter}`);
    // Throttling is per email: the case of the email does not dodge it…
    expectDetail(await api().post('/auth/login', { email: victim.email.toUpperCase(), password: 'wrong 7' }), 429);
    // …another account logs in normally, and existing tokens keep working.
    await bystander.login();
    expectStatus(await victim.get('/auth/me'), 200);
  });
});

describe('teams, invites and roles', () => {
  test('invite → 201 {code, expires_at in ~7 days}; joining makes an engineer of the same team', async () => {
    const admin = await api().register();
    const res = await admin.post('/teams/invites', {});
    expectStatus(res, 201);
    assert.equal(typeof res.body.code, 'string');
    assert.ok(res.body.code.length >= 8);
    expectInstant(res.body.expires_at, 'expires_at');
    const days = (Date.parse(res.body.expires_at) - Date.now()) / 86_400_000;
    assert.ok(days > 6.9 && days < 7.1, `expires in ${days} days, expected 7`);

    const eng = await admin.join(res.body.code);
    expectUser(eng.user, { role: 'engineer', teamId: admin.user.team_id });
    // The code is reusable until it expires.
    const eng2 = await admin.join(res.body.code);
    assert.equal(eng2.user.team_id, admin.user.team_id);
    assert.equal(eng2.user.role, 'engineer');
  });

  test('register with invite_code (no team_name) joins that team as engineer', async () => {
    const admin = await api().register();
    const code = await admin.invite();
    const res = await api().post('/auth/register',
      { email: randomEmail(), password: PASSWORD, name: 'N', invite_code: code });
    expectStatus(res, 201);
    assert.equal(res.body.user.team_id, admin.user.team_id);
    assert.equal(res.body.user.role, 'engineer');
  });

  test('GET /teams/me → team with exactly its members', async () => {
    const admin = await api().register({ team_name: 'Fabrikam MSP' });
    const eng = await admin.addMember('engineer');
    const viewer = await admin.addMember('viewer');
    await api().register(); // another team, must not appear
    for (const client of [admin, eng, viewer]) {
      const res = await client.get('/teams/me');
      expectStatus(res, 200);
      assert.equal(res.body.id, admin.user.team_id);
      assert.equal(res.body.name, 'Fabrikam MSP');
      expectInstant(res.body.created_at, 'team.created_at');
      assert.ok(Array.isArray(res.body.members));
      const byId = Object.fromEntries(res.body.members.map((m) => [m.id, m]));
      assert.deepEqual(Object.keys(byId).sort(), [admin.user.id, eng.user.id, viewer.user.id].sort());
      assert.equal(byId[admin.user.id].role, 'admin');
      assert.equal(byId[eng.user.id].role, 'engineer');
      assert.equal(byId[viewer.user.id].role, 'viewer');
      for (const m of res.body.members) expectUser(m, { teamId: admin.user.team_id });
    }
  });

  test('admin changes a member role → 200 user; the change applies at once', async () => {
    const admin = await api().register();
    const eng = await admin.addMember('engineer');
    const tree = await eng.createTree('procedural');

    let res = await admin.patch(`/teams/members/${eng.user.id}`, { role: 'viewer' });
    expectStatus(res, 200);
    expectUser(res.body, { role: 'viewer', teamId: admin.user.team_id });
    assert.equal(res.body.id, eng.user.id);
    assert.equal((await eng.get('/auth/me')).body.role, 'viewer');
    expectDetail(await eng.put(`/trees/${tree.id}`, { name: 'renamed by a viewer' }), 403);
    assert.equal((await admin.getTree(tree.id)).name, tree.name);

    res = await admin.patch(`/teams/members/${eng.user.id}`, { role: 'admin' });
    expectStatus(res, 200);
    assert.equal(res.body.role, 'admin');
    // The promoted member can now invite.
    expectStatus(await eng.post('/teams/invites', {}), 201);
  });

  test('role change validation: bad role 422, unknown or other team member 404, last admin 400', async () => {
    const admin = await api().register();
    const eng = await admin.addMember('engineer');
    const stranger = await api().register();

    expect422(await admin.patch(`/teams/members/${eng.user.id}`, { role: 'superuser' }), ['body', 'role']);
    expect422(await admin.patch(`/teams/members/${eng.user.id}`, {}), ['body', 'role']);
    expectDetail(await admin.patch(`/teams/members/${randomUUID()}`, { role: 'viewer' }), 404);
    expectDetail(await admin.patch(`/teams/members/${stranger.user.id}`, { role: 'viewer' }), 404);
    expectDetail(await admin.patch(`/teams/members/${admin.user.id}`, { role: 'engineer' }), 400);

    assert.equal((await stranger.get('/auth/me')).body.role, 'admin');
    assert.equal((await admin.get('/auth/me')).body.role, 'admin');
    assert.equal((await eng.get('/auth/me')).body.role, 'engineer');

    // With a second admin, the first may step down.
    expectStatus(await admin.patch(`/teams/members/${eng.user.id}`, { role: 'admin' }), 200);
    const res = await admin.patch(`/teams/members/${admin.user.id}`, { role: 'engineer' });
    expectStatus(res, 200);
    assert.equal(res.body.role, 'engineer');
  });

  test('engineers and viewers get 403 on admin routes, and nothing changes', async () => {
    const admin = await api().register();
    const eng = await admin.addMember('engineer');
    const viewer = await admin.addMember('viewer');
    for (const member of [eng, viewer]) {
      expectDetail(await member.post('/teams/invites', {}), 403);
      expectDetail(await member.patch(`/teams/members/${member.user.id}`, { role: 'admin' }), 403);
      expectDetail(await member.patch(`/teams/members/${admin.user.id}`, { role: 'viewer' }), 403);
    }
    const team = (await admin.get('/teams/me')).body;
    const roles = Object.fromEntries(team.members.map((m) => [m.id, m.role]));
    assert.deepEqual(roles, { [admin.user.id]: 'admin', [eng.user.id]: 'engineer', [viewer.user.id]: 'viewer' });
  });
});

describe('viewer', () => {
  let admin;
  let viewer;
  let tree;
  let ts;
  let session;
  let batch;
  let list;
  let schedule;

  before(async () => {
    admin = await api().register();
    viewer = await admin.addMember('viewer');
    tree = await admin.createTree('maintenance');
    ts = await admin.createTree('troubleshooting');
    session = await admin.createSession(ts.id);
    batch = await admin.launchBatch(tree.id, ['srv-01', 'srv-02']);
    list = await admin.createTargetList();
    schedule = await admin.createSchedule(tree.id, { target_list_id: list.id });
  });

  test('reads everything of its team', async () => {
    const reads = [
      '/auth/me', '/teams/me', '/trees/', '/trees/counts', `/trees/${tree.id}`, `/trees/${tree.id}/batches`,
      '/sessions/', `/sessions/${session.id}`, `/batches/${batch.batch_id}`, `/batches/${batch.batch_id}/report.csv`,
      '/target-lists/', `/target-lists/${list.id}`, '/maintenance-schedules/', `/maintenance-schedules/${schedule.id}`,
      `/maintenance-schedules/tree/${tree.id}`, '/maintenance-schedules/preview?cron_expression=0%209%2015%20*%20*',
    ];
    for (const path of reads) expectStatus(await viewer.get(path), 200);
    assert.equal((await viewer.get('/trees/counts')).body.total, 2);
  });

  test('gets 403 on every write, and nothing changes', async () => {
    const snapshot = async () => ({
      trees: (await admin.get('/trees/')).body,
      sessions: (await admin.get('/sessions/?size=200')).body,
      session: (await admin.get(`/sessions/${session.id}`)).body,
      history: (await admin.get(`/trees/${tree.id}/batches`)).body,
      lists: (await admin.get('/target-lists/')).body,
      schedules: (await admin.get('/maintenance-schedules/')).body,
      team: (await admin.get('/teams/me')).body,
    });
    const before_ = await snapshot();
    const writes = [
      ['POST', '/trees/', { name: 'x', tree_type: 'procedural', tree_structure: { steps: [{ id: 'a', type: 'procedure_step', title: 'A' }] } }],
      ['POST', '/trees', { name: 'x', tree_type: 'procedural', tree_structure: { steps: [{ id: 'a', type: 'procedure_step', title: 'A' }] } }],
      ['PUT', `/trees/${tree.id}`, { name: 'renamed' }],
      ['DELETE', `/trees/${ts.id}`],
      ['POST', '/sessions/', { tree_id: ts.id }],
      ['PATCH', `/sessions/${session.id}`, { notes: 'viewer was here' }],
      ['POST', `/sessions/${session.id}/complete`, {}],
      ['POST', '/sessions/batch', { tree_id: tree.id, targets: [{ label: 'x' }] }],
      ['POST', '/target-lists/', { name: 'x', targets: [{ label: 'a' }] }],
      ['PUT', `/target-lists/${list.id}`, { name: 'renamed' }],
      ['DELETE', `/target-lists/${list.id}`],
      ['POST', '/maintenance-schedules/', { tree_id: tree.id, cron_expression: '0 9 * * *' }],
      ['PATCH', `/maintenance-schedules/${schedule.id}`, { is_active: false }],
      ['POST', `/maintenance-schedules/${schedule.id}/run`, {}],
      ['DELETE', `/maintenance-schedules/${schedule.id}`],
      ['POST', '/teams/invites', {}],
      ['PATCH', `/teams/members/${viewer.user.id}`, { role: 'admin' }],
    ];
    for (const [method, path, body] of writes) {
      const res = await viewer.request(method, path, { body });
      if (res.status !== 403) assert.fail(`viewer ${method} ${path}: expected 403, got ${res}`);
      expectDetail(res, 403);
    }
    assert.deepEqual(await snapshot(), before_);
  });

  test('sees nothing of another team', async () => {
    const other = await api().register();
    const otherTree = await other.createTree('maintenance');
    expectDetail(await viewer.get(`/trees/${otherTree.id}`), 404);
    assert.ok(!(await viewer.get('/trees/')).body.some((t) => t.id === otherTree.id));
  });
});
