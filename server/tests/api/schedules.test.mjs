// Maintenance schedules: create, validation, uniqueness under concurrency, patch, pause,
// delete, preview, run now, cascade on flow delete, tenancy.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  useServer, expectStatus, expectDetail, expect422, expectUuid, expectInstant, sleep,
} from './harness.mjs';

const api = useServer(before, after);

// ---------------------------------------------------------------------------
// An independent, brute-force reference for simple fixed-time expressions: walk UTC
// quarter-hours (every real zone offset is a multiple of 15 minutes) and return the
// first instant strictly after `afterMs` whose wall-clock time in `tz` matches.

const formatters = new Map();
function localParts(ms, tz) {
  if (!formatters.has(tz)) {
    formatters.set(tz, new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', weekday: 'short',
    }));
  }
  const parts = Object.fromEntries(formatters.get(tz).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year), month: Number(parts.month), day: Number(parts.day),
    hour: Number(parts.hour), minute: Number(parts.minute), weekday: parts.weekday,
  };
}

function nextLocal(afterMs, tz, match, horizonDays = 400) {
  const step = 15 * 60_000;
  let t = Math.floor(afterMs / step) * step + step;
  const end = afterMs + horizonDays * 86_400_000;
  for (; t < end; t += step) {
    if (match(localParts(t, tz))) return new Date(t).toISOString();
  }
  throw new Error('no match in horizon');
}

const day15at0900 = (p) => p.day === 15 && p.hour === 9 && p.minute === 0;
const day1at0600 = (p) => p.day === 1 && p.hour === 6 && p.minute === 0;

/** Asserts `actual` is the reference next run computed at either end of the request. */
function expectNextRun(actual, t0, t1, tz, match) {
  expectInstant(actual, 'next_run_at');
  const candidates = new Set([nextLocal(t0, tz, match), nextLocal(t1, tz, match)]);
  assert.ok(candidates.has(actual), `next_run_at ${actual}, expected ${[...candidates].join(' or ')}`);
}

function expectSchedule(s, { owner, tree, cron, tz = 'UTC', listId = null, active = true } = {}) {
  expectUuid(s.id, 'schedule.id');
  if (tree) assert.equal(s.tree_id, tree.id);
  if (owner) assert.equal(s.created_by, owner.user.id);
  if (cron) assert.equal(s.cron_expression, cron);
  assert.equal(s.timezone, tz);
  assert.equal(s.target_list_id, listId);
  assert.equal(s.is_active, active);
  assert.equal(typeof s.misfire_grace_seconds, 'number');
  assert.equal(typeof s.description, 'string');
  assert.ok(s.description.length > 0);
  expectInstant(s.created_at, 'created_at');
  expectInstant(s.updated_at, 'updated_at');
  if (s.last_run_at !== null) expectInstant(s.last_run_at, 'last_run_at');
}

const INVALID_CRONS = [
  ['61 * * * *', 'minute out of range'],
  ['* 24 * * *', 'hour out of range'],
  ['* * 0 * *', 'day 0'],
  ['* * * 13 *', 'month 13'],
  ['* * * * 8', 'weekday 8'],
  ['* * * *', 'four fields'],
  ['0 0 * * * *', 'six fields'],
  ['0 0 0 * * * 2026', 'seven fields'],
  ['0 0 ? * *', '?'],
  ['0 0 L * *', 'L'],
  ['0 0 15W * *', 'W'],
  ['0 0 * * 5#2', '#'],
  ['@reboot', '@reboot'],
  ['@every 5m', 'unknown nickname'],
  ['*/0 * * * *', 'step 0'],
  ['5/10 * * * *', 'step after a single value'],
  ['30-10 * * * *', 'reversed range'],
  ['0 0 31 2 *', 'never fires'],
  ['4294967356 * * * *', 'huge number'],
  ['', 'empty'],
  ['   ', 'blank'],
  ['a b c d e', 'words'],
  ['0 9 * * MON-', 'dangling range'],
];

// ---------------------------------------------------------------------------

describe('create', () => {
  let admin;
  let other;
  before(async () => {
    admin = await api().register();
    other = await api().register();
  });

  test('create → 201 with defaults and next_run_at computed', async () => {
    const tree = await admin.createTree('maintenance');
    const t0 = Date.now();
    const res = await admin.post('/maintenance-schedules/', { tree_id: tree.id, cron_expression: '0 9 15 * *' });
    const t1 = Date.now();
    expectStatus(res, 201);
    const s = res.body;
    expectSchedule(s, { owner: admin, tree, cron: '0 9 15 * *' });
    assert.equal(s.misfire_grace_seconds, 3600);
    assert.equal(s.last_run_at, null);
    assert.equal(s.last_batch_id, null);
    assert.equal(s.description, 'At 09:00 on day 15 of every month');
    expectNextRun(s.next_run_at, t0, t1, 'UTC', day15at0900);
    const got = await admin.get(`/maintenance-schedules/${s.id}`);
    expectStatus(got, 200);
    assert.deepEqual(got.body, s);
  });

  test('create with a target list, a zone and a grace → echoed; next_run_at in that zone', async () => {
    const tree = await admin.createTree('maintenance');
    const list = await admin.createTargetList();
    const t0 = Date.now();
    const res = await admin.post('/maintenance-schedules', {
      tree_id: tree.id, cron_expression: '0 6 1 * *', timezone: 'Europe/Berlin',
      target_list_id: list.id, misfire_grace_seconds: 600,
    });
    const t1 = Date.now();
    expectStatus(res, 201);
    expectSchedule(res.body, { tree, cron: '0 6 1 * *', tz: 'Europe/Berlin', listId: list.id });
    assert.equal(res.body.misfire_grace_seconds, 600);
    expectNextRun(res.body.next_run_at, t0, t1, 'Europe/Berlin', day1at0600);
  });

  test('created paused: is_active false', async () => {
    const tree = await admin.createTree('maintenance');
    const s = await admin.createSchedule(tree.id, { is_active: false });
    assert.equal(s.is_active, false);
  });

  for (const [cron, why] of INVALID_CRONS) {
    test(`invalid cron (${why}: ${JSON.stringify(cron)}) → 422 at body.cron_expression with a message`, async () => {
      const tree = await admin.createTree('maintenance');
      const res = await admin.post('/maintenance-schedules/', { tree_id: tree.id, cron_expression: cron });
      const err = expect422(res, ['body', 'cron_expression']);
      assert.ok(err.msg.length >= 5, `message should say what is wrong: ${err.msg}`);
      expectDetail(await admin.get(`/maintenance-schedules/tree/${tree.id}`), 404);
    });
  }

  test('the cron message names the problem (out-of-range value)', async () => {
    const tree = await admin.createTree('maintenance');
    const err = expect422(await admin.post('/maintenance-schedules/', { tree_id: tree.id, cron_expression: '61 * * * *' }), ['body', 'cron_expression']);
    assert.match(err.msg, /61|minute/i, `message: ${err.msg}`);
  });

  test('unknown or malformed time zone → 422 at body.timezone; nothing created', async () => {
    const tree = await admin.createTree('maintenance');
    for (const tz of ['Mars/Olympus_Mons', '', 'utc+2', '../../etc/passwd', 'America/New York']) {
      const err = expect422(await admin.post('/maintenance-schedules/', { tree_id: tree.id, cron_expression: '0 9 * * *', timezone: tz }), ['body', 'timezone']);
      assert.ok(err.msg.length > 0);
    }
    expectDetail(await admin.get(`/maintenance-schedules/tree/${tree.id}`), 404);
  });

  test('other field errors → 422', async () => {
    const tree = await admin.createTree('maintenance');
    expect422(await admin.post('/maintenance-schedules/', { cron_expression: '0 9 * * *' }), ['body', 'tree_id']);
    expect422(await admin.post('/maintenance-schedules/', { tree_id: tree.id }), ['body', 'cron_expression']);
    expect422(await admin.post('/maintenance-schedules/', { tree_id: tree.id, cron_expression: '0 9 * * *', misfire_grace_seconds: -1 }), ['body', 'misfire_grace_seconds']);
    expect422(await admin.post('/maintenance-schedules/', { tree_id: tree.id, cron_expression: '0 9 * * *', is_active: 'yes' }), ['body', 'is_active']);
    expect422(await admin.post('/maintenance-schedules/', { tree_id: tree.id, cron_expression: '0 9 * * *', target_list_id: 'nope' }), ['body', 'target_list_id']);
    expectDetail(await admin.get(`/maintenance-schedules/tree/${tree.id}`), 404);
  });

  test('flow not maintenance → 400; nothing created', async () => {
    for (const type of ['procedural', 'troubleshooting']) {
      const tree = await admin.createTree(type);
      expectDetail(await admin.post('/maintenance-schedules/', { tree_id: tree.id, cron_expression: '0 9 * * *' }), 400);
      expectStatus(await admin.get(`/maintenance-schedules/tree/${tree.id}`), 404);
    }
  });

  test("unknown or another team's flow or target list → 404; nothing created", async () => {
    const before_ = await admin.listSchedules();
    const foreignTree = await other.createTree('maintenance');
    const foreignList = await other.createTargetList();
    const tree = await admin.createTree('maintenance');
    expectDetail(await admin.post('/maintenance-schedules/', { tree_id: randomUUID(), cron_expression: '0 9 * * *' }), 404);
    expectDetail(await admin.post('/maintenance-schedules/', { tree_id: foreignTree.id, cron_expression: '0 9 * * *' }), 404);
    expectDetail(await admin.post('/maintenance-schedules/', { tree_id: tree.id, cron_expression: '0 9 * * *', target_list_id: foreignList.id }), 404);
    expectDetail(await admin.post('/maintenance-schedules/', { tree_id: tree.id, cron_expression: '0 9 * * *', target_list_id: randomUUID() }), 404);
    assert.deepEqual(await admin.listSchedules(), before_);
    assert.deepEqual(await other.listSchedules(), []);
  });

  test('a second schedule for the same flow → 409; the first is unchanged', async () => {
    const tree = await admin.createTree('maintenance');
    const first = await admin.createSchedule(tree.id);
    expectDetail(await admin.post('/maintenance-schedules/', { tree_id: tree.id, cron_expression: '*/5 * * * *', timezone: 'Asia/Tokyo' }), 409);
    assert.deepEqual((await admin.get(`/maintenance-schedules/tree/${tree.id}`)).body, first);
    assert.equal((await admin.listSchedules()).filter((s) => s.tree_id === tree.id).length, 1);
  });

  test('twelve concurrent creates for one flow → exactly one 201 and eleven 409', async () => {
    const tree = await admin.createTree('maintenance');
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) =>
      admin.post('/maintenance-schedules/', { tree_id: tree.id, cron_expression: `${i} 9 * * *` })));
    const statuses = results.map((r) => r.status).sort();
    assert.deepEqual(statuses, [201, ...Array(11).fill(409)], `statuses: ${statuses.join(',')}`);
    for (const r of results) if (r.status === 409) expectDetail(r, 409);
    const winner = results.find((r) => r.status === 201).body;
    const mine = (await admin.listSchedules()).filter((s) => s.tree_id === tree.id);
    assert.deepEqual(mine, [winner]);
  });
});

describe('read, patch, pause, delete', () => {
  let admin;
  before(async () => { admin = await api().register(); });

  test('list (with and without the slash), get, get by flow', async () => {
    const team = await api().register();
    const t1 = await team.createTree('maintenance');
    const t2 = await team.createTree('maintenance');
    const s1 = await team.createSchedule(t1.id);
    const s2 = await team.createSchedule(t2.id, { cron_expression: '@daily' });
    const list = await team.listSchedules();
    assert.deepEqual(new Set(list.map((s) => s.id)), new Set([s1.id, s2.id]));
    const noSlash = await team.get('/maintenance-schedules');
    expectStatus(noSlash, 200);
    assert.equal(noSlash.body.length, 2);
    assert.deepEqual((await team.get(`/maintenance-schedules/${s2.id}`)).body, s2);
    assert.deepEqual((await team.get(`/maintenance-schedules/tree/${t1.id}`)).body, s1);
    const t3 = await team.createTree('maintenance');
    expectDetail(await team.get(`/maintenance-schedules/tree/${t3.id}`), 404);
    expectDetail(await team.get(`/maintenance-schedules/tree/${randomUUID()}`), 404);
    expectDetail(await team.get(`/maintenance-schedules/${randomUUID()}`), 404);
  });

  test('PATCH cron → next_run_at and description recomputed, updated_at moves', async () => {
    const tree = await admin.createTree('maintenance');
    const s = await admin.createSchedule(tree.id, { cron_expression: '0 9 15 * *' });
    await sleep(5);
    const t0 = Date.now();
    const res = await admin.patch(`/maintenance-schedules/${s.id}`, { cron_expression: '0 6 1 * *' });
    const t1 = Date.now();
    expectStatus(res, 200);
    expectSchedule(res.body, { tree, cron: '0 6 1 * *' });
    expectNextRun(res.body.next_run_at, t0, t1, 'UTC', day1at0600);
    assert.notEqual(res.body.description, s.description);
    assert.equal(res.body.created_at, s.created_at);
    assert.ok(Date.parse(res.body.updated_at) > Date.parse(s.updated_at));
    assert.deepEqual((await admin.get(`/maintenance-schedules/${s.id}`)).body, res.body);
  });

  test('PATCH timezone → next_run_at recomputed in the new zone', async () => {
    const tree = await admin.createTree('maintenance');
    const s = await admin.createSchedule(tree.id, { cron_expression: '0 9 15 * *' });
    const t0 = Date.now();
    const res = await admin.patch(`/maintenance-schedules/${s.id}`, { timezone: 'America/New_York' });
    const t1 = Date.now();
    expectStatus(res, 200);
    assert.equal(res.body.timezone, 'America/New_York');
    assert.equal(res.body.cron_expression, '0 9 15 * *');
    expectNextRun(res.body.next_run_at, t0, t1, 'America/New_York', day15at0900);
  });

  test('PATCH target list: set own, another team’s → 404, null clears', async () => {
    const tree = await admin.createTree('maintenance');
    const s = await admin.createSchedule(tree.id);
    const list = await admin.createTargetList();
    const other = await api().register();
    const foreign = await other.createTargetList();
    let res = await admin.patch(`/maintenance-schedules/${s.id}`, { target_list_id: list.id });
    expectStatus(res, 200);
    assert.equal(res.body.target_list_id, list.id);
    assert.equal(res.body.next_run_at, s.next_run_at, 'a target list change does not move next_run_at');
    expectDetail(await admin.patch(`/maintenance-schedules/${s.id}`, { target_list_id: foreign.id }), 404);
    expectDetail(await admin.patch(`/maintenance-schedules/${s.id}`, { target_list_id: randomUUID() }), 404);
    assert.equal((await admin.get(`/maintenance-schedules/${s.id}`)).body.target_list_id, list.id);
    res = await admin.patch(`/maintenance-schedules/${s.id}`, { target_list_id: null });
    expectStatus(res, 200);
    assert.equal(res.body.target_list_id, null);
  });

  test('PATCH refusals → 422, nothing changed', async () => {
    const tree = await admin.createTree('maintenance');
    const s = await admin.createSchedule(tree.id);
    expect422(await admin.patch(`/maintenance-schedules/${s.id}`, { cron_expression: '0 0 31 2 *' }), ['body', 'cron_expression']);
    expect422(await admin.patch(`/maintenance-schedules/${s.id}`, { cron_expression: '* * * *' }), ['body', 'cron_expression']);
    expect422(await admin.patch(`/maintenance-schedules/${s.id}`, { timezone: 'Nowhere/Land' }), ['body', 'timezone']);
    expect422(await admin.patch(`/maintenance-schedules/${s.id}`, { is_active: 'no' }), ['body', 'is_active']);
    expect422(await admin.patch(`/maintenance-schedules/${s.id}`, { misfire_grace_seconds: -5 }), ['body', 'misfire_grace_seconds']);
    expect422(await admin.patch(`/maintenance-schedules/${s.id}`, { cron_expression: '0 9 * * *', timezone: 'Nowhere/Land' }), ['body', 'timezone']);
    assert.deepEqual((await admin.get(`/maintenance-schedules/${s.id}`)).body, s);
  });

  test('pause and resume; resuming computes the next run from now', async () => {
    const tree = await admin.createTree('maintenance');
    const s = await admin.createSchedule(tree.id);
    let res = await admin.patch(`/maintenance-schedules/${s.id}`, { is_active: false });
    expectStatus(res, 200);
    assert.equal(res.body.is_active, false);
    assert.equal((await admin.get(`/maintenance-schedules/${s.id}`)).body.is_active, false);
    assert.equal((await admin.get(`/maintenance-schedules/tree/${tree.id}`)).body.is_active, false);
    const t0 = Date.now();
    res = await admin.patch(`/maintenance-schedules/${s.id}`, { is_active: true });
    const t1 = Date.now();
    expectStatus(res, 200);
    assert.equal(res.body.is_active, true);
    expectNextRun(res.body.next_run_at, t0, t1, 'UTC', day15at0900);
  });

  test('misfire grace can be changed', async () => {
    const tree = await admin.createTree('maintenance');
    const s = await admin.createSchedule(tree.id);
    const res = await admin.patch(`/maintenance-schedules/${s.id}`, { misfire_grace_seconds: 120 });
    expectStatus(res, 200);
    assert.equal(res.body.misfire_grace_seconds, 120);
  });

  test('DELETE → 204; then 404 everywhere; the flow can get a new schedule', async () => {
    const tree = await admin.createTree('maintenance');
    const s = await admin.createSchedule(tree.id);
    const res = await admin.del(`/maintenance-schedules/${s.id}`);
    expectStatus(res, 204);
    assert.equal(res.text, '');
    expectDetail(await admin.get(`/maintenance-schedules/${s.id}`), 404);
    expectDetail(await admin.get(`/maintenance-schedules/tree/${tree.id}`), 404);
    expectDetail(await admin.patch(`/maintenance-schedules/${s.id}`, { is_active: false }), 404);
    expectDetail(await admin.post(`/maintenance-schedules/${s.id}/run`, {}), 404);
    expectDetail(await admin.del(`/maintenance-schedules/${s.id}`), 404);
    assert.ok(!(await admin.listSchedules()).some((x) => x.id === s.id));
    const again = await admin.createSchedule(tree.id);
    assert.notEqual(again.id, s.id);
  });

  test('deleting the flow deletes its schedule', async () => {
    const tree = await admin.createTree('maintenance');
    const s = await admin.createSchedule(tree.id);
    expectStatus(await admin.del(`/trees/${tree.id}`), 204);
    expectDetail(await admin.get(`/maintenance-schedules/${s.id}`), 404);
    expectDetail(await admin.get(`/maintenance-schedules/tree/${tree.id}`), 404);
    assert.ok(!(await admin.listSchedules()).some((x) => x.id === s.id));
  });

  test('a flow that stops being maintenance cannot get batches through its schedule', async () => {
    // Either the type change is refused while a schedule exists (400/409), or the schedule
    // no longer launches (run now → 400 like POST /sessions/batch, or 404 if it was removed).
    const tree = await admin.createTree('maintenance');
    const s = await admin.createSchedule(tree.id);
    const put = await admin.put(`/trees/${tree.id}`, { tree_type: 'procedural' });
    expectStatus(put, [200, 400, 409]);
    if (put.status !== 200) {
      expectDetail(put, put.status);
      assert.equal((await admin.getTree(tree.id)).tree_type, 'maintenance');
      return;
    }
    const run = await admin.post(`/maintenance-schedules/${s.id}/run`, {});
    assert.ok(run.status === 400 || run.status === 404,
      `run now on a schedule whose flow is now procedural: expected 400 or 404, got ${run}`);
    assert.equal(await admin.sessionCount({ tree_id: tree.id }), 0);
  });

  test("another team's schedule → 404 on every route; unchanged", async () => {
    const tree = await admin.createTree('maintenance');
    const s = await admin.createSchedule(tree.id);
    const intruder = await api().register();
    const sessionsBefore = await admin.sessionCount();
    expectDetail(await intruder.get(`/maintenance-schedules/${s.id}`), 404);
    expectDetail(await intruder.get(`/maintenance-schedules/tree/${tree.id}`), 404);
    expectDetail(await intruder.patch(`/maintenance-schedules/${s.id}`, { is_active: false, cron_expression: '* * * * *' }), 404);
    expectDetail(await intruder.post(`/maintenance-schedules/${s.id}/run`, {}), 404);
    expectDetail(await intruder.del(`/maintenance-schedules/${s.id}`), 404);
    assert.deepEqual(await intruder.listSchedules(), []);
    assert.deepEqual((await admin.get(`/maintenance-schedules/${s.id}`)).body, s);
    assert.equal(await admin.sessionCount(), sessionsBefore);
    assert.equal(await intruder.sessionCount(), 0);
  });
});

describe('run now', () => {
  let admin;
  before(async () => { admin = await api().register(); });

  test('with a target list → 201 batch summary; history shows a manual batch; next_run_at untouched', async () => {
    const tree = await admin.createTree('maintenance');
    const list = await admin.createTargetList({ targets: [{ label: 'rds-01', notes: 'rack 1' }, { label: 'rds-02' }, { label: 'rds-03' }] });
    const s = await admin.createSchedule(tree.id, { target_list_id: list.id });
    const res = await admin.post(`/maintenance-schedules/${s.id}/run`, {});
    expectStatus(res, 201);
    expectUuid(res.body.batch_id, 'batch_id');
    assert.equal(res.body.count, 3);
    assert.deepEqual(res.body.sessions.map((x) => x.target_label), ['rds-01', 'rds-02', 'rds-03']);
    for (const x of res.body.sessions) {
      assert.equal(x.batch_id, res.body.batch_id);
      assert.equal(x.tree_id, tree.id);
    }
    const history = await admin.history(tree.id);
    assert.equal(history.length, 1);
    assert.equal(history[0].kind, 'batch');
    assert.equal(history[0].batch_id, res.body.batch_id);
    assert.equal(history[0].source, 'manual');
    assert.ok(history[0].schedule_id === s.id || history[0].schedule_id === null);
    assert.equal(history[0].total, 3);
    assert.equal(history[0].created_by, admin.user.id);
    const after_ = (await admin.get(`/maintenance-schedules/${s.id}`)).body;
    assert.equal(after_.next_run_at, s.next_run_at);
    assert.equal(after_.is_active, true);
    const first = (await admin.get(`/sessions/${res.body.sessions[0].id}`)).body;
    assert.equal(first.target_notes, 'rack 1');
    assert.deepEqual(first.tree_snapshot, tree.tree_structure);
  });

  test('without a target list → one session labelled Unassigned', async () => {
    const tree = await admin.createTree('maintenance');
    const s = await admin.createSchedule(tree.id);
    const res = await admin.post(`/maintenance-schedules/${s.id}/run`, {});
    expectStatus(res, 201);
    assert.equal(res.body.count, 1);
    assert.equal(res.body.sessions[0].target_label, 'Unassigned');
  });

  test('uses the list as it is now, and each run is a new batch, newest first', async () => {
    const tree = await admin.createTree('maintenance');
    const list = await admin.createTargetList({ targets: [{ label: 'a' }] });
    const s = await admin.createSchedule(tree.id, { target_list_id: list.id });
    const r1 = (await admin.post(`/maintenance-schedules/${s.id}/run`, {})).body;
    await admin.put(`/target-lists/${list.id}`, { targets: [{ label: 'b' }, { label: 'c' }] });
    await sleep(5);
    const r2 = await admin.post(`/maintenance-schedules/${s.id}/run`, {});
    expectStatus(r2, 201);
    assert.deepEqual(r2.body.sessions.map((x) => x.target_label), ['b', 'c']);
    assert.deepEqual((await admin.history(tree.id)).map((h) => h.batch_id), [r2.body.batch_id, r1.batch_id]);
  });
});

describe('preview', () => {
  let admin;
  before(async () => { admin = await api().register(); });
  const preview = (query) => admin.get(`/maintenance-schedules/preview?${new URLSearchParams(query)}`);

  test('0 9 15 * * → description and the next 5 runs', async () => {
    const t0 = Date.now();
    const res = await preview({ cron_expression: '0 9 15 * *', timezone: 'UTC', count: '5' });
    expectStatus(res, 200);
    assert.equal(res.body.description, 'At 09:00 on day 15 of every month');
    assert.ok(Array.isArray(res.body.notes));
    const runs = res.body.next_runs;
    assert.equal(runs.length, 5);
    let prev = t0;
    for (const r of runs) {
      assert.ok(!Number.isNaN(Date.parse(r)), `unparseable ${r}`);
      assert.ok(day15at0900(localParts(Date.parse(r), 'UTC')), `${r} is not the 15th at 09:00`);
      assert.ok(Date.parse(r) > prev, 'runs strictly increasing and in the future');
      prev = Date.parse(r);
    }
    assert.equal(Date.parse(runs[0]), Date.parse(nextLocal(t0, 'UTC', day15at0900)));
    // Consecutive months.
    for (let i = 1; i < 5; i += 1) {
      const a = new Date(runs[i - 1]);
      const b = new Date(runs[i]);
      assert.equal((b.getUTCFullYear() * 12 + b.getUTCMonth()) - (a.getUTCFullYear() * 12 + a.getUTCMonth()), 1);
    }
  });

  test('next_runs are instants in the format of docs/api.md (UTC, millisecond precision, Z)', async () => {
    const res = await preview({ cron_expression: '*/7 * * * *', timezone: 'Asia/Kathmandu', count: '5' });
    expectStatus(res, 200);
    for (const r of res.body.next_runs) expectInstant(r, 'next_runs[]');
  });

  test('timezone defaults to UTC and count to 5', async () => {
    const res = await preview({ cron_expression: '0 9 15 * *' });
    expectStatus(res, 200);
    assert.equal(res.body.next_runs.length, 5);
    for (const r of res.body.next_runs) assert.ok(day15at0900(localParts(Date.parse(r), 'UTC')), r);
  });

  test('count 1 and 50 accepted; 0, 51 and non-numbers → 422 at query.count', async () => {
    assert.equal((await preview({ cron_expression: '*/5 * * * *', count: '1' })).body.next_runs.length, 1);
    const fifty = await preview({ cron_expression: '*/5 * * * *', count: '50' });
    expectStatus(fifty, 200);
    assert.equal(fifty.body.next_runs.length, 50);
    for (let i = 1; i < 50; i += 1) {
      assert.equal(Date.parse(fifty.body.next_runs[i]) - Date.parse(fifty.body.next_runs[i - 1]), 5 * 60_000);
    }
    for (const count of ['0', '51', 'five', '-1']) {
      expect422(await preview({ cron_expression: '*/5 * * * *', count }), ['query', 'count']);
    }
  });

  test('America/New_York 30 2 * * * → one run per local day at 02:30 (03:00 on a spring-forward day)', async () => {
    const res = await preview({ cron_expression: '30 2 * * *', timezone: 'America/New_York', count: '10' });
    expectStatus(res, 200);
    assert.match(res.body.description, /^At 02:30 every day/);
    assert.ok(Array.isArray(res.body.notes));
    for (const n of res.body.notes) assert.equal(typeof n, 'string');
    const runs = res.body.next_runs;
    assert.equal(runs.length, 10);
    let prevDay = null;
    for (let i = 0; i < runs.length; i += 1) {
      if (i > 0) assert.ok(Date.parse(runs[i]) > Date.parse(runs[i - 1]));
      const p = localParts(Date.parse(runs[i]), 'America/New_York');
      const hm = `${p.hour}:${p.minute}`;
      assert.ok(hm === '2:30' || hm === '3:0', `${runs[i]} is ${hm} in New York`);
      const day = Date.UTC(p.year, p.month - 1, p.day);
      if (prevDay !== null) assert.equal(day - prevDay, 86_400_000, 'one run per local day');
      prevDay = day;
    }
  });

  // The next two tests hold whatever today's date is: they check invariants of every run
  // returned, and the DST rules of SPEC §3 on whichever transition falls in the window.
  test('America/New_York 30 2 * * 0 over 50 weeks: 02:30 each Sunday, 03:00 with a note when 02:30 does not exist', async () => {
    const res = await preview({ cron_expression: '30 2 * * 0', timezone: 'America/New_York', count: '50' });
    expectStatus(res, 200);
    const runs = res.body.next_runs.map((r) => Date.parse(r));
    assert.equal(runs.length, 50);
    let gapDays = 0;
    for (let i = 0; i < runs.length; i += 1) {
      const p = localParts(runs[i], 'America/New_York');
      assert.equal(p.weekday, 'Sun', new Date(runs[i]).toISOString());
      if (i > 0) {
        const q = localParts(runs[i - 1], 'America/New_York');
        assert.equal(Date.UTC(p.year, p.month - 1, p.day) - Date.UTC(q.year, q.month - 1, q.day), 7 * 86_400_000, 'weekly');
      }
      if (p.hour === 2 && p.minute === 30) continue;
      // Otherwise this must be the spring-forward day: 03:00, and half an hour earlier was 01:30.
      assert.deepEqual([p.hour, p.minute], [3, 0], `${new Date(runs[i]).toISOString()} is ${p.hour}:${p.minute} local`);
      const before_ = localParts(runs[i] - 30 * 60_000, 'America/New_York');
      assert.deepEqual([before_.hour, before_.minute], [1, 30], 'a 03:00 run only where 02:30 does not exist');
      const date = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
      assert.ok(res.body.notes.some((n) => n.includes(date) && n.includes('03:00')),
        `notes should explain the run at 03:00 on ${date}: ${JSON.stringify(res.body.notes)}`);
      gapDays += 1;
    }
    assert.ok(gapDays <= 1);
    if (gapDays === 0) assert.deepEqual(res.body.notes, []);
  });

  test('America/New_York 30 1 * * 0: on a fall-back Sunday it fires once, at the first 01:30 (EDT)', async () => {
    const res = await preview({ cron_expression: '30 1 * * 0', timezone: 'America/New_York', count: '50' });
    expectStatus(res, 200);
    const runs = res.body.next_runs.map((r) => Date.parse(r));
    const days = new Set();
    for (const t of runs) {
      const p = localParts(t, 'America/New_York');
      assert.deepEqual([p.weekday, p.hour, p.minute], ['Sun', 1, 30]);
      // An hour earlier is 00:30 for the first 01:30; it would be 01:30 for the repeated one.
      assert.equal(localParts(t - 3_600_000, 'America/New_York').hour, 0, `${new Date(t).toISOString()} is the repeated 01:30`);
      const day = `${p.year}-${p.month}-${p.day}`;
      assert.ok(!days.has(day), `two runs on ${day}`);
      days.add(day);
    }
  });

  test('nicknames, names and lists are accepted', async () => {
    for (const cron of ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly',
      '0 9 1,15 * 5', '0 22 * * FRI-SUN', '0 0 * JAN-mar mon', '0\t9\t*\t*\t*', '*/15 9-17 * * 1-5', '0 0 * * 7']) {
      const res = await preview({ cron_expression: cron, count: '3' });
      expectStatus(res, 200);
      assert.equal(res.body.next_runs.length, 3, cron);
      assert.ok(res.body.description.length > 0);
    }
  });

  test('@hourly runs on the hour; 0 9 1,15 * 5 runs on the 1st, the 15th and Fridays', async () => {
    const hourly = (await preview({ cron_expression: '@hourly', count: '5' })).body.next_runs;
    for (let i = 0; i < 5; i += 1) {
      assert.equal(Date.parse(hourly[i]) % 3_600_000, 0, hourly[i]);
      if (i > 0) assert.equal(Date.parse(hourly[i]) - Date.parse(hourly[i - 1]), 3_600_000);
    }
    const runs = (await preview({ cron_expression: '0 9 1,15 * 5', count: '20' })).body.next_runs;
    const t0 = Date.now();
    let t = t0;
    for (const r of runs) {
      const expected = nextLocal(t, 'UTC', (p) => p.hour === 9 && p.minute === 0 && (p.day === 1 || p.day === 15 || p.weekday === 'Fri'));
      assert.equal(Date.parse(r), Date.parse(expected), `${r} vs ${expected}`);
      t = Date.parse(r);
    }
  });

  test('invalid cron → 422 at query.cron_expression with the parser message; bad zone → 422 at query.timezone', async () => {
    for (const [cron] of INVALID_CRONS.filter(([c]) => c.trim() !== '')) {
      const err = expect422(await preview({ cron_expression: cron }), ['query', 'cron_expression']);
      assert.ok(err.msg.length >= 5);
    }
    expect422(await admin.get('/maintenance-schedules/preview'), ['query', 'cron_expression']);
    expect422(await preview({ cron_expression: '0 9 * * *', timezone: 'Mars/Olympus_Mons' }), ['query', 'timezone']);
  });

  test('the preview is not mistaken for a schedule id', async () => {
    const res = await admin.get('/maintenance-schedules/preview?cron_expression=0+9+*+*+*');
    expectStatus(res, 200);
    assert.ok(Array.isArray(res.body.next_runs));
  });
});
