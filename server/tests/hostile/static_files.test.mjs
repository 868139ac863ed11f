// The static handler against hostile paths (SPEC §8 "Static files"), over raw sockets so
// that nothing normalises the path on the way: `//etc/passwd`, `/%2fetc/passwd`, `..`
// in every spelling, backslashes, NUL, overlong UTF-8, and symlinks inside the web
// directory that point outside it. A file from outside the web directory is never served.
//
// The second half is a property test: every route of the route table (`resolutionflow
// routes`) and a few static paths, each under a list of prefix, infix and suffix
// mutations. For every answer: no 5xx, no byte of a secret, no SPA shell for a path in the
// API's space, and an unmutated protected GET route still answers 401.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync, rmSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { startServer, RawConnection, BINARY, REPO_ROOT } from '../api/harness.mjs';

const SECRET = `TOP-SECRET-${randomUUID()}`;
const ENV_SECRET = `ENV-SECRET-${randomUUID()}`;
const SHELL = `<!doctype html><html><body><div id="root">SPA-SHELL-${randomUUID()}</div></body></html>`;
const ASSET = `console.log("asset-${randomUUID()}")`;
const ASSET_PATH = '/assets/app-3f9a1c.js';
// What must never appear in any answer: the secret files, the server's environment
// (/proc/self/environ), /etc/passwd and an SQLite database file.
const FORBIDDEN = [SECRET, ENV_SECRET, 'root:x:0:0', 'SQLite format 3'];

let base;        // temp dir: web/, secret.txt, web-sibling/secret.txt
let secretPath;  // absolute path of the secret next to the web dir (symlinks resolved)
let dbPath;      // absolute path of the SQLite database, when the suite runs on SQLite
let server;

function layout() {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'rf-static-')));
  const web = join(base, 'web');
  mkdirSync(join(web, 'assets'), { recursive: true });
  writeFileSync(join(web, 'index.html'), SHELL);
  writeFileSync(join(web, ASSET_PATH), ASSET);
  secretPath = join(base, 'secret.txt');
  writeFileSync(secretPath, SECRET);
  // A sibling whose name starts with the web dir's name: a string-prefix check would let it through.
  mkdirSync(join(base, 'web-sibling'));
  writeFileSync(join(base, 'web-sibling', 'secret.txt'), SECRET);
  // Symlinks inside the web dir that point outside it.
  symlinkSync(secretPath, join(web, 'leak.txt'));
  symlinkSync(secretPath, join(web, 'leak'));
  symlinkSync('../../secret.txt', join(web, 'assets', 'relative.js'));
  symlinkSync(base, join(web, 'up'));
  symlinkSync('/etc', join(web, 'etc'));
  symlinkSync('/proc/self', join(web, 'self'));
  return web;
}

/** GET `target` over its own connection, exactly as written (latin1 bytes). */
async function rawGet(target) {
  const conn = await RawConnection.open(server.baseUrl);
  try {
    await conn.send(Buffer.from(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`, 'latin1'));
    return await conn.response(10_000);
  } finally {
    conn.close();
  }
}

function assertNothingLeaked(target, res) {
  if (!res) return;
  assert.ok(res.status < 500, `GET ${target} → ${res.status} ${res.body.slice(0, 200)}`);
  for (const f of FORBIDDEN) {
    assert.ok(!res.body.includes(f), `GET ${target} → ${res.status} leaked ${JSON.stringify(f.slice(0, 20))}: ${res.body.slice(0, 200)}`);
  }
}

/** The path a target decodes to, as well as we can tell (undecodable bytes kept as-is). */
function decodedPath(target) {
  const path = target.split('?')[0];
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

const apiLike = (target) => /^\/+api(\/|$)/i.test(decodedPath(target));

/** Runs `fn` over `items` with at most `n` at once. */
async function pool(items, n, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) {
      const i = next;
      next += 1;
      await fn(items[i]);
    }
  }));
}

before(async () => {
  const web = layout();
  server = await startServer({ extraArgs: ['--web-dir', web], env: { RF_STATIC_TEST_SECRET: ENV_SECRET } });
  if (server.databaseUrl.startsWith('sqlite:')) {
    const p = server.databaseUrl.slice('sqlite:'.length);
    // A relative path is resolved against the server's working directory (the repo root
    // when RF_TEST_DATABASE_URL is set).
    dbPath = isAbsolute(p) ? p : resolve(REPO_ROOT, p);
  }
});

after(async () => {
  if (server) await server.stop();
  if (base) rmSync(base, { recursive: true, force: true });
});

describe('static files: containment', () => {
  test('the web app itself is served: shell, hashed asset, SPA routes, 404 for a missing file', async () => {
    const root = await rawGet('/');
    assert.equal(root.status, 200);
    assert.equal(root.body, SHELL);
    assert.match(root.headers['cache-control'], /no-cache/);
    assert.match(root.headers['content-security-policy'] || '', /frame-ancestors 'none'/);
    const asset = await rawGet(ASSET_PATH);
    assert.equal(asset.status, 200);
    assert.equal(asset.body, ASSET);
    // Static assets keep their own caching (not the API's no-store).
    assert.equal(asset.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(asset.headers['x-content-type-options'], 'nosniff');
    for (const spa of ['/trees', '/trees/abc/edit', '/maintenance/schedules']) {
      const r = await rawGet(spa);
      assert.equal(r.status, 200, spa);
      assert.equal(r.body, SHELL, spa);
    }
    assert.equal((await rawGet('/missing-file.js')).status, 404);
    assert.equal((await rawGet('/assets/missing.css')).status, 404);
  });

  test('absolute, encoded, dotted, backslashed, NUL and overlong paths never reach a file outside', async () => {
    const abs = secretPath; // /tmp/rf-static-XXXX/secret.txt
    const targets = [
      '//etc/passwd', '///etc/passwd', '////etc/passwd', '/%2fetc/passwd', '/%2Fetc%2Fpasswd', '/%2f%2fetc/passwd',
      '//proc/self/environ', '/%2fproc/self/environ', '//proc/self/cmdline', '/./etc/passwd', '/.//etc/passwd',
      `/${abs}`, `//${abs}`, `/%2f${abs.slice(1)}`, `/${encodeURIComponent(abs)}`, `/${abs.replaceAll('/', '%2f')}`,
      '/../secret.txt', '/..%2fsecret.txt', '/..%2Fsecret.txt', '/%2e%2e/secret.txt', '/%2e%2e%2fsecret.txt',
      '/.%2e/secret.txt', '/%2e./secret.txt', '/assets/../../secret.txt', '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt', '/../web-sibling/secret.txt', '/%2e%2e%2fweb-sibling%2fsecret.txt',
      '/../../../../../../../../etc/passwd', '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/..\\secret.txt', '/\\..\\secret.txt', '/%5c..%5csecret.txt', '/..%5csecret.txt', '/assets%5c..%5c..%5csecret.txt',
      '/%5c%5cetc%5cpasswd', '/\\etc\\passwd',
      '/secret.txt%00', '/%00/../secret.txt', '/leak.txt%00.html', '/index.html%00/../../secret.txt',
      '/%c0%ae%c0%ae/secret.txt', '/%c0%ae%c0%ae%c0%afsecret.txt', '/%e0%80%ae%e0%80%ae/secret.txt', '/%c0%afetc%c0%afpasswd',
      '/%252e%252e/secret.txt', '/%252fetc/passwd',
      '/leak.txt', '/leak', '/assets/relative.js', '/up/secret.txt', '/up/web-sibling/secret.txt', '/up/web/../secret.txt',
      '/etc/passwd', '/etc/hostname', '/etc', '/self/environ', '/self/cmdline', '/self/root/etc/passwd',
      '/LEAK.TXT', '/Leak.txt', '/ETC/passwd',
    ];
    if (dbPath) targets.push(`/${dbPath}`, `/%2f${dbPath.slice(1)}`, `/${encodeURIComponent(dbPath)}`);
    for (const t of targets) {
      const res = await rawGet(t);
      assertNothingLeaked(t, res);
      // Whatever is answered with 200 is the SPA shell: never a file's content.
      if (res && res.status === 200) assert.equal(res.body, SHELL, `GET ${t} served a file`);
    }
  });

  test('the server process was not asked for more than a shell: it is still up and serving', async () => {
    assert.ok(server.isRunning(), server.output().slice(-2000));
    assert.equal((await rawGet('/api/v1/health')).status, 200);
  });
});

describe('static files: every route under hostile path mutations (property test)', () => {
  const UUID = '0190f0a2-7b1c-7d3e-8f40-123456789abc';
  let routes;
  before(() => {
    routes = execFileSync(BINARY, ['routes'], { encoding: 'utf8' }).trim().split('\n').map((l) => JSON.parse(l));
    assert.ok(routes.length > 10, 'the route table is empty');
  });

  // Each takes a path starting with '/' and returns a raw request target.
  const mutations = {
    identity: (p) => p,
    'trailing slash': (p) => `${p}/`,
    'leading //': (p) => `/${p}`,
    'leading ///': (p) => `//${p}`,
    'every / doubled': (p) => p.replace(/\//g, '//'),
    'leading %2f': (p) => `/%2f${p.slice(1)}`,
    'leading %2F%2F': (p) => `/%2F%2F${p.slice(1)}`,
    'inner / as %2f': (p) => `/${p.slice(1).replace(/\//g, '%2f')}`,
    'inner / as backslash': (p) => `/${p.slice(1).replace(/\//g, '\\')}`,
    'inner / as %5c': (p) => `/${p.slice(1).replace(/\//g, '%5c')}`,
    'leading %5c': (p) => `/%5c${p.slice(1)}`,
    'infix /../': (p) => p.replace(/^(\/[^/]*)/, '$1/..$1'),
    'infix /./': (p) => p.replace(/^(\/[^/]*)/, '$1/.'),
    'infix %2e%2e': (p) => p.replace(/^(\/[^/]*)/, '$1/%2e%2e$1'),
    'infix %2e%2e%2f': (p) => p.replace(/^(\/[^/]*)/, '$1/%2e%2e%2f$1'),
    'prefix /..': (p) => `/..${p}`,
    'prefix /%2e%2e': (p) => `/%2e%2e${p}`,
    'suffix ../ to the secret': (p) => `${p}/${'../'.repeat(12)}${secretPath.slice(1)}`,
    'suffix %2e%2e%2f to the secret': (p) => `${p}/${'%2e%2e%2f'.repeat(12)}${secretPath.slice(1).replace(/\//g, '%2f')}`,
    'suffix ..%5c to the secret': (p) => `${p}/${'..%5c'.repeat(12)}${secretPath.slice(1).replace(/\//g, '%5c')}`,
    'suffix //absolute secret': (p) => `${p}/${secretPath}`,
    'prefix //absolute secret': (p) => `/${secretPath}${p}`,
    'trailing %00': (p) => `${p}%00`,
    'infix %00': (p) => p.replace(/^(\/[^/]*)/, '$1%00'),
    'overlong %c0%ae': (p) => `${p}/%c0%ae%c0%ae/%c0%ae%c0%ae${secretPath}`,
    'overlong / %c0%af': (p) => `/${p.slice(1).replace(/\//g, '%c0%af')}`,
    'double-encoded %252e': (p) => `${p}/%252e%252e/%252e%252e${secretPath}`,
    'upper case': (p) => p.toUpperCase(),
    'mixed case': (p) => [...p].map((c, i) => (i % 2 ? c.toUpperCase() : c)).join(''),
  };

  test('no 5xx, no secret, no SPA shell for API paths, 401 where a token is needed', async () => {
    const getRoutes = new Map(); // pattern → access, for GET routes
    for (const r of routes) if (r.method === 'GET') getRoutes.set(r.path, r.access);
    const publicPaths = new Set(routes.filter((r) => r.access === 'public').map((r) => r.path.replace(/\{[^}]+\}/g, UUID)));
    const paths = [...new Set(routes.map((r) => r.path))].map((pattern) => ({
      pattern, path: pattern.replace(/\{[^}]+\}/g, UUID), access: getRoutes.get(pattern),
    }));
    // Static paths too, and the outside files themselves, so that `leading //` is the
    // original hole (`//etc/passwd`).
    for (const p of ['/', '/index.html', ASSET_PATH, '/trees', '/leak.txt', '/up/secret.txt', '/etc/passwd',
      '/proc/self/environ', secretPath, ...(dbPath ? [dbPath] : [])]) {
      paths.push({ pattern: null, path: p, access: undefined });
    }

    const cases = [];
    for (const p of paths) for (const [name, m] of Object.entries(mutations)) cases.push({ ...p, name, target: m(p.path) });
    const problems = [];
    await pool(cases, 8, async (c) => {
      const what = `${c.name}: GET ${c.target}`;
      let res;
      try {
        res = await rawGet(c.target);
      } catch (err) {
        problems.push(`${what}: ${err.message}`);
        return;
      }
      try {
        assertNothingLeaked(c.target, res);
      } catch (err) {
        problems.push(`${what}: ${err.message}`);
        return;
      }
      if (!res) return; // closed without an answer: allowed for what cannot be parsed
      const isShell = res.body === SHELL;
      if (isShell && apiLike(c.target)) problems.push(`${what} → the SPA shell for a path in the API's space`);
      if (res.status === 200 && !isShell && res.body !== ASSET) {
        // A 200 that is not the web app must be a public API route (no token was sent).
        const publicRoute = [...publicPaths].some((pp) => decodedPath(c.target).replace(/\/$/, '') === pp);
        if (!publicRoute) problems.push(`${what} → 200 ${res.body.slice(0, 120)}`);
      }
      if (c.name === 'identity' && c.access && c.access !== 'public' && res.status !== 401) {
        problems.push(`${what} → ${res.status}, expected 401 (access ${c.access})`);
      }
    });
    assert.deepEqual(problems, [], `${problems.length} of ${cases.length} hostile requests misbehaved`);
    assert.ok(server.isRunning(), server.output().slice(-2000));
  });
});
