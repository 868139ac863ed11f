// End-to-end harness: starts the real `resolutionflow` binary on port 0 against the
// database named by RF_TEST_DATABASE_URL, and gives the specs a small API driver so
// that they read like scripts (`const admin = await anon.register()`,
// `await admin.createTree('maintenance')`).
//
// Node 20 built-ins only: global fetch for ordinary requests, node:net for the raw
// socket tests (keep-alive, pipelining, oversized and malformed requests).

import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';

import { API_PREFIX, BINARY, REPO_ROOT, launchServer } from '../support/launcher.mjs';

export { API_PREFIX, BINARY, REPO_ROOT };

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

// ---------------------------------------------------------------------------
// The server process (server/tests/support/launcher.mjs, shared with the e2e suite)

/**
 * Starts `resolutionflow serve` on a free port, without the scheduler.
 * databaseUrl: defaults to RF_TEST_DATABASE_URL, else a fresh SQLite file in a temp dir.
 * Registration is `open` unless extraArgs names `--registration`.
 * Returns {baseUrl, apiUrl, port, databaseUrl, process, output(), isRunning(), stop()};
 * stop() sends SIGTERM and asserts a clean exit (code 0) within 10 s.
 */
export async function startServer({ databaseUrl, extraArgs = [], env = {} } = {}) {
  const server = await launchServer({
    databaseUrl: databaseUrl || process.env.RF_TEST_DATABASE_URL,
    args: [
      // Suites register many teams; the product's default (invite-only) is tested on its own.
      ...(extraArgs.includes('--registration') ? [] : ['--registration', 'open']),
      ...extraArgs,
    ],
    env,
    tempPrefix: 'rf-api-',
  });
  return { ...server, stop: server.stopCleanly };
}

// ---------------------------------------------------------------------------
// The API driver

export function randomEmail(tag = 'user') {
  return `rf-${tag}-${randomUUID().slice(0, 13)}@example.com`;
}

export const PASSWORD = 'correct horse battery';

/** Minimal valid structures for each flow type (SPEC §1). */
export function structureFor(type) {
  if (type === 'troubleshooting') {
    return {
      root: 'q1',
      nodes: [
        { id: 'q1', type: 'question', title: 'Is the printer powered on?',
          answers: [{ label: 'Yes', next: 'q2' }, { label: 'No', next: 's1' }] },
        { id: 'q2', type: 'question', title: 'Is there a paper jam?',
          answers: [{ label: 'Yes', next: 'a1' }, { label: 'No', next: 's2' }] },
        { id: 'a1', type: 'action', title: 'Clear the jam', description: 'Open tray 2',
          answers: [{ label: 'Done', next: 's2' }] },
        { id: 's1', type: 'solution', title: 'Power it on' },
        { id: 's2', type: 'solution', title: 'Escalate to the vendor' },
      ],
    };
  }
  return {
    steps: [
      { id: 'backup', type: 'procedure_step', title: 'Check last backup',
        description: 'The backup from last night must be green', content_type: 'verification' },
      { id: 'drain', type: 'procedure_step', title: 'Drain the host', content_type: 'action' },
      { id: 'warn', type: 'procedure_step', title: 'Users are logged off', content_type: 'warning' },
      { id: 'done', type: 'procedure_end', title: 'Done' },
    ],
  };
}

/** A response: status, headers (a Headers object), body (parsed JSON, or text, or null). */
class Res {
  constructor(method, path, status, headers, text) {
    this.method = method;
    this.path = path;
    this.status = status;
    this.headers = headers;
    this.text = text;
    const type = headers.get('content-type') || '';
    if (status === 204 || text === '') {
      this.body = null;
    } else if (type.includes('json')) {
      try {
        this.body = JSON.parse(text);
      } catch (err) {
        throw new Error(`${method} ${path} answered ${status} with invalid JSON: ${text.slice(0, 500)}`);
      }
    } else {
      this.body = text;
    }
  }

  toString() {
    return `${this.method} ${this.path} → ${this.status} ${this.text.slice(0, 600)}`;
  }
}

/**
 * A client of the API, optionally signed in. Paths are relative to /api/v1.
 * Any 5xx answer throws at once: SPEC §2 says a 500 is always a bug.
 */
export class Client {
  constructor(baseUrl, { token = null, user = null, email = null, password = null } = {}) {
    this.baseUrl = baseUrl;
    this.token = token;
    this.user = user;
    this.email = email;
    this.password = password;
  }

  /** An anonymous client of the same server. */
  anonymous() {
    return new Client(this.baseUrl);
  }

  /** This client, but sending `token` (null: none). */
  withToken(token) {
    return new Client(this.baseUrl, { token, user: this.user, email: this.email, password: this.password });
  }

  async request(method, path, { body, raw, headers = {}, token = this.token, allow5xx = false } = {}) {
    const url = path.startsWith('http') ? path : this.baseUrl + API_PREFIX + path;
    const h = { ...headers };
    if (token !== null && token !== undefined && !('authorization' in h) && !('Authorization' in h)) {
      h.authorization = `Bearer ${token}`;
    }
    let payload;
    if (raw !== undefined) {
      payload = raw;
      if (!('content-type' in h)) h['content-type'] = 'application/json';
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      h['content-type'] = 'application/json';
    }
    const response = await fetch(url, { method, headers: h, body: payload });
    const text = await response.text();
    const res = new Res(method, path, response.status, response.headers, text);
    if (res.status >= 500 && !allow5xx) {
      throw new Error(`server error (a 5xx is always a bug): ${res}`);
    }
    return res;
  }

  get(path, opts) { return this.request('GET', path, opts); }
  post(path, body, opts) { return this.request('POST', path, { ...opts, body }); }
  put(path, body, opts) { return this.request('PUT', path, { ...opts, body }); }
  patch(path, body, opts) { return this.request('PATCH', path, { ...opts, body }); }
  del(path, opts) { return this.request('DELETE', path, opts); }

  // -- accounts ------------------------------------------------------------

  /** Registers a new team with a new admin; returns that admin's client. */
  async register(overrides = {}) {
    const email = overrides.email ?? randomEmail('admin');
    const password = overrides.password ?? PASSWORD;
    const body = { email, password, name: 'Alice Admin', team_name: `Team ${randomUUID().slice(0, 8)}`, ...overrides };
    const res = await this.anonymous().post('/auth/register', body);
    expectStatus(res, 201);
    return new Client(this.baseUrl, { token: res.body.access_token, user: res.body.user, email, password });
  }

  /** Joins the team of `code` as an engineer; returns the new member's client. */
  async join(code, overrides = {}) {
    const email = overrides.email ?? randomEmail('member');
    const password = overrides.password ?? PASSWORD;
    const res = await this.anonymous().post('/auth/register',
      { email, password, name: 'Eddie Engineer', invite_code: code, ...overrides });
    expectStatus(res, 201);
    return new Client(this.baseUrl, { token: res.body.access_token, user: res.body.user, email, password });
  }

  async login(email = this.email, password = this.password) {
    const res = await this.anonymous().post('/auth/login', { email, password });
    expectStatus(res, 200);
    return new Client(this.baseUrl, { token: res.body.access_token, user: res.body.user, email, password });
  }

  async invite() {
    const res = await this.post('/teams/invites', {});
    expectStatus(res, 201);
    return res.body.code;
  }

  /** As an admin: adds a member with `role` (joins by invite, then sets the role). */
  async addMember(role = 'engineer') {
    const member = await this.join(await this.invite());
    if (role !== 'engineer') {
      const res = await this.patch(`/teams/members/${member.user.id}`, { role });
      expectStatus(res, 200);
      member.user = res.body;
    }
    return member;
  }

  // -- flows ---------------------------------------------------------------

  async createTree(type = 'maintenance', overrides = {}) {
    const res = await this.post('/trees/', {
      name: `${type} flow ${randomUUID().slice(0, 8)}`,
      description: `A ${type} flow`,
      tree_type: type,
      tree_structure: structureFor(type),
      ...overrides,
    });
    expectStatus(res, 201);
    return res.body;
  }

  async getTree(id) {
    const res = await this.get(`/trees/${id}`);
    expectStatus(res, 200);
    return res.body;
  }

  // -- sessions and batches ------------------------------------------------

  async createSession(treeId, extra = {}) {
    const res = await this.post('/sessions/', { tree_id: treeId, ...extra });
    expectStatus(res, 201);
    return res.body;
  }

  /** targets: labels (strings) or {label, notes} objects. */
  async launchBatch(treeId, targets) {
    const res = await this.post('/sessions/batch', { tree_id: treeId, targets: asTargets(targets) });
    expectStatus(res, 201);
    return res.body;
  }

  async listSessions(query = {}) {
    const res = await this.get(`/sessions/?${new URLSearchParams(query)}`);
    expectStatus(res, 200);
    return res.body;
  }

  async sessionCount(query = {}) {
    return (await this.listSessions({ ...query, size: '1' })).total;
  }

  async history(treeId) {
    const res = await this.get(`/trees/${treeId}/batches`);
    expectStatus(res, 200);
    return res.body;
  }

  // -- target lists and schedules ------------------------------------------

  async createTargetList(overrides = {}) {
    const res = await this.post('/target-lists/', {
      name: `Servers ${randomUUID().slice(0, 8)}`,
      description: 'RDS farm',
      targets: [{ label: 'rds-01', notes: 'rack 1' }, { label: 'rds-02' }],
      ...overrides,
    });
    expectStatus(res, 201);
    return res.body;
  }

  async createSchedule(treeId, overrides = {}) {
    const res = await this.post('/maintenance-schedules/',
      { tree_id: treeId, cron_expression: '0 9 15 * *', ...overrides });
    expectStatus(res, 201);
    return res.body;
  }

  async listSchedules() {
    const res = await this.get('/maintenance-schedules/');
    expectStatus(res, 200);
    return res.body;
  }
}

export function asTargets(targets) {
  return targets.map((t) => (typeof t === 'string' ? { label: t } : t));
}

/** An anonymous client of a started server. */
export function connect(server) {
  return new Client(server.baseUrl);
}

/**
 * A new, empty database on the same backend as RF_TEST_DATABASE_URL: a fresh SQLite file,
 * or a new database on the same PostgreSQL server (for tests that need "no team yet").
 * Returns undefined when RF_TEST_DATABASE_URL is unset (startServer then makes a file).
 */
export function freshDatabaseUrl() {
  const base = process.env.RF_TEST_DATABASE_URL;
  if (!base) return undefined;
  const name = `rf_fresh_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  if (base.startsWith('sqlite:')) {
    const dir = mkdtempSync(join(tmpdir(), 'rf-fresh-'));
    return `sqlite:${join(dir, `${name}.db`)}`;
  }
  execFileSync('psql', ['-q', base, '-c', `CREATE DATABASE ${name}`], { stdio: 'pipe' });
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Starts a server for the calling test file (node:test before/after hooks) and returns a
 * getter for the anonymous client: `const api = useServer();` then `api().register()`.
 */
export function useServer(before, after, options) {
  let server;
  let client;
  before(async () => {
    server = await startServer(options);
    client = connect(server);
  });
  after(async () => {
    if (server) await server.stop();
  });
  const get = () => client;
  get.server = () => server;
  return get;
}

// ---------------------------------------------------------------------------
// Assertions

export function expectStatus(res, status) {
  const ok = Array.isArray(status) ? status.includes(res.status) : res.status === status;
  if (!ok) {
    assert.fail(`expected ${Array.isArray(status) ? status.join(' or ') : status}, got ${res}`);
  }
  return res;
}

/** An error answer other than 422: `{"detail": "<non-empty string>"}`. */
export function expectDetail(res, status) {
  expectStatus(res, status);
  assert.equal(typeof res.body, 'object', `expected a JSON body: ${res}`);
  assert.ok(res.body !== null, `expected a JSON body: ${res}`);
  assert.equal(typeof res.body.detail, 'string', `expected {"detail": string}: ${res}`);
  assert.ok(res.body.detail.length > 0, `empty detail: ${res}`);
  return res.body.detail;
}

/**
 * A 422 in FastAPI's shape, with at least one error whose loc starts with `locPrefix`
 * (e.g. ['body', 'targets']). Returns the matching error entry.
 */
export function expect422(res, locPrefix) {
  expectStatus(res, 422);
  const detail = res.body?.detail;
  assert.ok(Array.isArray(detail) && detail.length > 0, `expected {"detail": [errors]}: ${res}`);
  for (const err of detail) {
    assert.ok(Array.isArray(err.loc) && err.loc.length > 0, `error without loc: ${res}`);
    assert.ok(['body', 'query', 'path'].includes(err.loc[0]), `loc must start with body/query/path: ${res}`);
    assert.equal(typeof err.msg, 'string', `error without msg: ${res}`);
    assert.ok(err.msg.length > 0, `empty msg: ${res}`);
    assert.equal(typeof err.type, 'string', `error without type: ${res}`);
    assert.ok(err.type.length > 0, `empty type: ${res}`);
  }
  if (!locPrefix) return detail[0];
  const match = detail.find((err) => locPrefix.every((part, i) => err.loc[i] === part));
  assert.ok(match, `expected an error at loc ${JSON.stringify(locPrefix)}…, got ${res}`);
  return match;
}

export function expectUuid(value, what = 'id') {
  assert.match(String(value), UUID_RE, `${what} should be a lower-case UUID, got ${JSON.stringify(value)}`);
}

export function expectInstant(value, what = 'instant') {
  assert.match(String(value), INSTANT_RE, `${what} should be an ISO 8601 UTC instant with ms, got ${JSON.stringify(value)}`);
  assert.ok(!Number.isNaN(Date.parse(value)), `${what} does not parse: ${value}`);
}

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

// ---------------------------------------------------------------------------
// Raw HTTP over one socket

/**
 * One TCP connection speaking HTTP/1.1 by hand, for keep-alive, pipelining and hostile
 * input. `send()` writes bytes; `response()` resolves with the next parsed response
 * ({status, headers (lower-case names), body (string)}), or null if the server closed
 * the connection first.
 */
export class RawConnection {
  static async open(baseUrl) {
    const { hostname, port } = new URL(baseUrl);
    const socket = net.connect({ host: hostname, port: Number(port) });
    socket.setNoDelay(true);
    await new Promise((res, rej) => {
      socket.once('connect', res);
      socket.once('error', rej);
    });
    return new RawConnection(socket);
  }

  constructor(socket) {
    this.socket = socket;
    this.buffer = Buffer.alloc(0);
    this.closed = false;
    this.writeError = null;
    this.waiters = [];
    socket.on('data', (chunk) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    // A server that answers early (413) and closes may reset our write; that is fine.
    socket.on('error', (err) => {
      this.writeError = err;
    });
  }

  wake() {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  send(data) {
    return new Promise((res) => {
      if (this.closed || this.socket.destroyed) return res(false);
      this.socket.write(data, (err) => res(!err));
    });
  }

  /**
   * Writes `data` in chunks like an uploading client. After `pauseAfter` bytes it waits
   * (up to `pauseMs`) for an early answer such as 413 and stops if one came: Node destroys
   * a socket on a write error (EPIPE) without reading what the server had already sent,
   * so writing on into a refused upload would lose the answer on our side.
   */
  async sendStreaming(data, { chunkSize = 64 * 1024, pauseAfter = Infinity, pauseMs = 2_000 } = {}) {
    const buf = Buffer.isBuffer(data) ? data : Buffer.from(data);
    let paused = false;
    for (let off = 0; off < buf.length; off += chunkSize) {
      if (this.buffer.length > 0 || this.closed || this.socket.destroyed) return false;
      if (!paused && off >= pauseAfter) {
        paused = true;
        const deadline = Date.now() + pauseMs;
        while (this.buffer.length === 0 && !this.closed && Date.now() < deadline) {
          await new Promise((res) => {
            const t = setTimeout(res, deadline - Date.now());
            this.waiters.push(() => { clearTimeout(t); res(); });
          });
        }
        if (this.buffer.length > 0 || this.closed) return false;
      }
      if (!(await this.send(buf.subarray(off, off + chunkSize)))) return false;
    }
    return true;
  }

  /** Resolves with the next response, or null when the connection closed first. */
  async response(timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const parsed = parseResponse(this.buffer);
      if (parsed) {
        this.buffer = this.buffer.subarray(parsed.length);
        return parsed.response;
      }
      if (this.closed) return null;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no complete response within ${timeoutMs} ms; got ${this.buffer.toString().slice(0, 300)}`);
      await new Promise((res) => {
        const t = setTimeout(res, left);
        this.waiters.push(() => { clearTimeout(t); res(); });
      });
    }
  }

  /** Resolves true once the peer has closed the connection (within timeoutMs). */
  async waitClosed(timeoutMs = 5_000) {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed && Date.now() < deadline) {
      await new Promise((res) => {
        const t = setTimeout(res, deadline - Date.now());
        this.waiters.push(() => { clearTimeout(t); res(); });
      });
    }
    return this.closed;
  }

  close() {
    this.socket.destroy();
  }
}

function parseResponse(buf) {
  const headEnd = buf.indexOf('\r\n\r\n');
  if (headEnd < 0) return null;
  const head = buf.subarray(0, headEnd).toString('latin1');
  const [statusLine, ...lines] = head.split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
  if (!m) throw new Error(`bad status line: ${statusLine}`);
  const headers = {};
  for (const line of lines) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const status = Number(m[1]);
  let pos = headEnd + 4;
  let body;
  if (/chunked/i.test(headers['transfer-encoding'] || '')) {
    const parts = [];
    for (;;) {
      const lineEnd = buf.indexOf('\r\n', pos);
      if (lineEnd < 0) return null;
      const size = parseInt(buf.subarray(pos, lineEnd).toString('latin1'), 16);
      if (buf.length < lineEnd + 2 + size + 2) return null;
      parts.push(buf.subarray(lineEnd + 2, lineEnd + 2 + size));
      pos = lineEnd + 2 + size + 2;
      if (size === 0) break;
    }
    body = Buffer.concat(parts);
  } else {
    const length = Number(headers['content-length'] || 0);
    if (status === 204 || status === 304 || status < 200) {
      body = Buffer.alloc(0);
    } else {
      if (buf.length < pos + length) return null;
      body = buf.subarray(pos, pos + length);
      pos += length;
    }
  }
  return { response: { status, headers, body: body.toString('utf8') }, length: pos };
}

/** Builds a raw HTTP/1.1 request. */
export function rawRequest(method, target, { host = '127.0.0.1', headers = {}, body } = {}) {
  const lines = [`${method} ${target} HTTP/1.1`, `Host: ${host}`];
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  if (body !== undefined && !Object.keys(headers).some((k) => /^(content-length|transfer-encoding)$/i.test(k))) {
    lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  }
  return lines.join('\r\n') + '\r\n\r\n' + (body ?? '');
}

// ---------------------------------------------------------------------------
// CSV (RFC 4180)

/** Parses RFC 4180 CSV (CRLF or LF line ends) into rows of fields. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let fieldStarted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false; i += 1; continue;
      }
      field += c; i += 1; continue;
    }
    if (c === '"' && !fieldStarted) { quoted = true; fieldStarted = true; i += 1; continue; }
    if (c === ',') { row.push(field); field = ''; fieldStarted = false; i += 1; continue; }
    if (c === '\r' && text[i + 1] === '\n') { i += 1; continue; }
    if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; fieldStarted = false; i += 1; continue; }
    if (c === '"') throw new Error(`bare quote inside an unquoted field at ${i}: ${text.slice(Math.max(0, i - 40), i + 40)}`);
    field += c; fieldStarted = true; i += 1;
  }
  if (fieldStarted || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}
