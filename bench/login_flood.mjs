// Login flood: how a flood of wrong-password sign-ins (argon2id each) affects real ones.
// Prints figures; it passes or fails on nothing but a 5xx other than 503 or a dropped
// connection.
//
//   node bench/login_flood.mjs [--flood 64] [--seconds 10] [--database URL]
//                              [--url http://127.0.0.1:PORT]
//
// Without --url it starts RF_BINARY (default build/resolutionflow) on a fresh SQLite file
// (or --database) with --no-access-log, and stops it at the end. Three phases:
//   1. quiet: real logins one after another, nothing else running;
//   2. flood: --flood connections send wrong-password logins for unknown addresses (each
//      still costs one argon2id verification) as fast as they are answered, from a worker
//      thread of their own (so their event loop does not delay the measurements), while
//      one client keeps signing in for real and another polls GET /health;
//   3. the same real logins again once the flood has stopped.
// For real logins during the flood it prints the latency of every attempt, how many were
// answered 503 (busy), and the time to a successful sign-in for a client that retries a
// 503 after 50 ms.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { randomUUID } from 'node:crypto';

import { launchServer } from '../server/tests/support/launcher.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1] && !all[i + 1].startsWith('--') ? all[i + 1] : 'true']);
  return acc;
}, []));
const FLOOD = Number(args.flood ?? 64);
const SECONDS = Number(args.seconds ?? 10);
const PASSWORD = 'correct horse battery staple';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.now();

function percentiles(xs) {
  if (xs.length === 0) return 'no samples';
  const s = [...xs].sort((a, b) => a - b);
  const p = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return `n=${s.length} p50 ${p(0.5).toFixed(1)} ms, p90 ${p(0.9).toFixed(1)} ms, p99 ${p(0.99).toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms`;
}

// The launcher the test suites use: a fresh SQLite file in a temporary directory unless
// --database names one (removed when the server stops).
async function startServer() {
  const server = await launchServer({ databaseUrl: args.database, args: ['--no-access-log'], tempPrefix: 'rf-flood-' });
  return { url: server.baseUrl, stop: server.stop };
}

let base;
const unexpected = [];

async function post(path, body) {
  const t0 = now();
  try {
    const res = await fetch(`${base}/api/v1${path}`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    await res.arrayBuffer();
    if (res.status >= 500 && res.status !== 503) unexpected.push(`${path} → ${res.status}`);
    return { status: res.status, ms: now() - t0 };
  } catch (err) {
    unexpected.push(`${path}: ${err.cause?.code ?? err.message}`);
    return { status: 'error', ms: now() - t0 };
  }
}

/** Real logins one after another until `until()` is false; returns the samples. */
async function realLogins(email, until) {
  const attempts = [];
  const toSuccess = [];
  const statuses = {};
  while (until()) {
    const started = now();
    for (;;) {
      const r = await post('/auth/login', { email, password: PASSWORD });
      attempts.push(r.ms);
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (r.status === 200) {
        toSuccess.push(now() - started);
        break;
      }
      if (r.status !== 503 || !until()) break;
      await sleep(50);
    }
  }
  return { attempts, toSuccess, statuses };
}

function report(name, s) {
  console.log(`${name}`);
  console.log(`  real login, each attempt:     ${percentiles(s.attempts)}`);
  console.log(`  real login, until signed in:  ${percentiles(s.toSuccess)} (a 503 is retried after 50 ms)`);
  console.log(`  real login answers:           ${JSON.stringify(s.statuses)}`);
}

async function main() {
  const server = args.url ? null : await startServer();
  base = args.url ?? server.url;
  const email = `real-${randomUUID().slice(0, 8)}@example.com`;
  const reg = await post('/auth/register', { email, password: PASSWORD, name: 'Real User', team_name: 'Flood bench' });
  if (reg.status !== 201) throw new Error(`could not register the real user (${reg.status})`);
  console.log(`login flood against ${base}: ${FLOOD} flooding connections, ${SECONDS} s per phase`);

  let end = now() + SECONDS * 1000;
  report('1. quiet', await realLogins(email, () => now() < end));

  end = now() + SECONDS * 1000;
  const flood = new Worker(new URL(import.meta.url), { workerData: { base, connections: FLOOD, ms: SECONDS * 1000 } });
  const floodDone = new Promise((resolve, reject) => {
    flood.once('message', resolve);
    flood.once('error', reject);
  });
  const health = [];
  const poller = (async () => {
    while (now() < end) {
      const t0 = now();
      await fetch(`${base}/api/v1/health`).then((r) => r.arrayBuffer()).catch(() => unexpected.push('health dropped'));
      health.push(now() - t0);
      await sleep(20);
    }
  })();
  await sleep(500); // let the flood fill the queue first
  const during = await realLogins(email, () => now() < end);
  await poller;
  const { count, statuses, errors } = await floodDone;
  unexpected.push(...errors);
  report('2. during the flood', during);
  console.log(`  flood: ${count} requests, ${(count / SECONDS).toFixed(0)} req/s, answers ${JSON.stringify(statuses)}`);
  console.log(`  GET /health meanwhile:        ${percentiles(health)}`);

  end = now() + SECONDS * 1000;
  report('3. after the flood', await realLogins(email, () => now() < end));

  if (server) await server.stop();
  if (unexpected.length) {
    console.log(`unexpected answers (${unexpected.length}): ${unexpected.slice(0, 10).join('; ')}`);
    process.exitCode = 1;
  }
}

/** The flood, on its own thread: wrong-password logins as fast as they are answered. */
async function floodThread({ base: url, connections, ms }) {
  base = url;
  const end = now() + ms;
  const statuses = {};
  let count = 0;
  await Promise.all(Array.from({ length: connections }, async () => {
    while (now() < end) {
      const r = await post('/auth/login', { email: `nobody-${randomUUID()}@example.com`, password: 'wrong password' });
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      count += 1;
    }
  }));
  parentPort.postMessage({ count, statuses, errors: unexpected });
}

if (isMainThread) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
} else {
  floodThread(workerData);
}
