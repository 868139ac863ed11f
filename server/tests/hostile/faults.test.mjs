// Faults: the process killed mid-write, the database restarted under load, slow clients.
//
//   (a) kill -9 of the server during a stream of POST /sessions/batch (8 clients × 50
//       targets), on SQLite (a temp file) and on PostgreSQL (RF_TEST_DATABASE_URL when it
//       is postgresql://…); restart on the same database; every batch of the run history
//       has exactly its 50 sessions, every acknowledged batch is there, and the flow has
//       no session outside those batches: all or nothing.
//   (b) PostgreSQL restarted under load (only when RF_TEST_DATABASE_URL is postgresql://…):
//       on a private throwaway cluster started for the test (scripts/pg-cluster.sh), or on
//       RF_TEST_PG_DIR (with RF_TEST_DATABASE_URL pointing into it) when that is set —
//       never point it at a cluster anything else is using. During the outage requests
//       get 503 with a detail, quickly (no 500, no hang); afterwards the same process
//       answers 200 again.
//   (c) slowloris: 200 connections each sending one header byte per second while a normal
//       client measures GET /health; p99 must not grow by more than 50 ms.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startServer, connect, Client, expectStatus, sleep, API_PREFIX, REPO_ROOT,
} from '../api/harness.mjs';

const PG_URL = /^postgres(ql)?:\/\//.test(process.env.RF_TEST_DATABASE_URL || '') ? process.env.RF_TEST_DATABASE_URL : null;
const PG_DIR = process.env.RF_TEST_PG_DIR || null;
const PG_BIN = process.env.PG_BIN || '/usr/lib/postgresql/15/bin';

function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}
const fmt = (ms) => `${ms.toFixed(2)} ms`;

// ---------------------------------------------------------------------------
// (a) kill -9 during batch launches

const CLIENTS = 8;
const TARGETS = 50;

/** One round: start, launch batches from 8 clients, SIGKILL mid-stream, restart, verify. */
async function killRound(databaseUrl, round) {
  let server = await startServer({ databaseUrl });
  let killed = false;
  try {
    const admin = await connect(server).register();
    const tree = await admin.createTree('maintenance');
    const acked = new Set();
    const unexpected = [];
    let failedInFlight = 0;
    let stop = false;
    const body = JSON.stringify({
      tree_id: tree.id,
      targets: Array.from({ length: TARGETS }, (_, i) => ({ label: `srv-${String(i).padStart(3, '0')}`, notes: `round ${round}` })),
    });
    const url = `${server.apiUrl}/sessions/batch`;
    const client = async () => {
      while (!stop) {
        let res;
        try {
          res = await fetch(url, {
            method: 'POST', body,
            headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
            signal: AbortSignal.timeout(10_000),
          });
        } catch {
          failedInFlight += 1; // the process died under this request
          return;
        }
        const text = await res.text().catch(() => null);
        if (text === null) { failedInFlight += 1; return; }
        if (res.status === 201) {
          const b = JSON.parse(text);
          assert.equal(b.count, TARGETS);
          acked.add(b.batch_id);
        } else {
          unexpected.push(`${res.status} ${text.slice(0, 200)}`);
        }
      }
    };
    const running = Array.from({ length: CLIENTS }, client);
    // Let a stream build up, then kill at a random moment inside it.
    const deadline = Date.now() + 10_000;
    while (acked.size < 16 + round * 8 && Date.now() < deadline) await sleep(5);
    await sleep(Math.floor(Math.random() * 40));
    server.process.kill('SIGKILL');
    killed = true;
    await new Promise((r) => (server.isRunning() ? server.process.once('exit', r) : r()));
    stop = true;
    await Promise.all(running);
    assert.deepEqual(unexpected, [], 'answers other than 201 before the kill');
    assert.ok(acked.size > 0, 'no batch was acknowledged before the kill');

    // Restart on the same database; the token lives in the database, so it still works.
    server = await startServer({ databaseUrl });
    killed = false;
    const again = new Client(server.baseUrl, { token: admin.token, user: admin.user });
    const history = (await again.history(tree.id)).filter((e) => (e.kind ?? 'batch') === 'batch');
    const listed = new Set(history.map((e) => e.batch_id));
    const lost = [...acked].filter((id) => !listed.has(id));
    assert.deepEqual(lost, [], `acknowledged batches missing after the restart (round ${round})`);
    for (const entry of history) {
      assert.equal(entry.total, TARGETS, `batch ${entry.batch_id}: total ${entry.total}, launched with ${TARGETS}`);
      const detail = await again.get(`/batches/${entry.batch_id}`);
      expectStatus(detail, 200);
      assert.equal(detail.body.sessions.length, entry.total,
        `batch ${entry.batch_id}: ${detail.body.sessions.length} sessions, history says total ${entry.total}`);
      const labels = new Set(detail.body.sessions.map((s) => s.target_label));
      assert.equal(labels.size, TARGETS, `batch ${entry.batch_id}: duplicate or missing targets`);
    }
    const sessions = await again.sessionCount({ tree_id: tree.id });
    assert.equal(sessions, history.length * TARGETS,
      `the flow has ${sessions} sessions but its ${history.length} batches account for ${history.length * TARGETS}: orphans from a half-written batch`);
    // The restarted process is fully usable.
    const b = await again.launchBatch(tree.id, ['after-restart']);
    assert.equal(b.count, 1);
    console.log(`# kill -9 round ${round} on ${databaseUrl.split(':')[0]}: ${acked.size} batches acknowledged, ` +
      `${history.length} in the history, ${failedInFlight} requests cut by the kill; every batch has ${TARGETS} sessions`);
  } finally {
    if (!killed && server.isRunning()) await server.stop();
  }
}

describe('kill -9 during batch launches: all or nothing', () => {
  test('on SQLite (a temp file)', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rf-faults-'));
    try {
      const url = `sqlite:${join(dir, 'kill.db')}`;
      for (let round = 1; round <= 3; round += 1) await killRound(url, round);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('on PostgreSQL', { timeout: 60_000, skip: PG_URL ? false : 'RF_TEST_DATABASE_URL is not a postgresql:// URL' }, async () => {
    for (let round = 1; round <= 3; round += 1) await killRound(PG_URL, round);
  });
});

// ---------------------------------------------------------------------------
// (b) PostgreSQL restarted under load

function asPostgres(cmd, args) {
  const root = process.getuid?.() === 0;
  return root ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    : execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

const PG_CLUSTER_SCRIPT = join(REPO_ROOT, 'scripts', 'pg-cluster.sh');

function pgSkipReason() {
  if (!PG_URL) return 'RF_TEST_DATABASE_URL is not a postgresql:// URL (PostgreSQL-only test)';
  if (PG_DIR) {
    try {
      readFileSync(join(PG_DIR, 'postmaster.pid'));
    } catch {
      return `no running cluster in RF_TEST_PG_DIR=${PG_DIR}`;
    }
    return false;
  }
  if (!existsSync(join(PG_BIN, 'pg_ctl'))) return `no PostgreSQL binaries in ${PG_BIN} to start a private cluster`;
  return false;
}

/**
 * The cluster to restart: RF_TEST_PG_DIR with RF_TEST_DATABASE_URL when given, else a
 * private throwaway cluster (scripts/pg-cluster.sh), so that restarting it disturbs no
 * other suite sharing the test cluster.
 */
function clusterToRestart() {
  if (PG_DIR) return { url: PG_URL, dir: PG_DIR, dispose: () => {} };
  const dir = mkdtempSync('/tmp/rfpg-');
  const url = execFileSync(PG_CLUSTER_SCRIPT, ['start', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  return {
    url, dir,
    dispose: () => execFileSync(PG_CLUSTER_SCRIPT, ['stop', dir], { stdio: 'ignore' }),
  };
}

describe('PostgreSQL restarted under load', () => {
  test('503 with a detail during the outage, 200 again afterwards without a restart',
    { timeout: 60_000, skip: pgSkipReason() }, async () => {
      const cluster = clusterToRestart();
      const pgDir = cluster.dir;
      let server;
      try {
        server = await startServer({ databaseUrl: cluster.url });
        const admin = await connect(server).register();
        const tree = await admin.createTree('procedural');
        // The options the cluster was started with, to start it again the same way.
        const opts = readFileSync(join(pgDir, 'postmaster.opts'), 'utf8').trim();
        const postgresArgs = opts.slice(opts.indexOf(' ') + 1);

        const results = []; // {t, ms, status, detail, path}
        let stop = false;
        const t0 = Date.now();
        const one = async (method, path, body) => {
          const started = Date.now();
          let status;
          let detail = null;
          try {
            const res = await fetch(server.apiUrl + path, {
              method,
              headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
              body: body && JSON.stringify(body),
              signal: AbortSignal.timeout(8_000),
            });
            status = res.status;
            const text = await res.text();
            try {
              const j = JSON.parse(text);
              detail = path === '/health' ? j.database ?? null : j.detail ?? null;
            } catch {
              detail = text.slice(0, 100);
            }
          } catch (err) {
            status = err.name === 'TimeoutError' ? 'timeout' : `error ${err.cause?.code ?? err.message}`;
          }
          results.push({ t: started - t0, ms: Date.now() - started, status, detail, path });
          return status;
        };
        const loop = async (i) => {
          while (!stop) {
            if (i % 2 === 0) await one('GET', `/trees/${tree.id}`);
            else await one('POST', '/sessions/', { tree_id: tree.id });
            await one('GET', '/health');
            await sleep(20);
          }
        };
        const running = [0, 1, 2, 3].map(loop);

        await sleep(1_000);
        const tStop = Date.now() - t0;
        asPostgres(`${PG_BIN}/pg_ctl`, ['-D', pgDir, '-m', 'fast', '-w', 'stop']);
        await sleep(2_500);
        const tStart = Date.now() - t0;
        asPostgres(`${PG_BIN}/pg_ctl`, ['-D', pgDir, '-l', join(pgDir, 'postgres.log'), '-w', '-t', '30', '-o', postgresArgs, 'start']);
        const tUp = Date.now() - t0;

        // Recovery: the same process answers 200 again within 10 s.
        let recoveredAt = null;
        const deadline = Date.now() + 10_000;
        while (Date.now() < deadline) {
          const h = await fetch(`${server.apiUrl}/health`).then((r) => r.status).catch(() => 'error');
          const g = await fetch(`${server.apiUrl}/trees/${tree.id}`, { headers: { authorization: `Bearer ${admin.token}` } })
            .then((r) => r.status).catch(() => 'error');
          if (h === 200 && g === 200) { recoveredAt = Date.now() - t0; break; }
          await sleep(100);
        }
        await sleep(300);
        stop = true;
        await Promise.all(running);

        const during = results.filter((r) => r.t >= tStop && r.t + r.ms <= tStart);
        const byStatus = {};
        for (const r of results) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
        const slowest = Math.max(...results.map((r) => r.ms));
        console.log(`# PostgreSQL stopped at ${tStop} ms, started at ${tStart}–${tUp} ms, service recovered at ${recoveredAt ?? 'never'} ms; ` +
          `answers ${JSON.stringify(byStatus)}; slowest request ${slowest} ms`);

        const bad = results.filter((r) => typeof r.status !== 'number' || (r.status >= 500 && r.status !== 503));
        assert.deepEqual(bad.slice(0, 5), [], `${bad.length} requests answered neither 2xx nor 503 (500s, hangs, dropped connections)`);
        assert.ok(during.some((r) => r.status === 503), `no 503 while PostgreSQL was down; statuses then: ${JSON.stringify(during.map((r) => r.status))}`);
        for (const r of results.filter((x) => x.status === 503)) {
          if (r.path === '/health') {
            assert.equal(r.detail, 'unavailable', '/health during the outage: {"database": "unavailable"}');
          } else {
            assert.equal(typeof r.detail, 'string', `503 without a {"detail": "..."} (${r.path})`);
            assert.match(r.detail, /database|unavailable|try again/i, `503 detail not clear: ${r.detail}`);
          }
        }
        const hung = results.filter((r) => r.ms > 5_000);
        assert.deepEqual(hung.slice(0, 5), [], 'requests took longer than 5 s during the outage');
        assert.ok(recoveredAt !== null, 'the service did not answer 200 again within 10 s of PostgreSQL coming back');
        // After recovery everything works: reads, writes, health.
        expectStatus(await admin.get(`/trees/${tree.id}`), 200);
        expectStatus(await admin.post('/sessions/', { tree_id: tree.id }), 201);
        expectStatus(await admin.get('/health'), 200);
      } finally {
        // Whatever happened, leave the cluster running for the suites that follow.
        try {
          readFileSync(join(pgDir, 'postmaster.pid'));
        } catch {
          const opts = readFileSync(join(pgDir, 'postmaster.opts'), 'utf8').trim();
          asPostgres(`${PG_BIN}/pg_ctl`, ['-D', pgDir, '-l', join(pgDir, 'postgres.log'), '-w', '-o', opts.slice(opts.indexOf(' ') + 1), 'start']);
        }
        try {
          if (server?.isRunning()) await server.stop();
        } finally {
          cluster.dispose();
        }
      }
    });
});

// ---------------------------------------------------------------------------
// (c) slowloris

/** Sequential GET /health on one keep-alive connection for `ms`; returns sorted latencies. */
async function measureHealth(port, ms, { freshConnections = false } = {}) {
  const agent = new http.Agent({ keepAlive: !freshConnections, maxSockets: 1 });
  const lat = [];
  const end = Date.now() + ms;
  try {
    while (Date.now() < end) {
      const t = process.hrtime.bigint();
      const status = await new Promise((resolve, reject) => {
        const r = http.request({ host: '127.0.0.1', port, path: `${API_PREFIX}/health`, agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode));
        });
        r.setTimeout(5_000, () => r.destroy(new Error('health timed out after 5 s')));
        r.on('error', reject);
        r.end();
      });
      lat.push(Number(process.hrtime.bigint() - t) / 1e6);
      assert.equal(status, 200);
      await sleep(10);
    }
  } finally {
    agent.destroy();
  }
  return lat.sort((a, b) => a - b);
}

const summary = (lat) => `n=${lat.length} p50=${fmt(quantile(lat, 0.5))} p99=${fmt(quantile(lat, 0.99))} max=${fmt(lat[lat.length - 1])}`;

describe('slow clients', () => {
  test('200 slowloris connections (one header byte per second) do not delay /health by more than 50 ms at p99',
    { timeout: 60_000 }, async () => {
      const server = await startServer({ extraArgs: ['--no-access-log'] });
      const sockets = [];
      let timer;
      try {
        const { port } = server;
        await measureHealth(port, 300); // warm up
        const baseKeep = await measureHealth(port, 2_000);
        const baseFresh = await measureHealth(port, 1_000, { freshConnections: true });

        for (let i = 0; i < 200; i += 1) {
          const s = net.connect({ host: '127.0.0.1', port });
          s.on('error', () => {});
          s.on('close', () => { s.closedByPeer = true; });
          sockets.push(s);
        }
        await Promise.all(sockets.map((s) => new Promise((r) => (s.connecting ? s.once('connect', r) : r()))));
        const head = `GET ${API_PREFIX}/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: `;
        let pos = 0;
        const tick = () => {
          const byte = head[pos] ?? 'a';
          pos += 1;
          for (const s of sockets) if (!s.destroyed) s.write(byte);
        };
        tick();
        timer = setInterval(tick, 1_000);
        await sleep(1_500);

        const slowKeep = await measureHealth(port, 5_000);
        const slowFresh = await measureHealth(port, 2_000, { freshConnections: true });
        const open = sockets.filter((s) => !s.closedByPeer).length;
        console.log(`# /health, keep-alive, idle server:      ${summary(baseKeep)}`);
        console.log(`# /health, keep-alive, 200 slowloris:    ${summary(slowKeep)}`);
        console.log(`# /health, new connection, idle server:  ${summary(baseFresh)}`);
        console.log(`# /health, new connection, 200 slowloris: ${summary(slowFresh)}`);
        console.log(`# slowloris connections still open after ${pos} bytes each: ${open}/200`);

        const grow = quantile(slowKeep, 0.99) - quantile(baseKeep, 0.99);
        const growFresh = quantile(slowFresh, 0.99) - quantile(baseFresh, 0.99);
        assert.ok(grow <= 50, `keep-alive p99 grew by ${fmt(grow)} under slowloris (${summary(baseKeep)} → ${summary(slowKeep)})`);
        assert.ok(growFresh <= 50, `new-connection p99 grew by ${fmt(growFresh)} under slowloris (${summary(baseFresh)} → ${summary(slowFresh)})`);
      } finally {
        clearInterval(timer);
        for (const s of sockets) s.destroy();
        await server.stop();
      }
    });
});
