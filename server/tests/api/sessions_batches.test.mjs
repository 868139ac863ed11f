// Sessions (create, progress, complete, list) and batches (launch, history, detail, CSV).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  useServer, expectStatus, expectDetail, expect422, expectUuid, expectInstant, parseCsv, sleep,
} from './harness.mjs';

const api = useServer(before, after);

function expectSession(s, { tree, user, label = null, batchId = null, status = 'not_started', snapshot = true } = {}) {
  expectUuid(s.id, 'session.id');
  if (tree) {
    assert.equal(s.tree_id, tree.id);
    assert.equal(s.tree_name, tree.name);
    if (snapshot) assert.deepEqual(s.tree_snapshot, tree.tree_structure);
  }
  if (!snapshot) assert.equal('tree_snapshot' in s, false, 'list items carry no tree_snapshot');
  if (user) {
    assert.equal(s.user_id, user.user.id);
    assert.equal(s.user_name, user.user.name);
  }
  assert.equal(s.target_label, label);
  assert.equal(s.batch_id, batchId);
  assert.equal(s.status, status);
  expectInstant(s.started_at, 'started_at');
  if (status === 'completed') expectInstant(s.completed_at, 'completed_at');
  else assert.equal(s.completed_at, null);
  assert.ok(Array.isArray(s.path_taken));
  assert.equal(typeof s.decisions, 'object');
  assert.ok(Array.isArray(s.custom_steps));
  assert.equal(typeof s.session_variables, 'object');
  assert.equal(typeof s.notes, 'string');
}

const PROGRESS = {
  path_taken: ['backup', 'drain'],
  decisions: {
    backup: { status: 'done', note: 'green' },
    drain: { status: 'skipped', note: 'host already empty' },
  },
  custom_steps: [{ id: 'c1', title: 'Call the customer', description: 'Before reboot', after: 'drain', status: 'done' }],
  session_variables: { ticket: 'INC-4711', hosts: 3, nested: { ok: true, list: [1, 'two', null] } },
  notes: 'Reboot window agreed with Bob',
};

describe('sessions', () => {
  let admin;
  let proc;
  let ts;
  before(async () => {
    admin = await api().register();
    proc = await admin.createTree('procedural');
    ts = await admin.createTree('troubleshooting');
  });

  test('create → 201 with a snapshot of the structure, not started', async () => {
    const res = await admin.post('/sessions/', { tree_id: proc.id });
    expectStatus(res, 201);
    expectSession(res.body, { tree: proc, user: admin });
    assert.deepEqual(res.body.path_taken, []);
    assert.deepEqual(res.body.decisions, {});
    assert.deepEqual(res.body.custom_steps, []);
    assert.deepEqual(res.body.session_variables, {});
    assert.equal(res.body.notes, '');
    const got = await admin.get(`/sessions/${res.body.id}`);
    expectStatus(got, 200);
    assert.deepEqual(got.body, res.body);
  });

  test('create with a target label and notes; on a troubleshooting flow; without the slash', async () => {
    const s = await admin.createSession(ts.id, { target_label: 'PRN-3F-01', target_notes: 'third floor' });
    expectSession(s, { tree: ts, user: admin, label: 'PRN-3F-01' });
    assert.equal(s.target_notes, 'third floor');
    const res = await admin.post('/sessions', { tree_id: ts.id });
    expectStatus(res, 201);
  });

  test('create refusals: 422 for bad input, 404 for unknown or another team’s flow; nothing created', async () => {
    const other = await api().register();
    const foreign = await other.createTree('procedural');
    const before_ = await admin.sessionCount();
    expect422(await admin.post('/sessions/', {}), ['body', 'tree_id']);
    expect422(await admin.post('/sessions/', { tree_id: 42 }), ['body', 'tree_id']);
    expect422(await admin.post('/sessions/', { tree_id: proc.id, target_label: 'x'.repeat(256) }), ['body', 'target_label']);
    expectDetail(await admin.post('/sessions/', { tree_id: randomUUID() }), 404);
    expectDetail(await admin.post('/sessions/', { tree_id: foreign.id }), 404);
    assert.equal(await admin.sessionCount(), before_);
    assert.equal(await other.sessionCount(), 0);
  });

  test('the snapshot keeps the structure of when the session started', async () => {
    const tree = await admin.createTree('procedural');
    const s = await admin.createSession(tree.id);
    const newStructure = { steps: [{ id: 'only', type: 'procedure_step', title: 'Changed' }] };
    expectStatus(await admin.put(`/trees/${tree.id}`, { tree_structure: newStructure }), 200);
    assert.deepEqual((await admin.get(`/sessions/${s.id}`)).body.tree_snapshot, tree.tree_structure);
    const s2 = await admin.createSession(tree.id);
    assert.deepEqual(s2.tree_snapshot, newStructure);
  });

  test('PATCH progress → 200, stored and returned as given, status in_progress', async () => {
    const s = await admin.createSession(proc.id);
    const res = await admin.patch(`/sessions/${s.id}`, PROGRESS);
    expectStatus(res, 200);
    expectSession(res.body, { tree: proc, user: admin, status: 'in_progress' });
    for (const [k, v] of Object.entries(PROGRESS)) assert.deepEqual(res.body[k], v, k);
    assert.deepEqual((await admin.get(`/sessions/${s.id}`)).body, res.body);

    // A partial PATCH leaves the other fields alone.
    const res2 = await admin.patch(`/sessions/${s.id}`, { notes: 'Second note' });
    expectStatus(res2, 200);
    assert.equal(res2.body.notes, 'Second note');
    assert.deepEqual(res2.body.decisions, PROGRESS.decisions);
    assert.deepEqual(res2.body.path_taken, PROGRESS.path_taken);
    assert.deepEqual(res2.body.custom_steps, PROGRESS.custom_steps);
  });

  test('PATCH troubleshooting progress (answers by index)', async () => {
    const s = await admin.createSession(ts.id);
    const progress = { path_taken: ['q1', 'q2', 'a1'], decisions: { q1: { answer: 0, label: 'Yes' }, q2: { answer: 0, label: 'Yes' } } };
    const res = await admin.patch(`/sessions/${s.id}`, progress);
    expectStatus(res, 200);
    assert.deepEqual(res.body.path_taken, progress.path_taken);
    assert.deepEqual(res.body.decisions, progress.decisions);
    assert.equal(res.body.status, 'in_progress');
  });

  test('PATCH validation → 422 naming the field, nothing changed', async () => {
    const s = await admin.createSession(proc.id);
    await admin.patch(`/sessions/${s.id}`, PROGRESS);
    const before_ = (await admin.get(`/sessions/${s.id}`)).body;
    const cases = [
      [{ path_taken: 'backup' }, 'path_taken'],
      [{ path_taken: {} }, 'path_taken'],
      [{ decisions: [] }, 'decisions'],
      [{ decisions: 'done' }, 'decisions'],
      [{ custom_steps: {} }, 'custom_steps'],
      [{ session_variables: [] }, 'session_variables'],
      [{ notes: 5 }, 'notes'],
      [{ notes: 'n'.repeat(20_001) }, 'notes'],
    ];
    for (const [body, field] of cases) {
      expect422(await admin.patch(`/sessions/${s.id}`, body), ['body', field]);
    }
    assert.deepEqual((await admin.get(`/sessions/${s.id}`)).body, before_);
    const res = await admin.patch(`/sessions/${s.id}`, { notes: 'n'.repeat(20_000) });
    expectStatus(res, 200);
    assert.equal(res.body.notes.length, 20_000);
  });

  test('complete → 200 completed; idempotent; PATCH afterwards → 400 and nothing changed', async () => {
    const s = await admin.createSession(proc.id);
    const res = await admin.post(`/sessions/${s.id}/complete`, {});
    expectStatus(res, 200);
    expectSession(res.body, { tree: proc, user: admin, status: 'completed' });
    assert.ok(Math.abs(Date.parse(res.body.completed_at) - Date.now()) < 60_000);
    await sleep(5);
    const again = await admin.post(`/sessions/${s.id}/complete`, {});
    expectStatus(again, 200);
    assert.equal(again.body.completed_at, res.body.completed_at, 'completing twice keeps the first completed_at');
    expectDetail(await admin.patch(`/sessions/${s.id}`, { notes: 'late' }), 400);
    assert.deepEqual((await admin.get(`/sessions/${s.id}`)).body, res.body);
  });

  test('unknown and another team’s session → 404 on GET, PATCH, complete; unchanged', async () => {
    const s = await admin.createSession(proc.id);
    const other = await api().register();
    for (const id of [s.id, randomUUID()]) {
      expectDetail(await other.get(`/sessions/${id}`), 404);
      expectDetail(await other.patch(`/sessions/${id}`, { notes: 'pwned' }), 404);
      expectDetail(await other.post(`/sessions/${id}/complete`, {}), 404);
    }
    assert.deepEqual((await admin.get(`/sessions/${s.id}`)).body, s);
    assert.equal(await other.sessionCount(), 0);
  });

  test('an engineer of the same team can work on a colleague’s session', async () => {
    const eng = await admin.addMember('engineer');
    const s = await admin.createSession(proc.id);
    expectStatus(await eng.patch(`/sessions/${s.id}`, { notes: 'picked up' }), 200);
    const done = await eng.post(`/sessions/${s.id}/complete`, {});
    expectStatus(done, 200);
    assert.equal(done.body.status, 'completed');
  });
});

describe('session list', () => {
  let admin;
  let treeA;
  let treeB;
  const ids = {};
  before(async () => {
    admin = await api().register();
    treeA = await admin.createTree('procedural');
    treeB = await admin.createTree('maintenance');
    for (let i = 0; i < 5; i += 1) {
      ids[`a${i}`] = (await admin.createSession(treeA.id, { target_label: `a${i}` })).id;
      await sleep(3);
    }
    ids.b0 = (await admin.createSession(treeB.id)).id;
    await admin.patch(`/sessions/${ids.a1}`, { notes: 'progress' });
    await admin.post(`/sessions/${ids.a2}/complete`, {});
  });

  test('{items, total, page, size}, newest first, items without snapshot, with and without slash', async () => {
    const res = await admin.get('/sessions/');
    expectStatus(res, 200);
    assert.deepEqual(Object.keys(res.body).sort(), ['items', 'page', 'size', 'total']);
    assert.equal(res.body.total, 6);
    assert.equal(res.body.page, 1);
    assert.equal(res.body.size, 50);
    assert.deepEqual(res.body.items.map((s) => s.id), [ids.b0, ids.a4, ids.a3, ids.a2, ids.a1, ids.a0]);
    for (const s of res.body.items) assert.equal('tree_snapshot' in s, false, 'list items carry no tree_snapshot');
    assert.equal(res.body.items[3].status, 'completed');
    assert.equal(res.body.items[4].status, 'in_progress');
    assert.equal(res.body.items[5].status, 'not_started');
    const noSlash = await admin.get('/sessions');
    expectStatus(noSlash, 200);
    assert.deepEqual(noSlash.body, res.body);
  });

  test('filters: tree_id, status', async () => {
    let body = await admin.listSessions({ tree_id: treeA.id });
    assert.equal(body.total, 5);
    body = await admin.listSessions({ tree_id: treeB.id });
    assert.deepEqual(body.items.map((s) => s.id), [ids.b0]);
    assert.deepEqual((await admin.listSessions({ status: 'completed' })).items.map((s) => s.id), [ids.a2]);
    assert.deepEqual((await admin.listSessions({ status: 'in_progress' })).items.map((s) => s.id), [ids.a1]);
    assert.equal((await admin.listSessions({ status: 'not_started' })).total, 4);
    assert.equal((await admin.listSessions({ status: 'not_started', tree_id: treeA.id })).total, 3);
  });

  test('paging', async () => {
    const p1 = await admin.listSessions({ tree_id: treeA.id, size: '2', page: '1' });
    assert.deepEqual([p1.total, p1.page, p1.size], [5, 1, 2]);
    assert.deepEqual(p1.items.map((s) => s.id), [ids.a4, ids.a3]);
    const p3 = await admin.listSessions({ tree_id: treeA.id, size: '2', page: '3' });
    assert.deepEqual(p3.items.map((s) => s.id), [ids.a0]);
    const p4 = await admin.listSessions({ tree_id: treeA.id, size: '2', page: '4' });
    assert.deepEqual(p4.items, []);
    assert.equal(p4.total, 5);
    const max = await admin.listSessions({ size: '200' });
    assert.equal(max.size, 200);
  });

  test('bad query parameters → 422 at loc query…', async () => {
    for (const [query, field] of [
      ['size=201', 'size'], ['size=0', 'size'], ['size=abc', 'size'], ['page=0', 'page'], ['page=-1', 'page'],
      ['page=x', 'page'], ['status=done', 'status'], ['tree_id=not-a-uuid', 'tree_id'], ['batch_id=12', 'batch_id'],
    ]) {
      expect422(await admin.get(`/sessions/?${query}`), ['query', field]);
    }
  });

  test('another team sees none of them, even filtering by our flow', async () => {
    const other = await api().register();
    assert.equal((await other.listSessions()).total, 0);
    const res = await other.get(`/sessions/?tree_id=${treeA.id}`);
    if (res.status === 200) assert.equal(res.body.total, 0);
    else expectDetail(res, 404);
  });
});

describe('batches', () => {
  let admin;
  let maint;
  before(async () => {
    admin = await api().register();
    maint = await admin.createTree('maintenance');
  });

  test('POST /sessions/batch → 201 {batch_id, count, sessions} in target order', async () => {
    const targets = [{ label: 'rds-01', notes: 'rack 1' }, { label: 'rds-02' }, { label: 'rds-03', notes: '' }];
    const res = await admin.post('/sessions/batch', { tree_id: maint.id, targets });
    expectStatus(res, 201);
    expectUuid(res.body.batch_id, 'batch_id');
    assert.equal(res.body.count, 3);
    assert.equal(res.body.sessions.length, 3);
    assert.deepEqual(res.body.sessions.map((s) => s.target_label), ['rds-01', 'rds-02', 'rds-03']);
    for (const s of res.body.sessions) {
      expectUuid(s.id);
      assert.equal(s.batch_id, res.body.batch_id);
      assert.equal(s.tree_id, maint.id);
    }
    assert.equal(new Set(res.body.sessions.map((s) => s.id)).size, 3);

    const first = (await admin.get(`/sessions/${res.body.sessions[0].id}`)).body;
    expectSession(first, { tree: maint, user: admin, label: 'rds-01', batchId: res.body.batch_id });
    assert.equal(first.target_notes, 'rack 1');
    const second = (await admin.get(`/sessions/${res.body.sessions[1].id}`)).body;
    assert.ok(second.target_notes === '' || second.target_notes === null);

    const listed = await admin.listSessions({ batch_id: res.body.batch_id });
    assert.equal(listed.total, 3);
    assert.deepEqual(new Set(listed.items.map((s) => s.id)), new Set(res.body.sessions.map((s) => s.id)));
  });

  test('1,000 targets → 201; 1,001 → 422 at body.targets; nothing created by the refusal', async () => {
    const labels = Array.from({ length: 1000 }, (_, i) => ({ label: `host-${String(i).padStart(4, '0')}` }));
    const res = await admin.post('/sessions/batch', { tree_id: maint.id, targets: labels });
    expectStatus(res, 201);
    assert.equal(res.body.count, 1000);
    assert.equal(res.body.sessions.length, 1000);
    assert.equal(res.body.sessions[999].target_label, 'host-0999');

    const before_ = await admin.sessionCount();
    const tooMany = [...labels, { label: 'one-too-many' }];
    expect422(await admin.post('/sessions/batch', { tree_id: maint.id, targets: tooMany }), ['body', 'targets']);
    assert.equal(await admin.sessionCount(), before_);
  });

  test('input refusals → 422 at the right loc, nothing created', async () => {
    const before_ = await admin.sessionCount();
    const historyBefore = await admin.history(maint.id);
    expect422(await admin.post('/sessions/batch', { tree_id: maint.id, targets: [] }), ['body', 'targets']);
    expect422(await admin.post('/sessions/batch', { tree_id: maint.id }), ['body', 'targets']);
    expect422(await admin.post('/sessions/batch', { tree_id: maint.id, targets: 'a,b' }), ['body', 'targets']);
    expect422(await admin.post('/sessions/batch', { tree_id: maint.id, targets: [{ label: '' }] }), ['body', 'targets', 0, 'label']);
    expect422(await admin.post('/sessions/batch', { tree_id: maint.id, targets: [{ notes: 'no label' }] }), ['body', 'targets', 0, 'label']);
    expect422(await admin.post('/sessions/batch', { tree_id: maint.id, targets: [{ label: 'ok' }, { label: 'x'.repeat(256) }] }), ['body', 'targets', 1, 'label']);
    expect422(await admin.post('/sessions/batch', { targets: [{ label: 'a' }] }), ['body', 'tree_id']);
    assert.equal(await admin.sessionCount(), before_);
    assert.deepEqual(await admin.history(maint.id), historyBefore);
  });

  test('sixteen concurrent launches of 50 targets, with progress saved meanwhile → all 201, totals exact', async () => {
    const tree = await admin.createTree('maintenance');
    const s = await admin.createSession(tree.id);
    const launches = Array.from({ length: 16 }, (_, b) => admin.post('/sessions/batch',
      { tree_id: tree.id, targets: Array.from({ length: 50 }, (_, i) => ({ label: `b${b}-t${i}` })) }));
    const patches = Array.from({ length: 16 }, (_, i) => admin.patch(`/sessions/${s.id}`, { notes: `note ${i}` }));
    const results = await Promise.all([...launches, ...patches]);
    for (const r of results.slice(0, 16)) expectStatus(r, 201);
    for (const r of results.slice(16)) expectStatus(r, 200);
    const history = await admin.history(tree.id);
    assert.equal(history.length, 16);
    for (const h of history) assert.equal(h.total, 50);
    assert.equal(new Set(history.map((h) => h.batch_id)).size, 16);
    assert.equal(await admin.sessionCount({ tree_id: tree.id }), 16 * 50 + 1);
  });

  test('sessions of another team’s batch are not listed by batch_id', async () => {
    const b = await admin.launchBatch(maint.id, ['secret-host']);
    const other = await api().register();
    const res = await other.get(`/sessions/?batch_id=${b.batch_id}`);
    if (res.status === 200) assert.equal(res.body.total, 0);
    else expectDetail(res, 404);
  });

  test('label of 255 characters is accepted', async () => {
    const label = 'L'.repeat(255);
    const b = await admin.launchBatch(maint.id, [label]);
    assert.equal(b.sessions[0].target_label, label);
  });

  test('all or nothing: the 500th of 600 targets is invalid → 422 at targets.499.label, no session, no batch', async () => {
    const tree = await admin.createTree('maintenance');
    const targets = Array.from({ length: 600 }, (_, i) => ({ label: `srv-${i}`, notes: `n${i}` }));
    targets[499] = { label: 'x'.repeat(256) };
    const before_ = await admin.sessionCount();
    const res = await admin.post('/sessions/batch', { tree_id: tree.id, targets });
    const err = expect422(res, ['body', 'targets', 499, 'label']);
    assert.deepEqual(err.loc, ['body', 'targets', 499, 'label']);
    assert.equal(await admin.sessionCount(), before_);
    assert.equal(await admin.sessionCount({ tree_id: tree.id }), 0);
    assert.deepEqual(await admin.history(tree.id), []);
  });

  test('flow not maintenance → 400; missing or another team’s flow → 404; nothing created', async () => {
    const proc = await admin.createTree('procedural');
    const ts = await admin.createTree('troubleshooting');
    const other = await api().register();
    const foreign = await other.createTree('maintenance');
    const before_ = await admin.sessionCount();
    const targets = [{ label: 'a' }, { label: 'b' }];
    expectDetail(await admin.post('/sessions/batch', { tree_id: proc.id, targets }), 400);
    expectDetail(await admin.post('/sessions/batch', { tree_id: ts.id, targets }), 400);
    expectDetail(await admin.post('/sessions/batch', { tree_id: randomUUID(), targets }), 404);
    expectDetail(await admin.post('/sessions/batch', { tree_id: foreign.id, targets }), 404);
    expectDetail(await other.post('/sessions/batch', { tree_id: maint.id, targets }), 404);
    assert.equal(await admin.sessionCount(), before_);
    assert.equal(await other.sessionCount(), 0);
    assert.deepEqual(await other.history(foreign.id), []);
  });
});

describe('run history, batch detail and report', () => {
  let admin;
  let eng;
  let tree;
  let b1;
  let b2;
  const TRICKY = 'srv "alpha", rack 7';
  before(async () => {
    admin = await api().register({ name: 'Alice Admin' });
    eng = await admin.addMember('engineer');
    tree = await admin.createTree('maintenance');
    b1 = await admin.launchBatch(tree.id, ['one', 'two']);
    await sleep(5);
    b2 = await eng.launchBatch(tree.id, [
      { label: 'web-01', notes: 'primary' },
      { label: TRICKY, notes: 'line one\nline two, "quoted"' },
      { label: 'db-01' },
    ]);
    await eng.patch(`/sessions/${b2.sessions[0].id}`, { path_taken: ['backup'], decisions: { backup: { status: 'done', note: '' } } });
    await eng.post(`/sessions/${b2.sessions[0].id}/complete`, {});
    await admin.patch(`/sessions/${b2.sessions[1].id}`, { notes: 'started' });
  });

  test('GET /trees/{id}/batches → newest first, with totals', async () => {
    const history = await admin.history(tree.id);
    assert.equal(history.length, 2);
    const [h2, h1] = history;
    assert.equal(h2.batch_id, b2.batch_id);
    assert.equal(h1.batch_id, b1.batch_id);
    for (const h of history) {
      assert.equal(h.kind, 'batch');
      assert.equal(h.tree_id, tree.id);
      assert.equal(h.source, 'manual');
      assert.equal(h.schedule_id, null);
      assert.equal(h.scheduled_for, null);
      expectInstant(h.created_at, 'created_at');
    }
    assert.ok(Date.parse(h2.created_at) >= Date.parse(h1.created_at));
    assert.equal(h2.created_by, eng.user.id);
    assert.equal(h2.created_by_name, eng.user.name);
    assert.equal(h1.created_by, admin.user.id);
    assert.equal(h1.created_by_name, 'Alice Admin');
    assert.deepEqual([h2.total, h2.completed, h2.in_progress, h2.not_started], [3, 1, 1, 1]);
    assert.deepEqual([h1.total, h1.completed, h1.in_progress, h1.not_started], [2, 0, 0, 2]);
  });

  test('totals follow completion', async () => {
    const t = await admin.createTree('maintenance');
    const b = await admin.launchBatch(t.id, ['x', 'y']);
    await admin.post(`/sessions/${b.sessions[1].id}/complete`, {});
    const [h] = await admin.history(t.id);
    assert.deepEqual([h.total, h.completed, h.in_progress, h.not_started], [2, 1, 0, 1]);
  });

  test('GET /batches/{id} → the batch with its per-target sessions', async () => {
    const res = await admin.get(`/batches/${b2.batch_id}`);
    expectStatus(res, 200);
    const b = res.body;
    assert.equal(b.batch_id, b2.batch_id);
    assert.equal(b.kind, 'batch');
    assert.equal(b.tree_id, tree.id);
    assert.equal(b.tree_name, tree.name);
    assert.equal(b.source, 'manual');
    assert.equal(b.created_by, eng.user.id);
    assert.deepEqual([b.total, b.completed, b.in_progress, b.not_started], [3, 1, 1, 1]);
    assert.equal(b.sessions.length, 3);
    const byLabel = Object.fromEntries(b.sessions.map((s) => [s.target_label, s]));
    assert.deepEqual(Object.keys(byLabel).sort(), ['db-01', 'web-01', TRICKY].sort());
    assert.equal(byLabel['web-01'].status, 'completed');
    assert.equal(byLabel['web-01'].target_notes, 'primary');
    assert.equal(byLabel['web-01'].user_id, eng.user.id);
    assert.equal(byLabel['web-01'].user_name, eng.user.name);
    expectInstant(byLabel['web-01'].started_at);
    expectInstant(byLabel['web-01'].completed_at);
    assert.equal(byLabel[TRICKY].status, 'in_progress');
    assert.equal(byLabel['db-01'].status, 'not_started');
    assert.equal(byLabel['db-01'].completed_at, null);
    for (const s of b.sessions) {
      expectUuid(s.id);
      assert.ok(b2.sessions.some((x) => x.id === s.id));
    }
  });

  test('GET /batches/{id}/report.csv → RFC 4180 CSV, one row per target', async () => {
    const res = await admin.get(`/batches/${b2.batch_id}/report.csv`);
    expectStatus(res, 200);
    assert.match(res.headers.get('content-type'), /^text\/csv/);
    const text = res.text;
    // The label with a comma and quotes is quoted, inner quotes doubled.
    assert.ok(text.includes('"srv ""alpha"", rack 7"'), `label not quoted per RFC 4180:\n${text}`);
    assert.ok(text.includes('"line one\nline two, ""quoted"""') || text.includes('"line one\r\nline two, ""quoted"""'),
      `notes with a newline not quoted:\n${text}`);
    const rows = parseCsv(text);
    assert.deepEqual(rows[0], ['target', 'notes', 'status', 'engineer', 'started_at', 'completed_at']);
    const data = rows.slice(1).filter((r) => !(r.length === 1 && r[0] === ''));
    assert.equal(data.length, 3);
    for (const r of data) assert.equal(r.length, 6, `row ${JSON.stringify(r)}`);
    const byLabel = Object.fromEntries(data.map((r) => [r[0], r]));
    assert.deepEqual(Object.keys(byLabel).sort(), ['db-01', 'web-01', TRICKY].sort());
    assert.equal(byLabel[TRICKY][1], 'line one\nline two, "quoted"');
    assert.equal(byLabel['web-01'][1], 'primary');
    assert.equal(byLabel['web-01'][2], 'completed');
    assert.equal(byLabel['web-01'][3], eng.user.name);
    assert.ok(!Number.isNaN(Date.parse(byLabel['web-01'][4])), 'started_at');
    assert.ok(!Number.isNaN(Date.parse(byLabel['web-01'][5])), 'completed_at');
    assert.equal(byLabel['db-01'][2], 'not_started');
    assert.equal(byLabel['db-01'][5], '');
    assert.equal(byLabel[TRICKY][2], 'in_progress');
  });

  test('another team: batch detail, report and history → 404', async () => {
    const other = await api().register();
    expectDetail(await other.get(`/batches/${b2.batch_id}`), 404);
    expectDetail(await other.get(`/batches/${b2.batch_id}/report.csv`), 404);
    expectDetail(await other.get(`/trees/${tree.id}/batches`), 404);
    expectDetail(await admin.get(`/batches/${randomUUID()}`), 404);
    expectDetail(await admin.get(`/batches/${randomUUID()}/report.csv`), 404);
    expectDetail(await admin.get(`/trees/${randomUUID()}/batches`), 404);
  });

  test('deleting the flow keeps its sessions (with snapshots) and batches', async () => {
    const t = await admin.createTree('maintenance');
    const b = await admin.launchBatch(t.id, ['keep-me']);
    expectStatus(await admin.del(`/trees/${t.id}`), 204);
    const s = await admin.get(`/sessions/${b.sessions[0].id}`);
    expectStatus(s, 200);
    assert.deepEqual(s.body.tree_snapshot, t.tree_structure);
    assert.equal(s.body.target_label, 'keep-me');
    expectStatus(await admin.get(`/batches/${b.batch_id}`), 200);
    expectStatus(await admin.get(`/batches/${b.batch_id}/report.csv`), 200);
  });
});
