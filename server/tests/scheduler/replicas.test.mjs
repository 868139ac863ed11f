// Three replicas of the real binary share one PostgreSQL database, each running the
// scheduler. Every occurrence must fire exactly once: with all replicas up, when one is
// killed with SIGKILL while it fires, and after all were down past several occurrences
// (one catch-up batch plus one "missed" entry).
//
// The processes run with --clock-offset-ms (the one fake the suite allows: the clock) so
// that a minute boundary is seconds away instead of a minute.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';

import { killAllServers, launchServer } from '../support/launcher.mjs';

const DB = process.env.RF_TEST_DATABASE_URL || '';
const SCHEDULES = 40;
const MINUTE = 60_000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// A failed assertion must not leave replicas behind (they would keep node alive).
after(killAllServers);

// A replica with the scheduler on and its clock `offsetMs` ahead.
function startReplica(offsetMs) {
  return launchServer({
    databaseUrl: DB,
    scheduler: true,
    args: ['--clock-offset-ms', String(offsetMs), '--scheduler-max-sleep-ms', '200', '--no-access-log',
      '--registration', 'open'],
  });
}

const stopReplica = (r) => r.stopCleanly();

async function call(base, method, path, token, body) {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

// An offset that puts the processes' clock `lead` ms before a minute boundary, now.
function offsetBeforeBoundary(lead, minutesAhead = 1) {
  const now = Date.now();
  const boundary = Math.ceil((now + lead + 1000) / MINUTE) * MINUTE + (minutesAhead - 1) * MINUTE;
  return boundary - lead - now;
}

async function histories(base, token, trees) {
  return Promise.all(trees.map(async (id) => (await call(base, 'GET', `/trees/${id}/batches`, token)).body));
}

test('replicas fire every occurrence exactly once', { skip: !DB.startsWith('postgres') && 'needs PostgreSQL' }, async () => {
  // Phase 1: three replicas, many schedules due in the same minute.
  let offset = offsetBeforeBoundary(8000);
  const fakeNow = () => Date.now() + offset;
  let replicas = await Promise.all([startReplica(offset), startReplica(offset), startReplica(offset)]);
  let urls = replicas.map((r) => r.apiUrl);

  const reg = await call(urls[0], 'POST', '/auth/register', null,
    { email: `sched-${randomUUID().slice(0, 8)}@example.com`, password: 'correct horse', name: 'Ops', team_name: 'Ops' });
  assert.equal(reg.status, 201);
  const token = reg.body.access_token;
  const list = await call(urls[0], 'POST', '/target-lists/', token,
    { name: 'Farm', targets: [{ label: 'rds-01' }, { label: 'rds-02' }, { label: 'rds-03' }] });
  assert.equal(list.status, 201);
  const trees = [];
  for (let i = 0; i < SCHEDULES; i++) {
    const base = urls[i % 3];
    const t = await call(base, 'POST', '/trees/', token, { name: `Patch ${i}`, tree_type: 'maintenance',
      tree_structure: { steps: [{ id: 's1', type: 'procedure_step', title: 'Patch' }] } });
    assert.equal(t.status, 201);
    const s = await call(base, 'POST', '/maintenance-schedules/', token,
      { tree_id: t.body.id, cron_expression: '* * * * *', timezone: 'UTC', target_list_id: list.body.id });
    assert.equal(s.status, 201);
    trees.push(t.body.id);
  }
  const first = Math.ceil(fakeNow() / MINUTE) * MINUTE;
  assert.ok(first - fakeNow() > 1000, 'setup took too long for this minute');
  await sleep(first - fakeNow() + 2500);

  const expectOccurrences = async (occurrences) => {
    for (const h of await histories(urls[0], token, trees)) {
      const batches = h.filter((e) => e.kind === 'batch');
      const got = batches.map((b) => Date.parse(b.scheduled_for)).sort();
      assert.deepEqual(got, [...occurrences].sort(), 'each occurrence fires once per schedule');
      for (const b of batches) assert.equal(b.total, 3, 'a batch has all of its sessions');
    }
  };
  await expectOccurrences([first]);

  // Phase 2: restart the replicas shortly before the next occurrence and SIGKILL one of
  // them just as it starts firing.
  await Promise.all(replicas.map(stopReplica));
  offset = first + MINUTE - 3000 - Date.now();  // 3 s before the next occurrence
  replicas = await Promise.all([startReplica(offset), startReplica(offset), startReplica(offset)]);
  urls = replicas.map((r) => r.apiUrl);
  const second = first + MINUTE;
  await sleep(Math.max(0, second - fakeNow()) + 30);
  replicas[1].process.kill('SIGKILL');
  await replicas[1].exited;
  await sleep(3000);
  urls = [urls[0], urls[2]];
  await expectOccurrences([first, second]);

  // Phase 3: all down past three occurrences, then up again: the latest fires (within
  // the default one-hour grace) and the two before it are one "missed ×2" entry.
  await Promise.all([stopReplica(replicas[0]), stopReplica(replicas[2])]);
  const third = second + MINUTE, fifth = second + 3 * MINUTE;
  offset = fifth + 5000 - Date.now();
  replicas = await Promise.all([startReplica(offset), startReplica(offset), startReplica(offset)]);
  urls = replicas.map((r) => r.apiUrl);
  await sleep(3000);
  await expectOccurrences([first, second, fifth]);
  for (const h of await histories(urls[0], token, trees)) {
    const missed = h.filter((e) => e.kind === 'missed');
    assert.equal(missed.length, 1);
    assert.equal(missed[0].missed_count, 2);
    assert.equal(Date.parse(missed[0].first_missed_at), third);
    assert.equal(Date.parse(missed[0].last_missed_at), third + MINUTE);
  }
  const sched = await call(urls[0], 'GET', `/maintenance-schedules/tree/${trees[0]}`, token);
  assert.equal(sched.body.is_active, true, 'misses never disable a schedule');
  assert.equal(Date.parse(sched.body.next_run_at), fifth + MINUTE);
  await Promise.all(replicas.map(stopReplica));
});
