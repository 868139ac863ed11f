// Hostile HTTP input against the real binary, mostly over raw sockets (node:net):
// truncated bodies, wrong content types, huge and numerous headers, invalid UTF-8,
// deeply nested JSON, 10 MB bodies, NUL bytes, bad percent-encoding, absurd
// Content-Length values, HTTP/1.0, pipelined garbage, request-smuggling shapes, very long
// URLs, and unicode in every field of every write endpoint.
//
// The rules (SPEC §2 and §7): never a 5xx; never a crash (after every test the server
// still answers /health, and at the end SIGTERM gives a clean exit 0); a malformed request
// gets a 4xx, or a closed connection where no answer is possible.
import { describe, test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  useServer, expectStatus, expectDetail, expect422, RawConnection, rawRequest, randomEmail, API_PREFIX,
  PASSWORD, structureFor, parseCsv,
} from '../api/harness.mjs';

const api = useServer(before, after);
const MiB = 1024 * 1024;
const V = API_PREFIX;

// ---------------------------------------------------------------------------
// Raw exchanges

/**
 * Opens a connection, writes `data` (a string is sent as latin1, so "\xff" is one byte),
 * optionally half-closes, and collects up to `max` responses until the server closes or
 * stays quiet for `quietMs`. Every response must be below 500.
 */
async function exchange(data, { max = 1, quietMs = 2_000, end = false, closeWaitMs = 0, what = '' } = {}) {
  const conn = await RawConnection.open(api().baseUrl);
  try {
    const buf = Buffer.isBuffer(data) ? data : Buffer.from(data, 'latin1');
    await conn.send(buf);
    if (end) conn.socket.end();
    const responses = [];
    while (responses.length < max) {
      let res;
      try {
        res = await conn.response(quietMs);
      } catch {
        break; // nothing (complete) within quietMs
      }
      if (!res) break;
      responses.push(res);
    }
    const closed = conn.closed || (closeWaitMs > 0 && await conn.waitClosed(closeWaitMs));
    for (const r of responses) {
      assert.ok(r.status < 500, `${what || JSON.stringify(buf.toString('latin1').slice(0, 80))} → ${r.status} ${r.body.slice(0, 200)}`);
    }
    return { responses, closed, conn };
  } finally {
    conn.close();
  }
}

/** A 4xx answer, or a connection closed without one. Returns the status (or 'closed'). */
function expect4xxOrClosed({ responses, closed }, what) {
  if (responses.length === 0) {
    assert.ok(closed, `${what}: no answer and the connection is still open`);
    return 'closed';
  }
  const s = responses[0].status;
  assert.ok(s >= 400 && s < 500, `${what}: expected a 4xx, got ${s} ${responses[0].body.slice(0, 200)}`);
  return s;
}

function req(method, path, { headers = {}, body, version = '1.1', host = true } = {}) {
  const lines = [`${method} ${path} HTTP/${version}`];
  if (host) lines.push('Host: 127.0.0.1');
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  const b = body === undefined ? '' : body;
  const bodyBuf = Buffer.isBuffer(b) ? b : Buffer.from(b, 'utf8');
  if (body !== undefined && !Object.keys(headers).some((k) => /^(content-length|transfer-encoding)$/i.test(k))) {
    lines.push(`Content-Length: ${bodyBuf.length}`);
  }
  return Buffer.concat([Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'latin1'), bodyBuf]);
}

const json = (o) => JSON.stringify(o);
const bearer = (client) => ({ Authorization: `Bearer ${client.token}`, 'Content-Type': 'application/json' });

// ---------------------------------------------------------------------------
// Fixtures

let admin;      // an admin of a fresh team
let tree;       // a maintenance flow of that team
let session;    // a session on it
let list;       // a target list
let schedule;   // a schedule of `tree`
const validTree = () => ({
  name: `hostile ${randomUUID().slice(0, 8)}`, tree_type: 'procedural', tree_structure: structureFor('procedural'),
});

async function counts() {
  const res = await admin.get('/trees/counts');
  expectStatus(res, 200);
  const s = await admin.get('/sessions/?size=1');
  const l = await admin.get('/target-lists/');
  return { trees: res.body, sessions: s.body.total, lists: l.body.length };
}

describe('hostile HTTP input', () => {
  before(async () => {
    admin = await api().register();
    tree = await admin.createTree('maintenance');
    session = await admin.createSession(tree.id, { target_label: 'srv-0' });
    list = await admin.createTargetList();
    schedule = await admin.createSchedule(tree.id);
  });

  afterEach(async () => {
    assert.ok(api.server().isRunning(), `the server died:\n${api.server().output().slice(-3000)}`);
    const res = await api().get('/health');
    expectStatus(res, 200);
  });

  // -------------------------------------------------------------------------
  describe('truncated bodies', () => {
    test('Content-Length larger than the body sent, then the client closes: no 5xx, nothing created', async () => {
      const before_ = await counts();
      const cases = [
        ['POST', `${V}/auth/login`, {}, json({ email: randomEmail(), password: 'x'.repeat(20) })],
        ['POST', `${V}/auth/register`, {}, json({ email: randomEmail(), password: PASSWORD, name: 'N', team_name: 'T' })],
        ['POST', `${V}/trees/`, bearer(admin), json(validTree())],
        ['POST', `${V}/sessions/batch`, bearer(admin), json({ tree_id: tree.id, targets: [{ label: 'a' }, { label: 'b' }] })],
        ['PATCH', `${V}/sessions/${session.id}`, bearer(admin), json({ notes: 'truncated' })],
        ['POST', `${V}/target-lists/`, bearer(admin), json({ name: 'L', targets: [{ label: 'a' }] })],
      ];
      for (const [method, path, headers, body] of cases) {
        for (const cut of [0, 1, Math.floor(body.length / 2), body.length - 1]) {
          const data = req(method, path, {
            headers: { ...headers, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body) + 10) },
            body: body.slice(0, cut),
          });
          const r = await exchange(data, { end: true, quietMs: 2_000, what: `${method} ${path} cut at ${cut}` });
          expect4xxOrClosed(r, `${method} ${path} truncated at ${cut}`);
        }
      }
      assert.deepEqual(await counts(), before_);
      assert.equal((await admin.get(`/sessions/${session.id}`)).body.notes, '');
    });

    test('a truncated chunked body (chunk shorter than announced), then close: no 5xx, nothing created', async () => {
      const before_ = await counts();
      const body = json(validTree());
      const data = req('POST', `${V}/trees/`, {
        headers: { ...bearer(admin), 'Transfer-Encoding': 'chunked' },
        body: `${(body.length + 50).toString(16)}\r\n${body}`,
      });
      expect4xxOrClosed(await exchange(data, { end: true }), 'truncated chunk');
      const data2 = req('POST', `${V}/trees/`, {
        headers: { ...bearer(admin), 'Transfer-Encoding': 'chunked' },
        body: `${body.length.toString(16)}\r\n${body}\r\n`, // no terminating 0-chunk
      });
      expect4xxOrClosed(await exchange(data2, { end: true }), 'chunked body without its last chunk');
      assert.deepEqual(await counts(), before_);
    });

    test('a stalled half-sent body does not block other clients', async () => {
      const stalled = await RawConnection.open(api().baseUrl);
      try {
        await stalled.send(req('POST', `${V}/trees/`, {
          headers: { ...bearer(admin), 'Content-Length': '5000' }, body: '{"name": "stal',
        }));
        const t0 = Date.now();
        for (let i = 0; i < 20; i += 1) expectStatus(await admin.get('/trees/counts'), 200);
        assert.ok(Date.now() - t0 < 2_000, `20 reads took ${Date.now() - t0} ms next to a stalled upload`);
      } finally {
        stalled.close();
      }
    });
  });

  // -------------------------------------------------------------------------
  describe('content types', () => {
    test('valid JSON under another Content-Type is accepted or refused with 415/422, never 5xx', async () => {
      for (const type of [undefined, 'text/plain', 'application/xml', 'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=xyz', 'application/json; charset=iso-8859-1', 'application/json;;;',
        'APPLICATION/JSON', '*/*', '', 'application/json\t', 'a'.repeat(4000)]) {
        const headers = { Authorization: `Bearer ${admin.token}` };
        if (type !== undefined) headers['Content-Type'] = type;
        const r = await exchange(req('POST', `${V}/trees/`, { headers, body: json(validTree()) }), { what: `Content-Type ${type}` });
        assert.equal(r.responses.length, 1, `Content-Type ${JSON.stringify(type)}: no answer`);
        assert.ok([201, 415, 422].includes(r.responses[0].status), `Content-Type ${JSON.stringify(type)} → ${r.responses[0].status}`);
      }
    });

    test('non-JSON bodies (form, XML, multipart, binary) → 4xx with a detail', async () => {
      const before_ = await counts();
      const bodies = [
        ['application/x-www-form-urlencoded', 'name=x&tree_type=procedural&tree_structure=%7B%7D'],
        ['application/xml', '<?xml version="1.0"?><tree><name>x</name></tree>'],
        ['multipart/form-data; boundary=xyz', '--xyz\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--xyz--\r\n'],
        ['application/octet-stream', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])],
        ['application/json', Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from(json(validTree()))])], // UTF-8 BOM
        ['application/json', Buffer.from(json(validTree()), 'utf16le')],
      ];
      for (const [type, body] of bodies) {
        const r = await exchange(req('POST', `${V}/trees/`, { headers: { Authorization: `Bearer ${admin.token}`, 'Content-Type': type }, body }));
        const s = expect4xxOrClosed(r, `${type} body`);
        if (s !== 'closed') assert.ok([400, 415, 422].includes(s), `${type}: ${s}`);
      }
      assert.deepEqual(await counts(), before_);
    });
  });

  // -------------------------------------------------------------------------
  describe('headers', () => {
    test('a header over 16 KiB → 431 (public and authenticated routes)', async () => {
      for (const [path, auth] of [[`${V}/health`, false], [`${V}/trees/`, true], ['/', false]]) {
        for (const size of [17 * 1024, 64 * 1024]) {
          const headers = { 'X-Big': 'b'.repeat(size) };
          if (auth) headers.Authorization = `Bearer ${admin.token}`;
          const r = await exchange(req('GET', path, { headers }), { what: `${path} header ${size}` });
          assert.equal(r.responses.length, 1, `GET ${path} with a ${size}-byte header: no answer`);
          assert.equal(r.responses[0].status, 431, `GET ${path} with a ${size}-byte header`);
        }
      }
      // A huge Authorization or Cookie header in particular.
      for (const name of ['Authorization', 'Cookie']) {
        const r = await exchange(req('GET', `${V}/auth/me`, { headers: { [name]: `Bearer ${'t'.repeat(20_000)}` } }));
        assert.equal(r.responses[0]?.status, 431, `huge ${name}`);
      }
    });

    test('1 MiB of headers → 431 or a closed connection, not a stall', async () => {
      const conn = await RawConnection.open(api().baseUrl);
      try {
        await conn.send(`GET ${V}/health HTTP/1.1\r\nHost: x\r\n`);
        await conn.sendStreaming(`X-Flood: ${'f'.repeat(MiB)}\r\n\r\n`, { pauseAfter: 64 * 1024, pauseMs: 1_000 });
        const res = await conn.response(5_000).catch(() => null);
        if (res) assert.equal(res.status, 431);
        else assert.ok(conn.closed, 'no answer and still open');
      } finally {
        conn.close();
      }
    });

    test('a huge number of headers: 10,000 tiny ones → 431; 200 ordinary ones → served', async () => {
      const many = {};
      for (let i = 0; i < 10_000; i += 1) many[`x${i}`] = '1';
      const r = await exchange(req('GET', `${V}/health`, { headers: many }));
      const s = expect4xxOrClosed(r, '10,000 headers');
      if (s !== 'closed') assert.equal(s, 431);

      const some = {};
      for (let i = 0; i < 200; i += 1) some[`X-Header-${i}`] = `value-${i}`;
      const ok = await exchange(req('GET', `${V}/trees/counts`, { headers: { ...some, Authorization: `Bearer ${admin.token}` } }));
      assert.equal(ok.responses[0]?.status, 200);
      // The same header repeated (Authorization twice) must not confuse authentication.
      const twice = await exchange(Buffer.from(`GET ${V}/auth/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer garbage\r\nAuthorization: Bearer ${admin.token}\r\n\r\n`, 'latin1'));
      assert.ok([400, 401].includes(twice.responses[0]?.status) || (twice.responses.length === 0 && twice.closed),
        `two Authorization headers (first garbage) → ${twice.responses[0]?.status}`);
    });

    test('odd header bytes: non-ASCII, NUL, no colon, obs-fold → 4xx or served, never 5xx', async () => {
      const cases = [
        `GET ${V}/auth/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \xff\xfe\xfd\r\n\r\n`,
        `GET ${V}/auth/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${admin.token}\x00\r\n\r\n`,
        `GET ${V}/health HTTP/1.1\r\nHost: x\r\nX-A: a\x00b\r\n\r\n`,
        `GET ${V}/health HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n`,
        `GET ${V}/health HTTP/1.1\r\nHost: x\r\nX-Fold: a\r\n  folded\r\n\r\n`,
        `GET ${V}/health HTTP/1.1\r\nHost: x\r\n: empty-name\r\n\r\n`,
        `GET ${V}/health HTTP/1.1\r\nHost: x\r\nX A: space in name\r\n\r\n`,
        `GET ${V}/health HTTP/1.1\r\nHost: x\r\nX-Ü: é\r\n\r\n`,
        `GET ${V}/auth/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${'é'.repeat(50)}\r\n\r\n`,
      ];
      for (const c of cases) await exchange(c, { what: JSON.stringify(c.slice(0, 90)) });
      // A non-ASCII token is simply wrong.
      const r = await exchange(cases[0]);
      assert.equal(r.responses[0]?.status, 401);
    });
  });

  // -------------------------------------------------------------------------
  describe('invalid UTF-8 and unpaired surrogates in JSON', () => {
    const BAD = [
      ['0xff', Buffer.from([0xff])],
      ['0xfe 0xff', Buffer.from([0xfe, 0xff])],
      ['overlong /', Buffer.from([0xc0, 0xaf])],
      ['overlong NUL', Buffer.from([0xc0, 0x80])],
      ['lone continuation', Buffer.from([0x80])],
      ['truncated 3-byte', Buffer.from([0xe2, 0x82])],
      ['UTF-8 surrogate', Buffer.from([0xed, 0xa0, 0x80])],
      ['beyond U+10FFFF', Buffer.from([0xf4, 0x90, 0x80, 0x80])],
      ['5-byte form', Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80])],
      ['escaped lone high surrogate', Buffer.from('\\ud800')],
      ['escaped lone low surrogate', Buffer.from('\\udc00')],
      ['escaped reversed pair', Buffer.from('\\udc00\\ud800')],
    ];
    // Each write endpoint with one string field where the bad bytes go: [method, path, template].
    // The template is JSON text with ◊ where the string content goes.
    const ENDPOINTS = () => [
      ['POST', '/auth/register', `{"email": "${randomEmail()}", "password": "${PASSWORD}", "name": "◊", "team_name": "T"}`, false],
      ['POST', '/auth/login', `{"email": "a◊@example.com", "password": "${PASSWORD}"}`, false],
      ['POST', '/trees/', `{"name": "◊", "tree_type": "procedural", "tree_structure": ${json(structureFor('procedural'))}}`, true],
      ['POST', '/trees/', `{"name": "ok", "tree_type": "procedural", "tree_structure": {"steps": [{"id": "a", "type": "procedure_step", "title": "◊"}]}}`, true],
      ['PUT', `/trees/${tree.id}`, '{"description": "◊"}', true],
      ['POST', '/sessions/', `{"tree_id": "${tree.id}", "target_label": "◊"}`, true],
      ['PATCH', `/sessions/${session.id}`, '{"notes": "◊"}', true],
      ['PATCH', `/sessions/${session.id}`, '{"session_variables": {"◊": 1}}', true],
      ['POST', '/sessions/batch', `{"tree_id": "${tree.id}", "targets": [{"label": "ok"}, {"label": "x", "notes": "◊"}]}`, true],
      ['POST', '/target-lists/', '{"name": "◊", "targets": [{"label": "a"}]}', true],
      ['PUT', `/target-lists/${list.id}`, '{"targets": [{"label": "◊"}]}', true],
      ['POST', '/maintenance-schedules/', `{"tree_id": "${tree.id}", "cron_expression": "0 9 * * *", "timezone": "Europe/◊"}`, true],
      ['PATCH', `/maintenance-schedules/${schedule.id}`, '{"cron_expression": "0 ◊ * * *"}', true],
      ['PATCH', `/teams/members/${randomUUID()}`, '{"role": "◊"}', true],
      ['POST', '/teams/invites', '{"note": "◊"}', true],
    ];

    test('every write endpoint answers 422 (never 5xx) and stores nothing', async () => {
      const before_ = await counts();
      const sessionBefore = (await admin.get(`/sessions/${session.id}`)).body;
      const treeBefore = (await admin.get(`/trees/${tree.id}`)).body;
      const listBefore = (await admin.get(`/target-lists/${list.id}`)).body;
      const scheduleBefore = (await admin.get(`/maintenance-schedules/${schedule.id}`)).body;
      const failures = [];
      for (const [method, path, template, auth] of ENDPOINTS()) {
        const [pre, post] = template.split('◊');
        for (const [name, bytes] of BAD) {
          const body = Buffer.concat([Buffer.from(pre), Buffer.from('ok'), bytes, Buffer.from('ok'), Buffer.from(post)]);
          const headers = { 'Content-Type': 'application/json' };
          if (auth) headers.Authorization = `Bearer ${admin.token}`;
          const r = await exchange(req(method, V + path, { headers, body }), { what: `${method} ${path} with ${name}` });
          const status = r.responses[0]?.status ?? 'closed';
          // /teams/invites takes no fields: ignoring an unknown one is fine as long as the JSON was refused… or not.
          if (status !== 422 && !(path === '/teams/invites' && status === 201)) failures.push(`${method} ${path} with ${name} → ${status}`);
        }
      }
      assert.deepEqual(failures, [], 'invalid UTF-8 must be refused with 422');
      assert.deepEqual(await counts(), before_);
      assert.deepEqual((await admin.get(`/sessions/${session.id}`)).body, sessionBefore);
      assert.deepEqual((await admin.get(`/trees/${tree.id}`)).body, treeBefore);
      assert.deepEqual((await admin.get(`/target-lists/${list.id}`)).body, listBefore);
      assert.deepEqual((await admin.get(`/maintenance-schedules/${schedule.id}`)).body, scheduleBefore);
    });

    test('invalid UTF-8 in query parameters → 200 (no match) or 4xx, never 5xx', async () => {
      const queries = [
        '/trees/?q=%ff%fe', '/trees/?q=%c0%af', '/trees/?q=%ed%a0%80', '/trees/?q=abc%e2%82',
        '/trees/?tree_type=%ff', '/sessions/?status=%ff', `/sessions/?tree_id=%ff${randomUUID().slice(2)}`,
        '/sessions/?batch_id=%ff', '/sessions/?page=%ff', '/sessions/?size=%ff',
        '/maintenance-schedules/preview?cron_expression=0+9+*+*+*&timezone=Europe%2F%ff',
        '/maintenance-schedules/preview?cron_expression=0+%ff+*+*+*',
        '/maintenance-schedules/preview?cron_expression=0+9+*+*+*&count=%ff',
      ];
      const failures = [];
      for (const q of queries) {
        const res = await admin.request('GET', q, { allow5xx: true });
        if (res.status >= 500 || ![200, 400, 404, 422].includes(res.status)) failures.push(`GET ${q} → ${res}`);
      }
      assert.deepEqual(failures, []);
    });

    test('a search string cut at 255 bytes in the middle of a UTF-8 character → 200, never 5xx', async () => {
      // 128 × "é" is 256 bytes: a byte-wise cut at 255 leaves half a character.
      for (const q of ['é'.repeat(128), 'x' + '€'.repeat(100), '🛠'.repeat(70)]) {
        const res = await admin.request('GET', `/trees/?q=${encodeURIComponent(q)}`, { allow5xx: true });
        assert.equal(res.status, 200, `GET /trees/?q=${q.slice(0, 10)}…(${Buffer.byteLength(q)} bytes) → ${res}`);
      }
    });

    test('invalid UTF-8 in the path → 4xx', async () => {
      for (const p of [`/trees/%ff${randomUUID().slice(3)}`, '/sessions/%c0%af', '/target-lists/%ed%a0%80', '/batches/%ff/report.csv']) {
        const res = await admin.request('GET', p, { allow5xx: true });
        assert.ok(res.status >= 400 && res.status < 500, `GET ${p} → ${res}`);
      }
    });
  });

  // -------------------------------------------------------------------------
  describe('deeply nested JSON', () => {
    const deepArray = (n) => '['.repeat(n) + ']'.repeat(n);
    const deepObject = (n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

    test('10,000 levels, at the top and inside every JSON-valued field → 422, server up', async () => {
      const before_ = await counts();
      const sessionBefore = (await admin.get(`/sessions/${session.id}`)).body;
      const cases = [];
      for (const deep of [deepArray(10_000), deepObject(10_000), '[{"a":'.repeat(5_000) + '1' + '}]'.repeat(5_000)]) {
        cases.push(['POST', '/trees/', deep]);
        cases.push(['POST', '/auth/login', deep]);
        cases.push(['POST', '/trees/', `{"name": "x", "tree_type": "procedural", "tree_structure": ${deep}}`]);
        cases.push(['POST', '/trees/', `{"name": "x", "tree_type": "procedural", "tree_structure": {"steps": ${deep}}}`]);
        cases.push(['PATCH', `/sessions/${session.id}`, `{"session_variables": {"v": ${deep}}}`]);
        cases.push(['PATCH', `/sessions/${session.id}`, `{"decisions": ${deep}}`]);
        cases.push(['PATCH', `/sessions/${session.id}`, `{"custom_steps": ${deep}}`]);
        cases.push(['POST', '/sessions/batch', `{"tree_id": "${tree.id}", "targets": ${deep}}`]);
        cases.push(['POST', '/target-lists/', `{"name": "x", "targets": ${deep}}`]);
        cases.push(['POST', '/maintenance-schedules/', `{"tree_id": "${tree.id}", "cron_expression": ${deep}}`]);
      }
      for (const [method, path, raw] of cases) {
        const res = await admin.request(method, path, { raw, allow5xx: true });
        if (res.status !== 422) assert.fail(`${method} ${path} with ${raw.length} bytes of nesting → ${res.status} ${res.text.slice(0, 200)}`);
        expect422(res);
      }
      // Unbalanced: 10,000 opening brackets only.
      expect422(await admin.request('POST', '/trees/', { raw: '['.repeat(10_000) }), ['body']);
      assert.deepEqual(await counts(), before_);
      assert.deepEqual((await admin.get(`/sessions/${session.id}`)).body, sessionBefore);
    });

    test('moderately nested session variables (20 levels) are stored and returned as given', async () => {
      let v = { leaf: 'ü' };
      for (let i = 0; i < 20; i += 1) v = { [`l${i}`]: [v] };
      const res = await admin.patch(`/sessions/${session.id}`, { session_variables: v });
      expectStatus(res, 200);
      assert.deepEqual(res.body.session_variables, v);
      assert.deepEqual((await admin.get(`/sessions/${session.id}`)).body.session_variables, v);
    });
  });

  // -------------------------------------------------------------------------
  describe('numbers at the edges of JSON', () => {
    // 1e400 does not fit a double. Refusing it (422) is fine; storing it is fine only if
    // every later answer is still JSON. "Infinity" is not JSON: it would make the flow
    // list or the session list of the whole team unreadable.
    test('1e400 / -1e400 in free-form JSON fields → 422, or answers that stay valid JSON (single and list reads)', async () => {
      const admin = await api().register(); // a team of its own: a failure here must not poison the other tests
      const t = await admin.createTree('procedural');
      const s = await admin.createSession(t.id);
      const treeRaw = (n) => `{"name": "numbers", "tree_type": "procedural", "tree_structure": {"steps": [{"id": "a", "type": "procedure_step", "title": "A", "x": ${n}}]}}`;
      const cases = [
        ['POST', '/trees/', treeRaw('1e400')],
        ['POST', '/trees/', treeRaw('-1e400')],
        ['PUT', `/trees/${t.id}`, `{"tree_structure": {"steps": [{"id": "a", "type": "procedure_step", "title": "A", "x": 1e400}]}}`],
        ['PATCH', `/sessions/${s.id}`, '{"session_variables": {"n": 1e400}}'],
        ['PATCH', `/sessions/${s.id}`, '{"session_variables": {"n": [-1e400]}}'],
        ['PATCH', `/sessions/${s.id}`, '{"decisions": {"backup": {"status": "done", "note": "x", "n": 1e400}}}'],
        ['PATCH', `/sessions/${s.id}`, '{"custom_steps": [{"id": "c", "title": "C", "n": 1e400}]}'],
      ];
      const bad = [];
      for (const [method, path, raw] of cases) {
        let res;
        try {
          res = await admin.request(method, path, { raw });
        } catch (err) {
          bad.push(`${method} ${path} ${raw.slice(0, 60)}: ${err.message.slice(0, 200)}`);
          continue;
        }
        if (![200, 201, 422].includes(res.status)) bad.push(`${method} ${path}: ${res}`);
      }
      // Every read of the team's data must still be JSON (the harness throws on a body that is not).
      for (const path of ['/trees/', `/trees/${t.id}`, '/sessions/?size=200', `/sessions/${s.id}`, '/trees/counts']) {
        try {
          expectStatus(await admin.get(path), 200);
        } catch (err) {
          bad.push(`GET ${path} afterwards: ${err.message.slice(0, 200)}`);
        }
      }
      assert.deepEqual(bad, [], 'a number out of double range must not poison later answers');
    });

    test('large integers and tiny/negative-zero doubles round-trip as valid JSON', async () => {
      const t = await admin.createTree('procedural');
      const s = await admin.createSession(t.id);
      const res = await admin.request('PATCH', `/sessions/${s.id}`,
        { raw: '{"session_variables": {"u64": 18446744073709551615, "i64": -9223372036854775808, "z": -0.0, "tiny": 1e-400, "half": 0.5}}' });
      expectStatus(res, 200);
      const v = res.body.session_variables;
      assert.equal(v.half, 0.5);
      assert.equal(v.tiny, 0);
      assert.equal(Math.abs(v.z), 0);
      assert.ok(Number.isFinite(v.u64) && Number.isFinite(v.i64));
    });
  });

  // -------------------------------------------------------------------------
  describe('10 MB bodies', () => {
    const TEN = 10 * MiB;
    test('Content-Length 10 MB → 413 with a detail, then the connection is closed cleanly', async () => {
      const before_ = await counts();
      for (const [path, auth] of [['/auth/register', false], ['/trees/', true], ['/sessions/batch', true], ['/nope', false]]) {
        const conn = await RawConnection.open(api().baseUrl);
        try {
          const headers = { 'Content-Type': 'application/json', 'Content-Length': String(TEN) };
          if (auth) headers.Authorization = `Bearer ${admin.token}`;
          await conn.send(rawRequest('POST', V + path, { headers }));
          const body = Buffer.alloc(TEN, 0x20);
          body[0] = 0x7b; // '{'
          await conn.sendStreaming(body, { pauseAfter: 0, pauseMs: 2_000 });
          const res = await conn.response(5_000);
          assert.ok(res, `POST ${path} 10 MB: closed without an answer (${conn.writeError?.code})`);
          assert.equal(res.status, 413, `POST ${path} 10 MB`);
          assert.equal(typeof JSON.parse(res.body).detail, 'string');
          assert.match(res.headers.connection || '', /close/i, 'a 413 with an unread body must say Connection: close');
          assert.ok(await conn.waitClosed(3_000), `POST ${path}: the server kept the connection open after 413`);
          assert.ok(!conn.writeError || conn.writeError.code !== 'ECONNRESET' || res, 'reset before the answer');
        } finally {
          conn.close();
        }
      }
      assert.deepEqual(await counts(), before_);
    });

    test('a 10 MB chunked body → 413 (after at most ~1 MiB read), connection closed', async () => {
      const conn = await RawConnection.open(api().baseUrl);
      try {
        await conn.send(rawRequest('POST', `${V}/trees/`, { headers: { ...bearer(admin), 'Transfer-Encoding': 'chunked' } }));
        const piece = 'x'.repeat(64 * 1024);
        const chunk = `${piece.length.toString(16)}\r\n${piece}\r\n`;
        const all = chunk.repeat(160) + '0\r\n\r\n';
        await conn.sendStreaming(all, { pauseAfter: MiB + 128 * 1024, pauseMs: 2_000 });
        const res = await conn.response(5_000);
        assert.ok(res, `closed without an answer (${conn.writeError?.code})`);
        assert.equal(res.status, 413);
        assert.ok(await conn.waitClosed(3_000), 'the server kept the connection open after 413');
      } finally {
        conn.close();
      }
    });

    test('a client that ignores the 413 and keeps writing 10 MB does not hurt the server', async () => {
      const conn = await RawConnection.open(api().baseUrl);
      try {
        await conn.send(rawRequest('POST', `${V}/trees/`, { headers: { ...bearer(admin), 'Content-Length': String(TEN) } }));
        await conn.sendStreaming(Buffer.alloc(TEN, 0x20), { chunkSize: 256 * 1024 });
        const res = await conn.response(3_000).catch(() => null);
        if (res) assert.equal(res.status, 413);
      } finally {
        conn.close();
      }
    });
  });

  // -------------------------------------------------------------------------
  describe('NUL bytes', () => {
    test('in the path and the query → 4xx or a closed connection (raw NUL), never 5xx', async () => {
      const auth = { Authorization: `Bearer ${admin.token}` };
      const targets = [
        `${V}/trees/%00`, `${V}/trees/${tree.id}%00`, `${V}/trees%00/`, `${V}/sessions/${session.id}%00/complete`,
        `${V}/target-lists/${list.id}%00`, `${V}/batches/%00/report.csv`, `${V}/maintenance-schedules/tree/%00`,
        `${V}/he\x00alth`, `${V}/trees/\x00`,
      ];
      for (const t of targets) {
        const r = await exchange(req('GET', t, { headers: auth }), { what: `GET ${JSON.stringify(t)}` });
        expect4xxOrClosed(r, `GET ${JSON.stringify(t)}`);
      }
      for (const t of [`${V}/trees/?q=%00`, `${V}/trees/?q=a%00b`, `${V}/trees/?tree_type=maintenance%00`,
        `${V}/sessions/?status=completed%00`, `${V}/sessions/?tree_id=${tree.id}%00`, `${V}/sessions/?page=1%00`,
        `${V}/maintenance-schedules/preview?cron_expression=0+9+*+*+*%00`,
        `${V}/maintenance-schedules/preview?cron_expression=0+9+*+*+*&timezone=UTC%00`,
        `${V}/trees/?q=\x00`]) {
        const r = await exchange(req('GET', t, { headers: auth }), { what: `GET ${JSON.stringify(t)}` });
        if (r.responses.length) {
          assert.ok([200, 400, 404, 422].includes(r.responses[0].status), `GET ${JSON.stringify(t)} → ${r.responses[0].status}`);
        } else {
          assert.ok(r.closed, `GET ${JSON.stringify(t)}: no answer, still open`);
        }
      }
    });

    test('in JSON bodies (escaped \\u0000 and raw) → 422 on every write endpoint, nothing stored', async () => {
      const before_ = await counts();
      const sessionBefore = (await admin.get(`/sessions/${session.id}`)).body;
      const bodies = [
        ['POST', '/trees/', { ...validTree(), name: 'a\u0000b' }],
        ['POST', '/trees/', { ...validTree(), tree_structure: { steps: [{ id: 'a\u0000', type: 'procedure_step', title: 'A' }] } }],
        ['PATCH', `/sessions/${session.id}`, { notes: 'x\u0000y' }],
        ['PATCH', `/sessions/${session.id}`, { session_variables: { 'k\u0000': 1 } }],
        ['POST', '/sessions/', { tree_id: tree.id, target_label: '\u0000' }],
        ['POST', '/sessions/batch', { tree_id: tree.id, targets: [{ label: 'a', notes: '\u0000' }] }],
        ['POST', '/target-lists/', { name: 'n', targets: [{ label: 'a\u0000' }] }],
        ['POST', '/maintenance-schedules/', { tree_id: tree.id, cron_expression: '0 9 * * *\u0000' }],
        ['POST', '/auth/register', { email: randomEmail(), password: `${PASSWORD}\u0000`, name: 'n', team_name: 't' }],
        ['POST', '/auth/login', { email: `${admin.email}\u0000`, password: PASSWORD }],
      ];
      for (const [method, path, body] of bodies) {
        const res = await admin.request(method, path, { body, allow5xx: true });
        if (res.status !== 422) assert.fail(`${method} ${path} with a NUL → ${res}`);
      }
      // A raw NUL byte inside a JSON string is not JSON at all.
      const raw = Buffer.concat([Buffer.from('{"name": "a'), Buffer.from([0]), Buffer.from(`b", "tree_type": "procedural", "tree_structure": ${json(structureFor('procedural'))}}`)]);
      const r = await exchange(req('POST', `${V}/trees/`, { headers: bearer(admin), body: raw }));
      assert.equal(r.responses[0]?.status, 422);
      assert.deepEqual(await counts(), before_);
      assert.deepEqual((await admin.get(`/sessions/${session.id}`)).body, sessionBefore);
    });
  });

  // -------------------------------------------------------------------------
  describe('percent-encoding', () => {
    test('bad percent-encoding in the path or query → 4xx, never 5xx', async () => {
      const auth = { Authorization: `Bearer ${admin.token}` };
      for (const t of [`${V}/trees/%zz`, `${V}/trees/%`, `${V}/trees/%4`, `${V}/tr%zzees/`, `${V}/trees/?q=%`,
        `${V}/trees/?q=%zz`, `${V}/trees/?q=%4`, `${V}/trees/?%=%`, `${V}/sessions/?status=%%%`, `${V}/%`,
        `${V}/trees/%25%`]) {
        const r = await exchange(req('GET', t, { headers: auth }), { what: `GET ${t}` });
        expect4xxOrClosed(r, `GET ${t}`);
      }
    });

    test('encoded slashes, dots and traversal never leave the API, never reach the file system', async () => {
      // Raw sockets: fetch() would normalise the dots away before sending.
      // (An encoded slash inside an API path may route like a plain one, as it does in
      // Starlette; what matters is that nothing escapes /api/v1 or answers 5xx.)
      const auth = { Authorization: `Bearer ${admin.token}` };
      for (const t of [`${V}/trees/%2e%2e%2f%2e%2e%2fetc%2fpasswd`, `${V}/trees/..%2Ftrees`, `${V}/%2e%2e/%2e%2e/etc/passwd`,
        `${V}/../../etc/passwd`, `${V}/..%2F..%2F..%2Fetc%2Fpasswd`, `${V}/trees/%2e%2e/%2e%2e/%2e%2e/etc/passwd`]) {
        const r = await exchange(req('GET', t, { headers: auth }));
        const s = expect4xxOrClosed(r, `GET ${t}`);
        if (s !== 'closed') assert.ok([400, 404].includes(s), `GET ${t} → ${s}`);
      }
      // Outside the API the SPA may answer its index.html; never a file outside the web dir.
      for (const t of ['/..%2f..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/../../../../etc/passwd',
        '/assets/..%2f..%2f..%2f..%2fetc%2fpasswd', '/assets/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/%5c..%5c..%5cetc%5cpasswd']) {
        const r = await exchange(req('GET', t));
        assert.ok(r.responses.length === 1 || r.closed, `GET ${t}: no answer, still open`);
        if (r.responses.length) assert.ok(!r.responses[0].body.includes('root:'), `GET ${t} served /etc/passwd`);
      }
    });

    test('well-formed encodings are decoded (+ and %20 in q; encoded UUID characters)', async () => {
      const named = await admin.createTree('procedural', { name: 'Patch Tuesday ünd more' });
      for (const q of ['patch+tuesday', 'patch%20tuesday', 'Patch%20Tuesday%20%C3%BCnd']) {
        const res = await admin.get(`/trees/?q=${q}`);
        expectStatus(res, 200);
        assert.ok(res.body.some((t) => t.id === named.id), `q=${q} did not find the flow`);
      }
      const encoded = named.id.replace(/-/g, '%2D');
      expectStatus(await admin.get(`/trees/${encoded}`), [200, 404]);
    });
  });

  // -------------------------------------------------------------------------
  describe('Content-Length', () => {
    test('absurd values → 400 or 413 and the connection is closed', async () => {
      for (const cl of ['99999999999999999999999', '18446744073709551616', '18446744073709551615', '9223372036854775808',
        '-1', '-0', '1e3', '0x10', '+5', '5 5', '5,6', '', ' ', 'abc', '0005x', '٣']) {
        const data = Buffer.from(`POST ${V}/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${cl}\r\n\r\n{}`, 'utf8');
        const r = await exchange(data, { closeWaitMs: 2_000, what: `Content-Length ${JSON.stringify(cl)}` });
        const s = expect4xxOrClosed(r, `Content-Length ${JSON.stringify(cl)}`);
        if (s !== 'closed') {
          assert.ok([400, 413].includes(s), `Content-Length ${JSON.stringify(cl)} → ${s}`);
          assert.ok(r.closed, `Content-Length ${JSON.stringify(cl)}: connection left open after ${s}`);
        }
      }
    });

    test('two different Content-Length headers → 400 and close', async () => {
      const data = `POST ${V}/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 40\r\n\r\n{}`;
      const r = await exchange(data, { closeWaitMs: 2_000 });
      assert.equal(r.responses[0]?.status, 400);
      assert.ok(r.closed);
    });

    test('a Content-Length body on GET and DELETE is read and ignored (keep-alive intact)', async () => {
      const conn = await RawConnection.open(api().baseUrl);
      try {
        await conn.send(req('GET', `${V}/health`, { body: '{"x": 1}' }));
        assert.equal((await conn.response()).status, 200);
        await conn.send(req('GET', `${V}/health`));
        assert.equal((await conn.response()).status, 200);
      } finally {
        conn.close();
      }
    });
  });

  // -------------------------------------------------------------------------
  describe('HTTP/1.0', () => {
    test('GET without Host → 200, answered as HTTP/1.0, then closed', async () => {
      const r = await exchange(`GET ${V}/health HTTP/1.0\r\n\r\n`, { closeWaitMs: 2_000 });
      assert.equal(r.responses[0]?.status, 200);
      assert.ok(r.closed, 'HTTP/1.0 without keep-alive must be closed after the answer');
    });

    test('Connection: keep-alive keeps an HTTP/1.0 connection for a second request', async () => {
      const conn = await RawConnection.open(api().baseUrl);
      try {
        for (let i = 0; i < 2; i += 1) {
          await conn.send(`GET ${V}/health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n`);
          const res = await conn.response();
          assert.ok(res, `request ${i}: closed`);
          assert.equal(res.status, 200);
        }
      } finally {
        conn.close();
      }
    });

    test('POST with a body and a token over HTTP/1.0 works; chunked over 1.0 is refused', async () => {
      const body = json(validTree());
      const r = await exchange(`POST ${V}/trees/ HTTP/1.0\r\nAuthorization: Bearer ${admin.token}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      assert.equal(r.responses[0]?.status, 201);
      const c = await exchange(`POST ${V}/auth/login HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\nGET ${V}/SMUGGLED HTTP/1.1\r\nHost: x\r\n\r\n`,
        { max: 3, quietMs: 1_000, closeWaitMs: 1_000 });
      expect4xxOrClosed(c, 'chunked over HTTP/1.0');
      assert.ok(c.responses.every((x) => x.status !== 404), 'the smuggled request was answered');
    });

    test('HTTP/0.9, HTTP/2.0 preface, HTTP/9.9 → 4xx or closed', async () => {
      for (const d of [`GET ${V}/health\r\n`, 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', `GET ${V}/health HTTP/9.9\r\nHost: x\r\n\r\n`,
        `GET ${V}/health HTTP/1.12\r\nHost: x\r\n\r\n`, `GET ${V}/health http/1.1\r\nHost: x\r\n\r\n`]) {
        expect4xxOrClosed(await exchange(d, { closeWaitMs: 2_000 }), JSON.stringify(d));
      }
    });
  });

  // -------------------------------------------------------------------------
  describe('pipelining and garbage', () => {
    test('garbage after a valid request: the valid one is answered, the garbage gets 400 or a close', async () => {
      for (const junk of ['GARBAGE\r\n\r\n', '\x00\x01\x02\x03\xff\xfe\r\n\r\n', 'GET\r\n\r\n', '\r\n\r\n\r\n\r\n',
        `POST ${V}/auth/login HTTP/1.1\r\nContent-Length: zz\r\n\r\n`, 'x'.repeat(70_000)]) {
        const data = Buffer.concat([req('GET', `${V}/health`), Buffer.from(junk, 'latin1')]);
        const r = await exchange(data, { max: 2, quietMs: 1_500, closeWaitMs: 2_000, what: `junk ${JSON.stringify(junk.slice(0, 20))}` });
        assert.equal(r.responses[0]?.status, 200, `the valid request before ${JSON.stringify(junk.slice(0, 20))} was not answered`);
        if (r.responses.length > 1) assert.ok(r.responses[1].status >= 400, `junk answered ${r.responses[1].status}`);
        else assert.ok(r.closed, `junk ${JSON.stringify(junk.slice(0, 20))}: neither 4xx nor closed`);
      }
    });

    test('a valid POST with an exact body, then binary junk: the POST is processed once', async () => {
      const before_ = (await admin.get('/trees/counts')).body.total;
      const data = Buffer.concat([req('POST', `${V}/trees/`, { headers: bearer(admin), body: json(validTree()) }), Buffer.from([0xde, 0xad, 0xbe, 0xef, 13, 10, 13, 10])]);
      const r = await exchange(data, { max: 2, quietMs: 1_500, closeWaitMs: 2_000 });
      assert.equal(r.responses[0]?.status, 201);
      assert.equal((await admin.get('/trees/counts')).body.total, before_ + 1);
    });
  });

  // -------------------------------------------------------------------------
  describe('request smuggling shapes', () => {
    // Each shape is ambiguous about where the first body ends. The safe answers: refuse
    // (4xx) and close, or handle the first request and close. Never an answer to the
    // smuggled second request (GET /api/v1/SMUGGLED, which would be a 404).
    const smuggled = `GET ${V}/SMUGGLED HTTP/1.1\r\nHost: x\r\n\r\n`;
    const shapes = {
      'CL.TE': `POST ${V}/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n${smuggled}`,
      'TE.CL': `POST ${V}/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n5c\r\n${smuggled}\r\n0\r\n\r\n`,
      'TE.TE (duplicate TE, one bogus)': `POST ${V}/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: cow\r\n\r\n0\r\n\r\n${smuggled}`,
      'TE: xchunked': `POST ${V}/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n${smuggled}`,
      'TE: chunked, identity': `POST ${V}/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n${smuggled}`,
      'TE: identity': `POST ${V}/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: identity\r\n\r\n0\r\n\r\n${smuggled}`,
      'space before colon': `POST ${V}/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding : chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n${smuggled}`,
      'CL.CL (different)': `POST ${V}/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nContent-Length: 44\r\n\r\n${smuggled}`,
      'CL with a plus': `POST ${V}/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: +44\r\n\r\n${smuggled}`,
      'chunk size with junk': `POST ${V}/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0x0\r\n\r\n${smuggled}`,
      'chunk size overflow': `POST ${V}/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff1\r\n{}\r\n0\r\n\r\n${smuggled}`,
      'bare LF in chunked': `POST ${V}/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\n\n${smuggled}`,
      'TE over HTTP/1.0': `POST ${V}/auth/login HTTP/1.0\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n${smuggled}`,
    };
    for (const [name, data] of Object.entries(shapes)) {
      test(`${name}: refused or answered once, never the smuggled request`, async () => {
        const r = await exchange(data, { max: 3, quietMs: 1_000, closeWaitMs: 1_500, what: name });
        for (const x of r.responses) {
          assert.notEqual(x.status, 404, `${name}: the smuggled request was answered: ${x.body}`);
        }
        assert.ok(r.responses.length <= 1, `${name}: ${r.responses.length} answers (${r.responses.map((x) => x.status)})`);
        expect4xxOrClosed(r, name);
        assert.ok(r.closed, `${name}: the connection must be closed after an ambiguous message`);
      });
    }

    test('RFC 9112 §6.3: a Transfer-Encoding whose final coding is not chunked → 400 (not another 4xx)', async () => {
      for (const te of ['xchunked', 'chunked, identity', 'identity', 'gzip']) {
        const r = await exchange(`POST ${V}/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: ${te}\r\n\r\n{}`, { closeWaitMs: 1_500 });
        assert.equal(r.responses[0]?.status ?? 'closed', 400, `Transfer-Encoding: ${te}`);
      }
    });
  });

  // -------------------------------------------------------------------------
  describe('request line', () => {
    test('a malformed request line gets 400 before the close (an answer is possible)', async () => {
      const lines = ['GARBAGE\r\n\r\n', `GET  ${V}/health  HTTP/1.1\r\nHost: x\r\n\r\n`, `GET ${V}/he\x00alth HTTP/1.1\r\nHost: x\r\n\r\n`,
        `GET ${V}/health HTTP/9.9\r\nHost: x\r\n\r\n`, `GET ${V}/health?q=\x00 HTTP/1.1\r\nHost: x\r\n\r\n`,
        `GET ${V}/health HTTP/1.1\nHost: x\n\n`];
      const bad = [];
      for (const l of lines) {
        const r = await exchange(l, { closeWaitMs: 1_500 });
        // RFC 9112 §2.2: a recipient MAY accept a bare LF as the line terminator.
        if (l.includes('\nHost: x\n\n') && r.responses[0]?.status === 200) continue;
        if (r.responses[0]?.status !== 400) bad.push(`${JSON.stringify(l.slice(0, 40))} → ${r.responses[0]?.status ?? 'closed without an answer'}`);
      }
      assert.deepEqual(bad, []);
    });

    test('unknown methods, lower-case methods, absolute-form, asterisk-form, CONNECT → 4xx', async () => {
      for (const l of [`BREW ${V}/health HTTP/1.1`, `get ${V}/health HTTP/1.1`, 'GET http://127.0.0.1/api/v1/health HTTP/1.1',
        'OPTIONS * HTTP/1.1', 'CONNECT 127.0.0.1:22 HTTP/1.1', `TRACE ${V}/health HTTP/1.1`, `${'X'.repeat(5000)} / HTTP/1.1`]) {
        expect4xxOrClosed(await exchange(`${l}\r\nHost: x\r\n\r\n`, { closeWaitMs: 1_000 }), l.slice(0, 40));
      }
    });
  });

  // -------------------------------------------------------------------------
  describe('very long URLs', () => {
    test('long paths and queries: 404/200 when they fit, 414/431 (or a close) when not, never 5xx', async () => {
      const auth = { Authorization: `Bearer ${admin.token}` };
      let r = await exchange(req('GET', `${V}/trees/${'a'.repeat(8_000)}`, { headers: auth }));
      assert.equal(r.responses[0]?.status, 404, '8 KB path');
      r = await exchange(req('GET', `${V}/trees/?q=${'q'.repeat(8_000)}`, { headers: auth }));
      // A search longer than 255 characters is refused at the field (422), not cut.
      assert.equal(r.responses[0]?.status, 422, '8 KB query');
      r = await exchange(req('GET', `${V}/trees/?${'a=1&'.repeat(2_000)}`, { headers: auth }));
      assert.equal(r.responses[0]?.status, 200, '2,000 query parameters');
      for (const n of [17_000, 100_000, MiB]) {
        const conn = await RawConnection.open(api().baseUrl);
        try {
          await conn.sendStreaming(`GET ${V}/trees/${'a'.repeat(n)} HTTP/1.1\r\nHost: x\r\n\r\n`, { pauseAfter: 32 * 1024, pauseMs: 1_000 });
          const res = await conn.response(5_000).catch(() => null);
          if (res) assert.ok([414, 431].includes(res.status), `${n}-byte URL → ${res.status}`);
          else assert.ok(conn.closed, `${n}-byte URL: no answer, still open`);
        } finally {
          conn.close();
        }
      }
    });
  });

  // -------------------------------------------------------------------------
  describe('unicode in every field of every write endpoint', () => {
    // Scripts, combining marks, emoji sequences, RTL, zero-width and line separators, BOM.
    const U = 'Ünïcødé ✓ 日本語 עברית العربية Ελληνικά 🛠️👩🏽‍💻🇩🇪 é\u0301 \u200b\u200d \u2028\u2029 \ufeff \u{10FFFF} 𝔘';
    const u = (tag) => `${tag} ${U}`;
    const emoji255 = '🛠'.repeat(255); // 255 characters, 1,020 bytes

    test('register and login', async () => {
      const email = randomEmail('uni');
      const password = `pässwörd 🔑 ${U}`;
      const res = await api().post('/auth/register', { email, password, name: u('name'), team_name: u('team') });
      expectStatus(res, 201);
      assert.equal(res.body.user.name, u('name'));
      const me = await api().withToken(res.body.access_token);
      assert.equal((await me.get('/auth/me')).body.name, u('name'));
      assert.equal((await me.get('/teams/me')).body.name, u('team'));
      const login = await api().post('/auth/login', { email, password });
      expectStatus(login, 200);
      expectDetail(await api().post('/auth/login', { email, password: password.normalize('NFD') }), 401);
      expectDetail(await api().post('/auth/login', { email: `ü${email}`, password }), 401);
      // Non-ASCII e-mail addresses: accepted (and then usable) or refused with 422, never 5xx.
      const idn = `jürgen.${randomUUID().slice(0, 6)}@bücher.example`;
      const r2 = await api().request('POST', '/auth/register', { body: { email: idn, password: PASSWORD, name: 'J', team_name: 'T' }, allow5xx: true });
      assert.ok([201, 422].includes(r2.status), `IDN e-mail → ${r2}`);
      if (r2.status === 201) expectStatus(await api().post('/auth/login', { email: idn, password: PASSWORD }), 200);
      // 255 four-byte characters are 255 characters.
      expectStatus(await api().post('/auth/register', { email: randomEmail(), password: PASSWORD, name: emoji255, team_name: emoji255 }), 201);
      expect422(await api().post('/auth/register', { email: randomEmail(), password: PASSWORD, name: emoji255 + '🛠', team_name: 'T' }), ['body', 'name']);
    });

    test('flows: create (both structure kinds), read, update, search, with unicode everywhere', async () => {
      const steps = {
        steps: [
          { id: u('s1'), type: 'procedure_step', title: u('title'), description: u('desc'), content_type: 'warning' },
          { id: '步骤二', type: 'procedure_end', title: '完成 ✅' },
        ],
      };
      const t = await admin.createTree('maintenance', { name: u('flow'), description: u('description'), tree_structure: steps });
      assert.equal(t.name, u('flow'));
      assert.equal(t.description, u('description'));
      assert.deepEqual(t.tree_structure, steps);
      assert.deepEqual(await admin.getTree(t.id), t);

      const ts = {
        root: 'frage-1',
        nodes: [
          { id: 'frage-1', type: 'question', title: u('Läuft der Drucker?'), answers: [{ label: u('Ja'), next: 'lösung' }, { label: 'Нет', next: '解決' }] },
          { id: 'lösung', type: 'solution', title: u('OK') },
          { id: '解決', type: 'solution', title: '再起動 🔁' },
        ],
      };
      const t2 = await admin.createTree('troubleshooting', { name: u('ts'), tree_structure: ts });
      assert.deepEqual(t2.tree_structure, ts);

      const res = await admin.put(`/trees/${t.id}`, { name: emoji255, description: u('changed') });
      expectStatus(res, 200);
      assert.equal(res.body.name, emoji255);
      expect422(await admin.put(`/trees/${t.id}`, { name: emoji255 + '🛠' }), ['body', 'name']);

      const found = await admin.get(`/trees/?q=${encodeURIComponent('日本語 עברית العربية')}`);
      expectStatus(found, 200);
      assert.ok(found.body.some((x) => x.id === t2.id), 'search for a unicode substring of the name did not find the flow');
    });

    test('search is case-insensitive beyond ASCII (SPEC: q matches case-insensitively)', async () => {
      const t = await admin.createTree('procedural', { name: `ÜBERPRÜFUNG ÆØÅ ${randomUUID().slice(0, 6)}` });
      const res = await admin.get(`/trees/?q=${encodeURIComponent('überprüfung æøå')}`);
      expectStatus(res, 200);
      assert.ok(res.body.some((x) => x.id === t.id), 'q="überprüfung æøå" did not find "ÜBERPRÜFUNG ÆØÅ"');
    });

    test('sessions: create, progress (every field), complete, list', async () => {
      const t = await admin.createTree('procedural');
      const s = await admin.createSession(t.id, { target_label: u('target'), target_notes: u('notes') });
      assert.equal(s.target_label, u('target'));
      assert.equal(s.target_notes, u('notes'));
      const progress = {
        path_taken: [u('p1'), '🛠'],
        decisions: { [u('key')]: { status: 'done', note: u('note') }, backup: { status: 'skipped', note: 'נדלג' } },
        custom_steps: [{ id: u('c'), title: u('custom'), description: u('d'), after: 'backup', status: 'done' }],
        session_variables: { [u('var')]: u('value'), 'ключ': ['ü', { 'ß': '∞' }], '🔑': null },
        notes: u('notes').repeat(20),
      };
      const res = await admin.patch(`/sessions/${s.id}`, progress);
      expectStatus(res, 200);
      for (const [k, v] of Object.entries(progress)) assert.deepEqual(res.body[k], v, k);
      const again = (await admin.get(`/sessions/${s.id}`)).body;
      for (const [k, v] of Object.entries(progress)) assert.deepEqual(again[k], v, `${k} after a re-read`);
      expectStatus(await admin.post(`/sessions/${s.id}/complete`, {}), 200);
      const listed = await admin.listSessions({ tree_id: t.id });
      assert.equal(listed.items[0].target_label, u('target'));
    });

    test('batches: labels and notes round-trip through detail and report.csv', async () => {
      const targets = [{ label: u('srv'), notes: u('rack') }, { label: emoji255 }, { label: '"quoted", sérvér\nnewline' }];
      const b = await admin.launchBatch(tree.id, targets);
      assert.deepEqual(b.sessions.map((s) => s.target_label), targets.map((t) => t.label));
      const detail = await admin.get(`/batches/${b.batch_id}`);
      expectStatus(detail, 200);
      assert.deepEqual(detail.body.sessions.map((s) => s.target_label).sort(), targets.map((t) => t.label).sort());
      const csv = await admin.get(`/batches/${b.batch_id}/report.csv`);
      expectStatus(csv, 200);
      const rows = parseCsv(csv.text).filter((r) => !(r.length === 1 && r[0] === ''));
      assert.deepEqual(rows.slice(1).map((r) => r[0]).sort(), targets.map((t) => t.label.replace(/\r\n/g, '\n')).sort());
    });

    test('target lists: create and update with unicode everywhere', async () => {
      const body = { name: u('list'), description: u('desc'), targets: [{ label: u('t1'), notes: u('n1') }, { label: emoji255 }] };
      const l = await admin.createTargetList(body);
      assert.equal(l.name, body.name);
      assert.equal(l.description, body.description);
      assert.deepEqual(l.targets.map((t) => t.label), body.targets.map((t) => t.label));
      assert.equal(l.targets[0].notes, u('n1'));
      const res = await admin.put(`/target-lists/${l.id}`, { name: emoji255, targets: [{ label: 'ü', notes: 'ß'.repeat(500) }] });
      expectStatus(res, 200);
      assert.equal(res.body.name, emoji255);
      assert.equal(res.body.targets[0].notes, 'ß'.repeat(500));
      expect422(await admin.put(`/target-lists/${l.id}`, { targets: [{ label: 'a', notes: 'ß'.repeat(501) }] }), ['body', 'targets']);
    });

    test('schedules, preview, roles and invites: unicode where an enum or syntax is expected → 422', async () => {
      const t = await admin.createTree('maintenance');
      for (const body of [
        { tree_id: t.id, cron_expression: '０ 9 * * *' },
        { tree_id: t.id, cron_expression: '0 9 * * MÖN' },
        { tree_id: t.id, cron_expression: '0\u00a09 * * *' },
        { tree_id: t.id, cron_expression: '0 9 * * *', timezone: 'Europe/Zürich' },
        { tree_id: t.id, cron_expression: '0 9 * * *', timezone: 'Amérique/Montréal' },
      ]) {
        const res = await admin.request('POST', '/maintenance-schedules/', { body, allow5xx: true });
        if (res.status !== 422) assert.fail(`POST schedule ${JSON.stringify(body)} → ${res}`);
      }
      const s = await admin.createSchedule(t.id, { timezone: 'America/Sao_Paulo' });
      for (const body of [{ timezone: '東京' }, { cron_expression: '🕘 9 * * *' }]) {
        expect422(await admin.patch(`/maintenance-schedules/${s.id}`, body));
      }
      for (const q of ['cron_expression=%EF%BC%90+9+*+*+*', 'cron_expression=0+9+*+*+*&timezone=%E6%9D%B1%E4%BA%AC']) {
        expect422(await admin.get(`/maintenance-schedules/preview?${q}`));
      }
      const eng = await admin.addMember('engineer');
      expect422(await admin.patch(`/teams/members/${eng.user.id}`, { role: 'ädmin' }), ['body', 'role']);
      expectStatus(await admin.post('/teams/invites', { ignored: U }), 201);
    });
  });
});
