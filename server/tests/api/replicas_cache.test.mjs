// Two servers on one database, as behind a load balancer: a flow list one replica has
// cached must reflect a change made through the other at once (the cache is validated
// by a version the database keeps), and a token logged out on one replica stops working
// there immediately.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, Client, expectStatus } from './harness.mjs';

let a, b, dir;
before(async () => {
  let url = process.env.RF_TEST_DATABASE_URL;
  if (!url) {
    dir = mkdtempSync(join(tmpdir(), 'rf-replicas-'));
    url = `sqlite:${join(dir, 'shared.db')}`;
  }
  a = await startServer({ databaseUrl: url });
  b = await startServer({ databaseUrl: url });
});
after(async () => {
  await a?.stop();
  await b?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a cached flow list sees creates, renames and deletes made on another replica', async () => {
  const onA = await new Client(a.baseUrl).register();
  const onB = new Client(b.baseUrl, { token: onA.token });

  const names = async () => (await onA.get('/trees/?tree_type=maintenance')).body.map((t) => t.name).sort();
  const first = await onA.createTree('maintenance', { name: 'Patch RDS' });
  assert.deepEqual(await names(), ['Patch RDS']);
  assert.deepEqual(await names(), ['Patch RDS'], 'second read (cached) is the same');

  expectStatus(await onB.post('/trees/', { name: 'Rotate certs', tree_type: 'maintenance',
    tree_structure: first.tree_structure }), 201);
  assert.deepEqual(await names(), ['Patch RDS', 'Rotate certs']);

  expectStatus(await onB.put(`/trees/${first.id}`, { name: 'Patch RDS farm' }), 200);
  assert.deepEqual(await names(), ['Patch RDS farm', 'Rotate certs']);

  expectStatus(await onB.del(`/trees/${first.id}`), 204);
  assert.deepEqual(await names(), ['Rotate certs']);
  const counts = (await onA.get('/trees/counts')).body;
  assert.equal(counts.maintenance, 1);
});

test('logout makes the token fail at once on the replica that served it', async () => {
  const onA = await new Client(a.baseUrl).register();
  expectStatus(await onA.get('/auth/me'), 200);  // now cached on A
  expectStatus(await onA.post('/auth/logout'), 204);
  expectStatus(await onA.get('/auth/me'), 401);
});
