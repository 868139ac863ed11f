// Saved target lists: CRUD, validation, tenancy.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  useServer, expectStatus, expectDetail, expect422, expectUuid, expectInstant, sleep,
} from './harness.mjs';

const api = useServer(before, after);

function expectList(list, { owner, name, targets, summary = false } = {}) {
  expectUuid(list.id, 'target_list.id');
  if (owner) {
    assert.equal(list.team_id, owner.user.team_id);
    assert.equal(list.created_by, owner.user.id);
  }
  if (name) assert.equal(list.name, name);
  assert.equal(typeof list.description, 'string');
  if (summary) {
    // A list item is a summary: the count without the targets (SPEC §8).
    assert.equal(list.targets, undefined);
    assert.equal(typeof list.target_count, 'number');
    expectInstant(list.created_at, 'created_at');
    return;
  }
  assert.ok(Array.isArray(list.targets));
  assert.equal(list.target_count, list.targets.length);
  for (const t of list.targets) {
    assert.equal(typeof t.label, 'string');
    assert.equal(typeof t.notes, 'string');
  }
  if (targets) assert.deepEqual(list.targets, targets);
  expectInstant(list.created_at, 'created_at');
  expectInstant(list.updated_at, 'updated_at');
}

describe('target lists', () => {
  let admin;
  before(async () => { admin = await api().register(); });

  test('create → 201; notes default to ""; GET returns the same', async () => {
    const res = await admin.post('/target-lists/', {
      name: 'RDS farm', description: 'Session hosts',
      targets: [{ label: 'rds-01', notes: 'rack 1' }, { label: 'rds-02' }, { label: 'rds-03', notes: '' }],
    });
    expectStatus(res, 201);
    expectList(res.body, {
      owner: admin, name: 'RDS farm',
      targets: [{ label: 'rds-01', notes: 'rack 1' }, { label: 'rds-02', notes: '' }, { label: 'rds-03', notes: '' }],
    });
    assert.equal(res.body.description, 'Session hosts');
    assert.equal(res.body.target_count, 3);
    const got = await admin.get(`/target-lists/${res.body.id}`);
    expectStatus(got, 200);
    assert.deepEqual(got.body, res.body);
  });

  test('description optional → ""; POST without the slash', async () => {
    const res = await admin.post('/target-lists', { name: 'No description', targets: [{ label: 'a' }] });
    expectStatus(res, 201);
    assert.equal(res.body.description, '');
  });

  test('list in name order, with and without the slash', async () => {
    const team = await api().register();
    for (const name of ['Zeta tenants', 'Alpha servers', 'Mid printers']) {
      await team.createTargetList({ name });
    }
    const res = await team.get('/target-lists/');
    expectStatus(res, 200);
    assert.deepEqual(res.body.map((l) => l.name), ['Alpha servers', 'Mid printers', 'Zeta tenants']);
    for (const l of res.body) expectList(l, { owner: team, summary: true });
    assert.equal(res.headers.get('x-total-count'), '3');
    assert.deepEqual((await team.get('/target-lists')).body, res.body);
  });

  test('limits: label 255 and notes 500 ok, 5,000 targets ok', async () => {
    const big = Array.from({ length: 5000 }, (_, i) => ({ label: `device-${i}`, notes: i % 2 ? `note ${i}` : '' }));
    big[0] = { label: 'L'.repeat(255), notes: 'N'.repeat(500) };
    const res = await admin.post('/target-lists/', { name: 'n'.repeat(255), targets: big });
    expectStatus(res, 201);
    assert.equal(res.body.target_count, 5000);
    assert.deepEqual(res.body.targets[0], big[0]);
    assert.deepEqual(res.body.targets[4999], big[4999]);
    const got = (await admin.get(`/target-lists/${res.body.id}`)).body;
    assert.deepEqual(got.targets, big, 'targets keep their order');
  });

  test('validation → 422 at the right loc; nothing created', async () => {
    const before_ = (await admin.get('/target-lists/')).body.length;
    const cases = [
      [{ name: 'x' }, ['body', 'targets']],
      [{ name: 'x', targets: [] }, ['body', 'targets']],
      [{ name: 'x', targets: 'a' }, ['body', 'targets']],
      [{ name: 'x', targets: [{ label: '' }] }, ['body', 'targets', 0, 'label']],
      [{ name: 'x', targets: [{ notes: 'no label' }] }, ['body', 'targets', 0, 'label']],
      [{ name: 'x', targets: [{ label: 'a' }, { label: 'x'.repeat(256) }] }, ['body', 'targets', 1, 'label']],
      [{ name: 'x', targets: [{ label: 'a' }, { label: 'b' }, { label: 'c', notes: 'n'.repeat(501) }] }, ['body', 'targets', 2, 'notes']],
      [{ name: 'x', targets: [{ label: 'a', notes: 7 }] }, ['body', 'targets', 0, 'notes']],
      [{ name: 'x', targets: Array.from({ length: 5001 }, (_, i) => ({ label: `d${i}` })) }, ['body', 'targets']],
      [{ name: '', targets: [{ label: 'a' }] }, ['body', 'name']],
      [{ name: 'n'.repeat(256), targets: [{ label: 'a' }] }, ['body', 'name']],
      [{ targets: [{ label: 'a' }] }, ['body', 'name']],
    ];
    for (const [body, loc] of cases) {
      const err = expect422(await admin.post('/target-lists/', body), loc);
      if (loc.length > 2) assert.deepEqual(err.loc, loc);
    }
    assert.equal((await admin.get('/target-lists/')).body.length, before_);
  });

  test('PUT: name only keeps targets; targets replace the list; updated_at moves', async () => {
    const list = await admin.createTargetList({ targets: [{ label: 'a', notes: 'x' }, { label: 'b' }] });
    await sleep(5);
    let res = await admin.put(`/target-lists/${list.id}`, { name: 'Renamed' });
    expectStatus(res, 200);
    assert.equal(res.body.name, 'Renamed');
    assert.deepEqual(res.body.targets, list.targets);
    assert.equal(res.body.description, list.description);
    assert.equal(res.body.created_at, list.created_at);
    assert.ok(Date.parse(res.body.updated_at) > Date.parse(list.updated_at));

    res = await admin.put(`/target-lists/${list.id}`, { targets: [{ label: 'c' }], description: 'New' });
    expectStatus(res, 200);
    expectList(res.body, { targets: [{ label: 'c', notes: '' }] });
    assert.equal(res.body.target_count, 1);
    assert.equal(res.body.description, 'New');
    assert.equal(res.body.name, 'Renamed');
    assert.deepEqual((await admin.get(`/target-lists/${list.id}`)).body, res.body);
  });

  test('PUT refusals → 422, nothing changed', async () => {
    const list = await admin.createTargetList();
    expect422(await admin.put(`/target-lists/${list.id}`, { targets: [] }), ['body', 'targets']);
    expect422(await admin.put(`/target-lists/${list.id}`, { targets: [{ label: 'x'.repeat(256) }] }), ['body', 'targets', 0, 'label']);
    expect422(await admin.put(`/target-lists/${list.id}`, { targets: [{ label: 'a', notes: 'n'.repeat(501) }] }), ['body', 'targets', 0, 'notes']);
    expect422(await admin.put(`/target-lists/${list.id}`, { name: '' }), ['body', 'name']);
    expect422(await admin.put(`/target-lists/${list.id}`, { name: 'n'.repeat(256) }), ['body', 'name']);
    assert.deepEqual((await admin.get(`/target-lists/${list.id}`)).body, list);
  });

  test('DELETE → 204, then 404 on GET/PUT/DELETE and gone from the list', async () => {
    const list = await admin.createTargetList();
    const res = await admin.del(`/target-lists/${list.id}`);
    expectStatus(res, 204);
    assert.equal(res.text, '');
    expectDetail(await admin.get(`/target-lists/${list.id}`), 404);
    expectDetail(await admin.put(`/target-lists/${list.id}`, { name: 'x' }), 404);
    expectDetail(await admin.del(`/target-lists/${list.id}`), 404);
    assert.ok(!(await admin.get('/target-lists/')).body.some((l) => l.id === list.id));
  });

  test('deleting a list that a schedule uses: 204 (schedule loses it) or 409 (refused) — never 5xx', async () => {
    const tree = await admin.createTree('maintenance');
    const list = await admin.createTargetList();
    const s = await admin.createSchedule(tree.id, { target_list_id: list.id });
    const res = await admin.del(`/target-lists/${list.id}`);
    expectStatus(res, [204, 409]);
    if (res.status === 409) {
      expectDetail(res, 409);
      expectStatus(await admin.get(`/target-lists/${list.id}`), 200);
      return;
    }
    const after_ = await admin.get(`/maintenance-schedules/${s.id}`);
    expectStatus(after_, 200);
    assert.equal(after_.body.target_list_id, null);
    const run = await admin.post(`/maintenance-schedules/${s.id}/run`, {});
    expectStatus(run, 201);
    assert.deepEqual(run.body.sessions.map((x) => x.target_label), ['Unassigned']);
  });

  test('unknown id → 404', async () => {
    expectDetail(await admin.get(`/target-lists/${randomUUID()}`), 404);
    expectDetail(await admin.put(`/target-lists/${randomUUID()}`, { name: 'x' }), 404);
    expectDetail(await admin.del(`/target-lists/${randomUUID()}`), 404);
  });

  test("another team's list → 404 on GET/PUT/DELETE, unchanged, not listed", async () => {
    const owner = await api().register();
    const intruder = await api().register();
    const list = await owner.createTargetList();
    expectDetail(await intruder.get(`/target-lists/${list.id}`), 404);
    expectDetail(await intruder.put(`/target-lists/${list.id}`, { name: 'pwned', targets: [{ label: 'evil' }] }), 404);
    expectDetail(await intruder.del(`/target-lists/${list.id}`), 404);
    assert.deepEqual((await intruder.get('/target-lists/')).body, []);
    assert.deepEqual((await owner.get(`/target-lists/${list.id}`)).body, list);
  });

  test('an engineer edits the team’s lists; a viewer cannot', async () => {
    const eng = await admin.addMember('engineer');
    const viewer = await admin.addMember('viewer');
    const list = await admin.createTargetList();
    expectStatus(await eng.put(`/target-lists/${list.id}`, { name: 'by engineer' }), 200);
    expectDetail(await viewer.put(`/target-lists/${list.id}`, { name: 'by viewer' }), 403);
    expectStatus(await viewer.get(`/target-lists/${list.id}`), 200);
    assert.equal((await admin.get(`/target-lists/${list.id}`)).body.name, 'by engineer');
  });
});
