// Issue 9 / SPEC §8: registration modes, invites and member removal, quotas, bounded
// answers, and the invariants that two users acting at the same moment must not break.
// Every defect the outside review found has a test here that failed before the fix; the
// races run many rounds of real concurrent requests. scripts/test.sh runs this file on
// SQLite and on PostgreSQL.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  useServer, startServer, connect, freshDatabaseUrl, expectStatus, expectDetail, expect422, randomEmail,
  structureFor, PASSWORD, parseCsv,
} from './harness.mjs';

const ROUNDS = 12;

describe('registration by invitation (the default)', () => {
  let server;
  let api;
  before(async () => {
    server = await startServer({ databaseUrl: freshDatabaseUrl(), extraArgs: ['--registration', 'invite'] });
    api = connect(server);
  });
  after(async () => { await server?.stop(); });

  test('the first registration creates the team; later ones need an invite', async () => {
    let mode = await api.get('/auth/registration');
    expectStatus(mode, 200);
    assert.deepEqual(mode.body, { mode: 'invite', can_create_team: true });

    // Two "first" registrations at the same moment make exactly one team.
    const body = () => ({ email: randomEmail('first'), password: PASSWORD, name: 'First', team_name: 'Only team' });
    const firsts = await Promise.all([api.post('/auth/register', body()), api.post('/auth/register', body())]);
    assert.deepEqual(firsts.map((r) => r.status).sort(), [201, 403]);
    const admin = firsts.find((r) => r.status === 201);
    assert.equal(admin.body.user.role, 'admin');

    mode = await api.get('/auth/registration');
    assert.deepEqual(mode.body, { mode: 'invite', can_create_team: false });
    const refused = await api.post('/auth/register', body());
    expectStatus(refused, 403);
    assert.equal(refused.body.detail, 'Registration is by invitation only');

    // An invite still lets people in.
    const adminClient = api.withToken(admin.body.access_token);
    const code = await adminClient.invite();
    const joined = await api.post('/auth/register',
      { email: randomEmail('joiner'), password: PASSWORD, name: 'Joiner', invite_code: code });
    expectStatus(joined, 201);
    assert.equal(joined.body.user.team_id, admin.body.user.team_id);
  });
});

describe('registration open', () => {
  const api = useServer(before, after, { extraArgs: ['--registration', 'open'] });
  test('anyone may create a team', async () => {
    const mode = await api().get('/auth/registration');
    assert.deepEqual(mode.body, { mode: 'open', can_create_team: true });
    await api().register();
    await api().register();
  });
});

describe('invites and members', () => {
  const api = useServer(before, after);

  test('invites carry a role, are listed, and can be revoked', async () => {
    const admin = await api().register();
    const other = await api().register();
    const made = await admin.post('/teams/invites', { role: 'viewer' });
    expectStatus(made, 201);
    assert.equal(made.body.role, 'viewer');
    const plain = await admin.post('/teams/invites');
    expectStatus(plain, 201);
    assert.equal(plain.body.role, 'engineer');
    expect422(await admin.post('/teams/invites', { role: 'owner' }), ['body', 'role']);

    const listed = await admin.get('/teams/invites');
    expectStatus(listed, 200);
    assert.deepEqual(listed.body.map((i) => i.code).sort(), [made.body.code, plain.body.code].sort());
    for (const i of listed.body) {
      assert.equal(i.created_by, admin.user.id);
      assert.equal(i.created_by_name, 'Alice Admin');
      assert.ok(Date.parse(i.expires_at) > Date.now());
    }
    // Another team sees none of them and cannot revoke them.
    assert.deepEqual((await other.get('/teams/invites')).body, []);
    expectDetail(await other.del(`/teams/invites/${made.body.code}`), 404);
    expectStatus(await admin.del('/teams/invites/not*a*code'), 404);

    const viewer = await admin.join(made.body.code);
    assert.equal(viewer.user.role, 'viewer');

    expectStatus(await admin.del(`/teams/invites/${plain.body.code}`), 204);
    expectStatus(await admin.del(`/teams/invites/${plain.body.code}`), 404);
    const late = await api().post('/auth/register',
      { email: randomEmail(), password: PASSWORD, name: 'Late', invite_code: plain.body.code });
    expectDetail(late, 404);
  });

  test('a removed member loses access at once; their work keeps their name', async () => {
    const admin = await api().register();
    const member = await admin.addMember('engineer');
    const tree = await admin.createTree('troubleshooting');
    const session = await member.createSession(tree.id);

    expectStatus(await member.get('/auth/me'), 200);
    expectStatus(await admin.del(`/teams/members/${member.user.id}`), 204);
    expectStatus(await member.get('/auth/me'), 401);
    const relogin = await api().post('/auth/login', { email: member.email, password: PASSWORD });
    expectStatus(relogin, 401);

    const team = await admin.get('/teams/me');
    assert.ok(!team.body.members.some((m) => m.id === member.user.id));
    const kept = await admin.get(`/sessions/${session.id}`);
    assert.equal(kept.body.user_name, 'Eddie Engineer');

    // The address is free again: the person can be invited back as a new account.
    const back = await admin.join(await admin.invite(), { email: member.email });
    assert.notEqual(back.user.id, member.user.id);

    expectStatus(await admin.del(`/teams/members/${member.user.id}`), 404);
    const other = await api().register();
    expectStatus(await other.del(`/teams/members/${back.user.id}`), 404);
    expectStatus(await admin.get('/auth/me'), 200);
  });

  test('the last admin can be neither demoted nor removed', async () => {
    const admin = await api().register();
    expectDetail(await admin.del(`/teams/members/${admin.user.id}`), 400);
    expectDetail(await admin.patch(`/teams/members/${admin.user.id}`, { role: 'engineer' }), 400);
  });

  test(`two admins demoting or removing each other at once leave one admin (${ROUNDS} rounds)`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const a = await api().register();
      const b = await a.addMember('admin');
      const remove = round % 2 === 1;
      const act = (who, target) => (remove
        ? who.del(`/teams/members/${target.user.id}`)
        : who.patch(`/teams/members/${target.user.id}`, { role: 'engineer' }));
      const results = await Promise.all([act(a, b), act(b, a)]);
      const statuses = results.map((r) => r.status);
      // One wins; the other is refused as the last admin, or finds itself no longer an
      // admin (403) or no longer a member (401).
      assert.ok(statuses.filter((s) => s === 200 || s === 204).length === 1, `round ${round}: ${statuses}`);
      const survivor = statuses[0] === 200 || statuses[0] === 204 ? a : b;
      const team = await survivor.get('/teams/me');
      const admins = team.body.members.filter((m) => m.role === 'admin' && m.is_active);
      assert.equal(admins.length, 1, `round ${round}: ${JSON.stringify(team.body.members)}`);
    }
  });
});

describe('quotas', () => {
  const api = useServer(before, after, {
    extraArgs: ['--quota-sessions', '12', '--quota-flows', '4', '--quota-target-lists', '3', '--quota-members', '3',
      '--quota-invites', '3'],
  });

  test('sessions per rolling window: 429 with Retry-After on every way of creating them', async () => {
    const admin = await api().register();
    const tree = await admin.createTree('maintenance');
    const ts = await admin.createTree('troubleshooting');
    await admin.launchBatch(tree.id, Array.from({ length: 10 }, (_, i) => `t${i}`));
    await admin.createSession(ts.id);
    const over = await admin.post('/sessions/batch', { tree_id: tree.id, targets: [{ label: 'a' }, { label: 'b' }] });
    expectStatus(over, 429);
    const retry = Number(over.headers.get('retry-after'));
    assert.ok(retry >= 1 && retry <= 600, `Retry-After ${retry}`);
    assert.match(over.body.detail, /limit of 12 sessions in 10 minutes/);
    // The refused batch created nothing.
    assert.equal(await admin.sessionCount({ tree_id: tree.id }), 10);

    await admin.createSession(ts.id); // the twelfth fits
    expectStatus(await admin.post('/sessions/', { tree_id: ts.id }), 429);
    const list = await admin.createTargetList();
    const schedule = await admin.createSchedule(tree.id, { target_list_id: list.id });
    expectStatus(await admin.post(`/maintenance-schedules/${schedule.id}/run`), 429);

    // Another team has its own allowance.
    const other = await api().register();
    const theirs = await other.createTree('maintenance');
    await other.launchBatch(theirs.id, ['x']);
  });

  test('concurrent batches never exceed the session quota', async () => {
    const admin = await api().register();
    const tree = await admin.createTree('maintenance');
    const results = await Promise.all(Array.from({ length: 8 }, () =>
      admin.post('/sessions/batch', { tree_id: tree.id, targets: [{ label: 'a' }, { label: 'b' }, { label: 'c' }] })));
    const created = results.filter((r) => r.status === 201).length;
    assert.equal(created, 4, results.map((r) => r.status).join(','));
    assert.ok(results.every((r) => r.status === 201 || r.status === 429));
    assert.equal(await admin.sessionCount({ tree_id: tree.id }), 12);
  });

  test('flows, target lists, members and invites: 403 naming the limit, also under concurrency', async () => {
    const admin = await api().register();
    const flows = await Promise.all(Array.from({ length: 7 }, (_, i) => admin.post('/trees/', {
      name: `f${i}`, tree_type: 'procedural', tree_structure: structureFor('procedural'),
    })));
    assert.equal(flows.filter((r) => r.status === 201).length, 4);
    const refusedFlow = flows.find((r) => r.status === 403);
    assert.match(refusedFlow.body.detail, /limit of 4 flows/);

    const lists = await Promise.all(Array.from({ length: 5 }, (_, i) => admin.post('/target-lists/', {
      name: `l${i}`, targets: [{ label: 'x' }],
    })));
    assert.equal(lists.filter((r) => r.status === 201).length, 3);
    assert.match(lists.find((r) => r.status === 403).body.detail, /limit of 3 target lists/);

    const invites = await Promise.all(Array.from({ length: 5 }, () => admin.post('/teams/invites', {})));
    assert.equal(invites.filter((r) => r.status === 201).length, 3);
    assert.match(invites.find((r) => r.status === 403).body.detail, /limit of 3 open invites/);
    // Revoking one makes room for another.
    const code = invites.find((r) => r.status === 201).body.code;
    expectStatus(await admin.del(`/teams/invites/${code}`), 204);
    expectStatus(await admin.post('/teams/invites', {}), 201);

    // Members: the admin plus two joiners fill the team of three.
    const open = (await admin.get('/teams/invites')).body.map((i) => i.code);
    const joins = await Promise.all(open.map((c) => api().post('/auth/register',
      { email: randomEmail(), password: PASSWORD, name: 'J', invite_code: c })));
    assert.equal(joins.filter((r) => r.status === 201).length, 2, joins.map((r) => r.status).join(','));
    assert.match(joins.find((r) => r.status === 403).body.detail, /limit of 3 members/);
  });

  test('run now refuses a list larger than a batch may be', async () => {
    const admin = await api().register();
    const tree = await admin.createTree('maintenance');
    const list = await admin.createTargetList();
    const schedule = await admin.createSchedule(tree.id, { target_list_id: list.id });
    const big = Array.from({ length: 1500 }, (_, i) => ({ label: `srv-${i}` }));
    expectStatus(await admin.put(`/target-lists/${list.id}`, { targets: big }), 200);
    const run = await admin.post(`/maintenance-schedules/${schedule.id}/run`);
    expectStatus(run, 400);
    assert.match(run.body.detail, /at most 1,000 targets/);
    const other = await admin.createTargetList({ targets: big });
    expectStatus(await admin.patch(`/maintenance-schedules/${schedule.id}`, { target_list_id: other.id }), 400);
  });
});

describe('bounded answers', () => {
  const api = useServer(before, after);

  test('session lists are summaries; the single GET has the progress', async () => {
    const admin = await api().register();
    const tree = await admin.createTree('troubleshooting');
    const s = await admin.createSession(tree.id);
    expectStatus(await admin.patch(`/sessions/${s.id}`,
      { path_taken: ['q1'], decisions: { q1: 'Yes' }, session_variables: { k: 'v' }, notes: 'n' }), 200);
    const list = await admin.listSessions({ tree_id: tree.id });
    const item = list.items[0];
    for (const blob of ['tree_snapshot', 'path_taken', 'decisions', 'custom_steps', 'session_variables']) {
      assert.equal(item[blob], undefined, blob);
    }
    assert.equal(item.notes, 'n');
    assert.equal(item.status, 'in_progress');
    const one = await admin.get(`/sessions/${s.id}`);
    assert.deepEqual(one.body.path_taken, ['q1']);
    assert.deepEqual(one.body.decisions, { q1: 'Yes' });
    assert.equal(typeof one.body.tree_snapshot, 'object');
  });

  test('flows and target lists page with limit, offset and X-Total-Count', async () => {
    const admin = await api().register();
    for (let i = 0; i < 5; i++) await admin.createTree('procedural', { name: `flow ${i}` });
    for (let i = 0; i < 4; i++) await admin.createTargetList({ name: `list ${i}` });
    const page = await admin.get('/trees/?limit=2&offset=1');
    expectStatus(page, 200);
    assert.ok(Array.isArray(page.body));
    assert.equal(page.body.length, 2);
    assert.equal(page.headers.get('x-total-count'), '5');
    assert.equal(page.body[0].tree_structure, undefined);
    assert.equal(page.body[0].step_count, 3); // procedure_end is not a step
    const all = await admin.get('/trees/');
    assert.deepEqual(page.body.map((t) => t.id), all.body.slice(1, 3).map((t) => t.id));

    const lists = await admin.get('/target-lists/?limit=3&offset=3');
    assert.equal(lists.body.length, 1);
    assert.equal(lists.headers.get('x-total-count'), '4');
    assert.equal(lists.body[0].targets, undefined);
    assert.equal(lists.body[0].target_count, 2);

    for (const q of ['limit=0', 'limit=1001', 'limit=x', 'offset=-1']) {
      expect422(await admin.get(`/trees/?${q}`), ['query']);
      expect422(await admin.get(`/target-lists/?${q}`), ['query']);
    }
    expectStatus(await admin.get('/trees/?limit=1000'), 200);
  });

  test('a session\'s progress is capped at 256 KiB in all', async () => {
    const admin = await api().register();
    const tree = await admin.createTree('troubleshooting');
    const s = await admin.createSession(tree.id);
    const chunk = 'x'.repeat(120 * 1024);
    expectStatus(await admin.patch(`/sessions/${s.id}`, { session_variables: { a: chunk } }), 200);
    expectStatus(await admin.patch(`/sessions/${s.id}`, { decisions: { b: chunk } }), 200);
    // Together with what is stored, this would pass 256 KiB: refused, nothing written.
    const over = await admin.patch(`/sessions/${s.id}`, { custom_steps: [{ id: 'c', title: chunk }] });
    expect422(over, ['body']);
    const stored = await admin.get(`/sessions/${s.id}`);
    assert.deepEqual(stored.body.custom_steps, []);
    assert.equal(stored.body.decisions.b.length, chunk.length);
  });
});

describe('concurrent writes', () => {
  const api = useServer(before, after);

  test(`PATCHes of different fields of one session both stay (${ROUNDS * 2} rounds)`, async () => {
    const admin = await api().register();
    const bob = await admin.addMember('engineer');
    const tree = await admin.createTree('troubleshooting');
    for (let round = 0; round < ROUNDS * 2; round++) {
      const s = await admin.createSession(tree.id);
      const [a, b] = await Promise.all([
        admin.patch(`/sessions/${s.id}`, { notes: `notes ${round}` }),
        bob.patch(`/sessions/${s.id}`, { path_taken: ['q1', 'q2'], decisions: { q1: 'Yes' } }),
      ]);
      expectStatus(a, 200);
      expectStatus(b, 200);
      const after = (await admin.get(`/sessions/${s.id}`)).body;
      assert.equal(after.notes, `notes ${round}`, `round ${round}`);
      assert.deepEqual(after.path_taken, ['q1', 'q2'], `round ${round}`);
      assert.equal(after.status, 'in_progress');
    }
  });

  test(`a schedule created while its target list is deleted: 404 or 409, never 500 (${ROUNDS * 2} rounds)`, async () => {
    const admin = await api().register();
    for (let round = 0; round < ROUNDS * 2; round++) {
      const tree = await admin.createTree('maintenance');
      const list = await admin.createTargetList();
      const [created, deleted] = await Promise.all([
        admin.post('/maintenance-schedules/', { tree_id: tree.id, cron_expression: '0 2 * * *', target_list_id: list.id }),
        admin.del(`/target-lists/${list.id}`),
      ]);
      // request() throws on any 5xx; these are the only consistent outcomes.
      if (created.status === 201) {
        expectStatus(deleted, 409);
        assert.equal(created.body.target_list_id, list.id);
      } else {
        expectStatus(created, 404);
        expectStatus(deleted, 204);
      }
    }
  });

  test(`a type change racing a schedule creation never leaves a schedule on another type (${ROUNDS * 2} rounds)`, async () => {
    const admin = await api().register();
    for (let round = 0; round < ROUNDS * 2; round++) {
      const tree = await admin.createTree('maintenance');
      const [created, changed] = await Promise.all([
        admin.post('/maintenance-schedules/', { tree_id: tree.id, cron_expression: '0 2 * * *' }),
        admin.put(`/trees/${tree.id}`, { tree_type: 'procedural' }),
      ]);
      const now = (await admin.getTree(tree.id)).tree_type;
      const schedule = await admin.get(`/maintenance-schedules/tree/${tree.id}`);
      if (schedule.status === 200) assert.equal(now, 'maintenance', `round ${round}: ${created.status}/${changed.status}`);
      assert.ok([201, 400].includes(created.status));
      assert.ok([200, 400].includes(changed.status));
    }
  });
});

describe('input edges', () => {
  const api = useServer(before, after);

  test('a flow nested 33 to 64 deep can be read and edited (was 500)', async () => {
    const admin = await api().register();
    let deep = 'leaf';
    for (let i = 0; i < 45; i++) deep = [deep];
    const structure = structureFor('procedural');
    structure.steps[0].extra = deep;
    const created = await admin.post('/trees/', { name: 'deep', tree_type: 'procedural', tree_structure: structure });
    expectStatus(created, [201, 422]);
    if (created.status === 201) {
      expectStatus(await admin.get(`/trees/${created.body.id}`), 200);
      expectStatus(await admin.put(`/trees/${created.body.id}`, { name: 'renamed' }), 200);
      expectStatus(await admin.put(`/trees/${created.body.id}`, { tree_type: 'maintenance' }), 200);
    }
  });

  test('e-mail addresses are one account under Unicode NFKC case folding', async () => {
    const tag = Math.random().toString(36).slice(2, 10);
    const admin = await api().register({ email: `straße-${tag}@example.com` });
    for (const variant of [`STRASSE-${tag}@EXAMPLE.COM`, `strasse-${tag}@example.com`, `ｓｔｒａｓｓｅ-${tag}@example.com`]) {
      const dup = await api().post('/auth/register', { email: variant, password: PASSWORD, name: 'Dup', team_name: 'Dup' });
      expectDetail(dup, 409);
      const login = await api().post('/auth/login', { email: variant, password: PASSWORD });
      expectStatus(login, 200);
      assert.equal(login.body.user.id, admin.user.id);
    }
  });

  test('cron: control characters are invalid; a step larger than its span is valid, with a note', async () => {
    const admin = await api().register();
    const tree = await admin.createTree('maintenance');
    for (const bad of ['0 9 * * *\n', '0 9 * * *\r', '0\x0b9 * * *']) {
      expect422(await admin.post('/maintenance-schedules/', { tree_id: tree.id, cron_expression: bad }),
        ['body', 'cron_expression']);
    }
    const preview = await admin.get(`/maintenance-schedules/preview?${new URLSearchParams({ cron_expression: '0 */30 * * *' })}`);
    expectStatus(preview, 200);
    assert.ok(preview.body.notes.some((n) => /hour 0 only/.test(n)), JSON.stringify(preview.body.notes));
    assert.ok(preview.body.next_runs.every((t) => t.endsWith('T00:00:00.000Z')));
    expectStatus(await admin.post('/maintenance-schedules/', { tree_id: tree.id, cron_expression: '0 */30 * * *' }), 201);
  });

  test('CSV cells starting with = + - @ TAB or CR are neutralised', async () => {
    const admin = await api().register();
    const tree = await admin.createTree('maintenance');
    const labels = ['=cmd', '+1', '-2', '@x', '\tTAB', '\rCR', 'plain'];
    const made = [];
    for (const label of labels) {
      const res = await admin.post('/sessions/batch', { tree_id: tree.id, targets: [{ label }] });
      if (res.status === 201) made.push([label, res.body.batch_id]);
      else expect422(res, ['body', 'targets']);
    }
    assert.ok(made.length >= 5);
    for (const [label, batchId] of made) {
      const csv = await admin.get(`/batches/${batchId}/report.csv`);
      const rows = parseCsv(csv.body);
      const cell = rows[1][0];
      if (label === 'plain') assert.equal(cell, 'plain');
      else assert.equal(cell, `'${label}`, JSON.stringify(label));
    }
  });

  test('the invite code in a path is checked before it reaches the database', async () => {
    const admin = await api().register();
    for (const code of ['x'.repeat(65), "a'b", 'a%20b', '..', '%2e%2e']) {
      expectStatus(await admin.del(`/teams/invites/${code}`), 404);
    }
    // A NUL in a path is refused by the HTTP layer before routing.
    expectStatus(await admin.del('/teams/invites/%00'), 400);
  });
});
