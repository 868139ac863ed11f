// Bounded soak: N mixed requests (reads, writes, errors) over keep-alive connections on
// loopback, every answer checked against the status it must have. Requires zero 5xx,
// zero unexpected statuses and zero dropped connections; prints throughput, latency per
// request kind, and the server's memory (VmRSS/VmHWM from /proc/PID/status) before and
// after. Exit code 0 only when all of that holds.
//
//   node bench/soak.mjs [--requests 1000000] [--connections 64,128,256] [--database URL]
//                       [--workers 1] [--url http://127.0.0.1:PORT --pid PID]
//
// Without --url it starts build/resolutionflow (RF_BINARY) itself on a fresh SQLite file
// (or --database), with --no-access-log, and stops it at the end (SIGTERM, clean exit
// required). --connections takes one number or a comma list: the requests are split
// evenly into phases, one per connection count. --workers runs the client on several
// threads (the server needs the other core on a 2-core machine: keep 1 there).
// bench/soak.sh runs the full size; short runs (--requests 20000) are for development.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';

const API = '/api/v1';

// ---------------------------------------------------------------------------
// Request mix: weight, method, path, body, the status it must answer.

function mix(seed) {
  const pick = (arr) => arr[Math.floor(Math.random() * arr.length)];
  const auth = { authorization: `Bearer ${seed.token}` };
  return [
    { kind: 'GET /health', w: 10, run: () => ['GET', `${API}/health`, null, {}, 200] },
    { kind: 'GET /trees/{id}', w: 22, run: () => ['GET', `${API}/trees/${pick(seed.trees)}`, null, auth, 200] },
    { kind: 'GET /trees/?tree_type=maintenance', w: 8, run: () => ['GET', `${API}/trees/?tree_type=maintenance`, null, auth, 200] },
    { kind: 'GET /trees/counts', w: 4, run: () => ['GET', `${API}/trees/counts`, null, auth, 200] },
    { kind: 'GET /auth/me', w: 4, run: () => ['GET', `${API}/auth/me`, null, auth, 200] },
    { kind: 'GET /sessions/?size=20', w: 6, run: () => ['GET', `${API}/sessions/?size=20&tree_id=${seed.procTree}`, null, auth, 200] },
    { kind: 'GET /sessions/{id}', w: 6, run: () => ['GET', `${API}/sessions/${pick(seed.sessions)}`, null, auth, 200] },
    { kind: 'GET /batches/{id}', w: 3, run: () => ['GET', `${API}/batches/${seed.batch}`, null, auth, 200] },
    { kind: 'GET /trees/{id}/batches', w: 2, run: () => ['GET', `${API}/trees/${seed.maintTree}/batches`, null, auth, 200] },
    { kind: 'GET /target-lists/{id}', w: 2, run: () => ['GET', `${API}/target-lists/${seed.list}`, null, auth, 200] },
    { kind: 'GET /maintenance-schedules/preview', w: 2, run: () => ['GET', `${API}/maintenance-schedules/preview?cron_expression=0+9+*+*+1-5&timezone=Europe%2FBerlin&count=5`, null, auth, 200] },
    { kind: 'POST /sessions/', w: 8, run: () => ['POST', `${API}/sessions/`, { tree_id: seed.procTree, target_label: 'soak' }, auth, 201] },
    { kind: 'PATCH /sessions/{id}', w: 8, run: () => ['PATCH', `${API}/sessions/${pick(seed.sessions)}`, { notes: `soak ${Math.random()}`, path_taken: ['backup'] }, auth, 200] },
    { kind: 'POST /sessions/batch (5)', w: 2, run: () => ['POST', `${API}/sessions/batch`, { tree_id: seed.maintTree, targets: seed.targets5 }, auth, 201] },
    { kind: 'PUT /target-lists/{id}', w: 1, run: () => ['PUT', `${API}/target-lists/${seed.list}`, { description: `soak ${Math.random()}` }, auth, 200] },
    { kind: '404 unknown flow', w: 4, run: () => ['GET', `${API}/trees/${randomUUID()}`, null, auth, 404] },
    { kind: '401 no token', w: 4, run: () => ['GET', `${API}/trees/`, null, {}, 401] },
    { kind: '422 bad body', w: 3, run: () => ['POST', `${API}/sessions/`, { tree_id: 'not-a-uuid' }, auth, 422] },
    { kind: '403 viewer write', w: 1, run: () => ['POST', `${API}/sessions/`, { tree_id: seed.procTree }, { authorization: `Bearer ${seed.viewerToken}` }, 403] },
  ];
}

// ---------------------------------------------------------------------------
// The load loop (one per worker thread)

async function load({ port, requests, connections, seed }) {
  const kinds = mix(seed);
  const total = kinds.reduce((s, k) => s + k.w, 0);
  const cumulative = [];
  let acc = 0;
  for (const k of kinds) { acc += k.w; cumulative.push(acc); }
  const choose = () => {
    const r = Math.random() * total;
    for (let i = 0; i < cumulative.length; i += 1) if (r < cumulative[i]) return i;
    return kinds.length - 1;
  };

  const agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  const stats = kinds.map((k) => ({ kind: k.kind, n: 0, lat: [], bad: {} }));
  const errors = {};
  let status5xx = 0;
  let unexpected = 0;
  let dropped = 0;
  let opened = 0;
  let closedByServer = 0;
  let finishing = false;
  let issued = 0;
  let done = 0;
  const t0 = Date.now();

  const one = (i) => new Promise((resolve) => {
    const [method, path, body, headers, expect] = kinds[i].run();
    const payload = body ? JSON.stringify(body) : null;
    const h = { ...headers };
    if (payload) { h['content-type'] = 'application/json'; h['content-length'] = Buffer.byteLength(payload); }
    const started = process.hrtime.bigint();
    const req = http.request({ host: '127.0.0.1', port, method, path, headers: h, agent }, (res) => {
      res.on('data', () => {});
      res.on('end', () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        const st = stats[i];
        st.n += 1;
        st.lat.push(ms);
        if (res.statusCode >= 500) status5xx += 1;
        if (res.statusCode !== expect) {
          unexpected += 1;
          st.bad[res.statusCode] = (st.bad[res.statusCode] ?? 0) + 1;
        }
        resolve();
      });
      res.on('error', (err) => { dropped += 1; errors[err.code || err.message] = (errors[err.code || err.message] ?? 0) + 1; resolve(); });
    });
    req.on('socket', (s) => {
      if (s.rfSeen) return;
      s.rfSeen = true;
      opened += 1;
      // A FIN from the server before we are done is a dropped keep-alive connection.
      s.on('end', () => { if (!finishing) closedByServer += 1; });
    });
    req.setTimeout(30_000, () => req.destroy(new Error('request timed out after 30 s')));
    req.on('error', (err) => {
      dropped += 1;
      const key = err.code || err.message;
      errors[key] = (errors[key] ?? 0) + 1;
      resolve();
    });
    if (payload) req.write(payload);
    req.end();
  });

  const progress = setInterval(() => {
    const s = (Date.now() - t0) / 1000;
    console.error(`  … ${done} requests, ${(done / s).toFixed(0)} req/s`);
  }, 5_000);

  const loop = async () => {
    while (issued < requests) {
      issued += 1;
      await one(choose());
      done += 1;
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  finishing = true;
  clearInterval(progress);
  agent.destroy();
  return {
    seconds: (Date.now() - t0) / 1000, stats, errors, status5xx, unexpected, dropped, opened, closedByServer, done,
  };
}

if (!isMainThread) {
  load(workerData).then((r) => parentPort.postMessage({ result: r }));
}

// ---------------------------------------------------------------------------
// Main: start or attach to a server, seed, run the phases, report.

function args() {
  const out = { requests: 1_000_000, connections: [128], workers: 1, database: null, url: null, pid: null };
  const a = process.argv.slice(2);
  for (let i = 0; i < a.length; i += 1) {
    const v = a[i + 1];
    switch (a[i]) {
      case '--requests': out.requests = Number(v); i += 1; break;
      case '--connections': out.connections = v.split(',').map(Number); i += 1; break;
      case '--workers': out.workers = Number(v); i += 1; break;
      case '--database': out.database = v; i += 1; break;
      case '--url': out.url = v.replace(/\/$/, ''); i += 1; break;
      case '--pid': out.pid = Number(v); i += 1; break;
      case '-h': case '--help':
        console.log('usage: node bench/soak.mjs [--requests N] [--connections 64,128,256] [--workers N] [--database URL] [--url URL --pid PID]');
        process.exit(0);
      default: throw new Error(`unknown argument ${a[i]}`);
    }
  }
  if (!(out.requests > 0) || out.connections.some((c) => !(c > 0))) throw new Error('bad --requests or --connections');
  return out;
}

function memory(pid) {
  if (!pid) return null;
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number((new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text) || [])[1]);
  return { rss: kb('VmRSS'), hwm: kb('VmHWM'), threads: Number((/^Threads:\s+(\d+)/m.exec(text) || [])[1]) };
}
const mb = (kb) => `${(kb / 1024).toFixed(1)} MB`;

async function call(base, method, path, token, body) {
  const res = await fetch(base + API + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body && JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`seed ${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function seedData(base) {
  const email = `soak-${randomUUID().slice(0, 8)}@example.com`;
  const reg = await call(base, 'POST', '/auth/register', null, { email, password: 'soak-password', name: 'Soak', team_name: 'Soak' });
  const token = reg.access_token;
  const invite = await call(base, 'POST', '/teams/invites', token, {});
  const viewer = await call(base, 'POST', '/auth/register', null,
    { email: `soak-v-${randomUUID().slice(0, 8)}@example.com`, password: 'soak-password', name: 'Viewer', invite_code: invite.code });
  await call(base, 'PATCH', `/teams/members/${viewer.user.id}`, token, { role: 'viewer' });
  const steps = { steps: Array.from({ length: 8 }, (_, k) => ({ id: k ? `s${k}` : 'backup', type: 'procedure_step', title: `Step ${k}`, content_type: 'action' })) };
  const trees = [];
  let maintTree = null;
  let procTree = null;
  for (let i = 0; i < 60; i += 1) {
    const type = i % 3 === 0 ? 'procedural' : 'maintenance';
    const t = await call(base, 'POST', '/trees/', token, { name: `Soak flow ${i}`, description: 'soak', tree_type: type, tree_structure: steps });
    trees.push(t.id);
    if (type === 'maintenance') maintTree = t.id;
    else procTree = t.id;
  }
  const sessions = [];
  for (let i = 0; i < 50; i += 1) sessions.push((await call(base, 'POST', '/sessions/', token, { tree_id: procTree })).id);
  const targets5 = Array.from({ length: 5 }, (_, i) => ({ label: `srv-${i}`, notes: 'soak' }));
  const batch = await call(base, 'POST', '/sessions/batch', token, { tree_id: maintTree, targets: targets5 });
  const list = await call(base, 'POST', '/target-lists/', token, { name: 'Soak list', targets: targets5 });
  await call(base, 'POST', '/maintenance-schedules/', token, { tree_id: maintTree, cron_expression: '0 9 * * 1', target_list_id: list.id });
  return { token, viewerToken: viewer.access_token, trees, maintTree, procTree, sessions, batch: batch.batch_id, list: list.id, targets5 };
}

function runWorkers(n, data) {
  // Split requests and connections across worker threads; merge their results.
  const parts = Array.from({ length: n }, (_, i) => ({
    ...data,
    requests: Math.floor(data.requests / n) + (i < data.requests % n ? 1 : 0),
    connections: Math.floor(data.connections / n) + (i < data.connections % n ? 1 : 0),
  }));
  return Promise.all(parts.map((p) => new Promise((resolve, reject) => {
    const w = new Worker(new URL(import.meta.url), { workerData: p });
    w.on('message', (m) => { if (m.result) resolve(m.result); });
    w.on('error', reject);
  })));
}

function merge(results) {
  const out = { ...results[0], stats: results[0].stats.map((s) => ({ ...s, lat: [...s.lat], bad: { ...s.bad } })), errors: { ...results[0].errors } };
  for (const r of results.slice(1)) {
    out.seconds = Math.max(out.seconds, r.seconds);
    for (const k of ['status5xx', 'unexpected', 'dropped', 'opened', 'closedByServer', 'done']) out[k] += r[k];
    r.stats.forEach((s, i) => {
      out.stats[i].n += s.n;
      for (const x of s.lat) out.stats[i].lat.push(x);
      for (const [code, c] of Object.entries(s.bad)) out.stats[i].bad[code] = (out.stats[i].bad[code] ?? 0) + c;
    });
    for (const [e, c] of Object.entries(r.errors)) out.errors[e] = (out.errors[e] ?? 0) + c;
  }
  return out;
}

function q(sorted, p) { return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] : NaN; }

async function main() {
  const opt = args();
  let server = null;
  let base = opt.url;
  let pid = opt.pid;
  if (!base) {
    // The launcher the test suites use (a fresh SQLite file in a temporary directory
    // unless --database names one; removed when the server stops).
    const { launchServer } = await import('../server/tests/support/launcher.mjs');
    server = await launchServer({
      databaseUrl: opt.database,
      args: ['--registration', 'open', '--no-access-log'],
      tempPrefix: 'rf-soak-',
    });
    base = server.baseUrl;
    pid = server.process.pid;
    console.log(`server: pid ${pid} at ${base}, database ${server.databaseUrl.replace(/\/\/[^@]*@/, '//…@')}`);
  }
  const port = Number(new URL(base).port);
  const seed = await seedData(base);
  const memBefore = memory(pid);
  if (memBefore) console.log(`server memory before: VmRSS ${mb(memBefore.rss)}, VmHWM ${mb(memBefore.hwm)}, ${memBefore.threads} threads`);

  const phases = opt.connections;
  const perPhase = Math.floor(opt.requests / phases.length);
  const all = [];
  let failed = false;
  for (const [i, connections] of phases.entries()) {
    const requests = i === phases.length - 1 ? opt.requests - perPhase * (phases.length - 1) : perPhase;
    console.log(`phase ${i + 1}/${phases.length}: ${requests} requests at ${connections} connections (${opt.workers} client thread${opt.workers > 1 ? 's' : ''})`);
    const data = { port, requests, connections, seed };
    const r = opt.workers > 1 ? merge(await runWorkers(opt.workers, data)) : await load(data);
    all.push(r);
    const mem = memory(pid);
    console.log(`  ${r.done} requests in ${r.seconds.toFixed(1)} s = ${(r.done / r.seconds).toFixed(0)} req/s; ` +
      `5xx ${r.status5xx}, unexpected statuses ${r.unexpected}, dropped ${r.dropped}, closed by the server ${r.closedByServer}, ` +
      `connections opened ${r.opened} (of ${connections})` +
      (mem ? `; server VmRSS ${mb(mem.rss)}` : ''));
    if (r.status5xx || r.unexpected || r.dropped || r.closedByServer || r.opened > connections) failed = true;
  }

  const total = merge(all);
  console.log('\nper request kind (all phases):');
  console.log(`  ${'kind'.padEnd(36)} ${'count'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)}  unexpected`);
  for (const s of total.stats) {
    const lat = Float64Array.from(s.lat).sort();
    console.log(`  ${s.kind.padEnd(36)} ${String(s.n).padStart(8)} ${q(lat, 0.5).toFixed(2).padStart(8)} ${q(lat, 0.99).toFixed(2).padStart(8)} ` +
      `${(lat[lat.length - 1] ?? NaN).toFixed(2).padStart(8)}  ${Object.keys(s.bad).length ? JSON.stringify(s.bad) : '-'}`);
  }
  const memAfter = memory(pid);
  const seconds = all.reduce((s, r) => s + r.seconds, 0);
  console.log('\nsummary:');
  console.log(`  requests             ${total.done} in ${seconds.toFixed(1)} s (${(total.done / seconds).toFixed(0)} req/s)`);
  console.log(`  5xx                  ${total.status5xx}`);
  console.log(`  unexpected statuses  ${total.unexpected}`);
  console.log(`  dropped connections  ${total.dropped}${Object.keys(total.errors).length ? ` ${JSON.stringify(total.errors)}` : ''}`);
  console.log(`  closed by the server ${total.closedByServer}`);
  console.log(`  connections opened   ${total.opened} (${phases.join(' + ')} needed)`);
  if (memBefore && memAfter) {
    console.log(`  server VmRSS         before ${mb(memBefore.rss)}, after ${mb(memAfter.rss)} (${memAfter.rss >= memBefore.rss ? '+' : ''}${mb(memAfter.rss - memBefore.rss)}); peak VmHWM ${mb(memAfter.hwm)}`);
  }
  if (server) {
    try {
      await server.stopCleanly();
      console.log('  server stopped cleanly (SIGTERM → exit 0)');
    } catch (err) {
      console.log(`  server did not stop cleanly: ${err.message.split('\n')[0]}`);
      failed = true;
    }
  }
  console.log(failed ? '\nSOAK FAILED' : '\nSOAK PASSED: zero 5xx, zero unexpected statuses, zero dropped or server-closed connections');
  process.exit(failed ? 1 : 0);
}

if (isMainThread) {
  main().catch((err) => {
    console.error(err);
    process.exit(2);
  });
}
