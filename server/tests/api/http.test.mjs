// The HTTP layer: error shapes, limits, routing, keep-alive, hostile input, shutdown.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  useServer, startServer, expectStatus, expectDetail, expect422, RawConnection, rawRequest,
  randomEmail, API_PREFIX,
} from './harness.mjs';

const api = useServer(before, after);
const MiB = 1024 * 1024;

describe('health', () => {
  test('GET /health answers ok with the database and a version, without a token', async () => {
    const res = await api().get('/health');
    expectStatus(res, 200);
    assert.match(res.headers.get('content-type'), /^application\/json/);
    assert.equal(res.body.status, 'ok');
    assert.equal(res.body.database, 'ok');
    assert.equal(typeof res.body.version, 'string');
    assert.ok(res.body.version.length > 0);
  });
});

describe('malformed and mistyped input', () => {
  let admin;
  before(async () => { admin = await api().register(); });

  test('malformed JSON → 422 json_invalid at loc ["body"] (unauthenticated route)', async () => {
    const res = await api().request('POST', '/auth/register', { raw: '{"email": "a@example.com",' });
    const err = expect422(res, ['body']);
    assert.deepEqual(err.loc, ['body']);
    assert.equal(err.type, 'json_invalid');
  });

  test('malformed JSON → 422 json_invalid on an authenticated route, nothing created', async () => {
    const before_ = (await admin.get('/trees/counts')).body;
    for (const raw of ['not json', '{"name": "x", }', '{"name": "x"', '', '{"name": "x"} trailing']) {
      const res = await admin.request('POST', '/trees/', { raw });
      const err = expect422(res, ['body']);
      assert.deepEqual(err.loc, ['body'], `for body ${JSON.stringify(raw)}`);
    }
    assert.deepEqual((await admin.get('/trees/counts')).body, before_);
  });

  test('a JSON value that is not an object → 422 at loc ["body"]', async () => {
    for (const raw of ['[]', '"a string"', '42', 'null']) {
      const res = await admin.request('POST', '/trees/', { raw });
      expect422(res, ['body']);
    }
  });

  test('invalid UTF-8 inside a JSON string → 422, not 500', async () => {
    const raw = Buffer.concat([Buffer.from('{"name": "'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('", "tree_type": "procedural", "tree_structure": {"steps": [{"id": "a", "type": "procedure_step", "title": "A"}]}}')]);
    const res = await admin.request('POST', '/trees/', { raw });
    expect422(res, ['body']);
  });

  test('deeply nested JSON → 422, and the server stays up', async () => {
    const raw = '['.repeat(100_000) + ']'.repeat(100_000);
    const res = await admin.request('POST', '/trees/', { raw });
    expect422(res, ['body']);
    expectStatus(await api().get('/health'), 200);
  });

  test('wrong types → 422 naming the field', async () => {
    expect422(await api().post('/auth/register',
      { email: 123, password: 'password1', name: 'A', team_name: 'T' }), ['body', 'email']);
    expect422(await api().post('/auth/login', { email: randomEmail(), password: 12345678 }), ['body', 'password']);
    expect422(await admin.post('/trees/', { name: 5, tree_type: 'procedural', tree_structure: { steps: [{ id: 'a', type: 'procedure_step', title: 'A' }] } }), ['body', 'name']);
    expect422(await admin.post('/trees/', { name: 'x', tree_type: 'bogus', tree_structure: { steps: [{ id: 'a', type: 'procedure_step', title: 'A' }] } }), ['body', 'tree_type']);
    expect422(await admin.post('/trees/', { name: 'x', tree_type: 'procedural', tree_structure: 'steps' }), ['body', 'tree_structure']);
    expect422(await admin.post('/target-lists/', { name: 'x', targets: 'srv-01' }), ['body', 'targets']);
    expect422(await admin.post('/maintenance-schedules/', { tree_id: randomUUID(), cron_expression: 5 }), ['body', 'cron_expression']);
  });

  test('missing required fields → 422 naming each field', async () => {
    const res = await admin.post('/trees/', {});
    expect422(res, ['body', 'name']);
    expect422(res, ['body', 'tree_type']);
    expect422(res, ['body', 'tree_structure']);
  });

  test('a bad UUID in the body → 422 at its loc', async () => {
    expect422(await admin.post('/sessions/', { tree_id: 'not-a-uuid' }), ['body', 'tree_id']);
    expect422(await admin.post('/sessions/batch', { tree_id: '1234', targets: [{ label: 'a' }] }), ['body', 'tree_id']);
    expect422(await admin.post('/maintenance-schedules/', { tree_id: 'zzz', cron_expression: '0 9 * * *' }), ['body', 'tree_id']);
  });

  test('a malformed id in the path answers 404 like an unknown one', async () => {
    for (const path of ['/trees/not-a-uuid', '/sessions/123', '/batches/xyz', '/batches/xyz/report.csv',
      '/maintenance-schedules/nope', `/trees/${randomUUID()}x`, `/trees/${randomUUID().toUpperCase()}x`,
      '/trees/..%2F..%2Fetc%2Fpasswd', `/maintenance-schedules/tree/${'9'.repeat(36)}`]) {
      expectDetail(await admin.get(path), 404);
    }
    // A NUL byte in the target may also be refused as a malformed request (400).
    const nul = await admin.get('/target-lists/%00');
    expectStatus(nul, [400, 404, 422]);
    expectDetail(await admin.put('/trees/not-a-uuid', { name: 'x' }), 404);
    expectDetail(await admin.del('/target-lists/42'), 404);
    expectDetail(await admin.patch('/sessions/abc', { notes: 'x' }), 404);
    expectDetail(await admin.post('/maintenance-schedules/abc/run', {}), 404);
  });
});

describe('body size limit', () => {
  // The client pauses after the headers (as curl does with Expect: 100-continue) so that
  // it reads the early 413 instead of writing into a closed socket: Node destroys a socket
  // on EPIPE without reading what the server had already answered.
  test('a body of 1 MiB + 1 byte → 413 with a detail; server stays up', async () => {
    const json = JSON.stringify({ email: randomEmail(), password: 'wrong password' });
    const body = json + ' '.repeat(MiB + 1 - Buffer.byteLength(json));
    const conn = await RawConnection.open(api().baseUrl);
    try {
      await conn.send(rawRequest('POST', `${API_PREFIX}/auth/login`,
        { headers: { 'Content-Type': 'application/json', 'Content-Length': String(MiB + 1) } }));
      await conn.sendStreaming(body, { pauseAfter: 0, pauseMs: 1_000 });
      const res = await conn.response();
      assert.ok(res, `the server closed the connection without answering (${conn.writeError?.code})`);
      assert.equal(res.status, 413);
      assert.equal(typeof JSON.parse(res.body).detail, 'string');
    } finally {
      conn.close();
    }
    expectStatus(await api().get('/health'), 200);
  });

  test('a Content-Length over 1 MiB is refused before the body is sent', async () => {
    const conn = await RawConnection.open(api().baseUrl);
    try {
      await conn.send(rawRequest('POST', `${API_PREFIX}/auth/login`,
        { headers: { 'Content-Type': 'application/json', 'Content-Length': String(50 * MiB) } }));
      const res = await conn.response();
      assert.ok(res, 'the server closed the connection without answering');
      assert.equal(res.status, 413);
    } finally {
      conn.close();
    }
  });

  test('a chunked body over 1 MiB → 413', async () => {
    const conn = await RawConnection.open(api().baseUrl);
    try {
      await conn.send(rawRequest('POST', `${API_PREFIX}/auth/login`,
        { headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } }));
      const chunk = 'x'.repeat(64 * 1024);
      let body = '';
      for (let i = 0; i < 20; i += 1) body += `${chunk.length.toString(16)}\r\n${chunk}\r\n`;
      await conn.sendStreaming(body + '0\r\n\r\n', { pauseAfter: MiB + 64 * 1024 });
      const res = await conn.response();
      assert.ok(res, 'the server closed the connection without answering');
      assert.equal(res.status, 413);
    } finally {
      conn.close();
    }
  });

  test('a body of exactly 1 MiB is accepted (JSON padded with whitespace → ordinary 401)', async () => {
    const json = JSON.stringify({ email: randomEmail(), password: 'wrong password' });
    const raw = json + ' '.repeat(MiB - Buffer.byteLength(json));
    assert.equal(Buffer.byteLength(raw), MiB);
    const res = await api().request('POST', '/auth/login', { raw });
    expectDetail(res, 401);
  });
});

describe('routing', () => {
  let admin;
  before(async () => { admin = await api().register(); });

  test('an unknown API route → 404 JSON detail, with or without a token', async () => {
    for (const client of [admin, api()]) {
      for (const path of ['/nope', '/trees/counts/extra/segments', '/auth']) {
        const res = await client.get(path);
        expectDetail(res, 404);
        assert.match(res.headers.get('content-type'), /^application\/json/);
      }
    }
  });

  test('a known path with the wrong method → 405 JSON detail', async () => {
    expectDetail(await api().request('PATCH', '/health'), 405);
    expectDetail(await admin.request('DELETE', '/trees/'), 405);
    expectDetail(await admin.request('DELETE', '/trees'), 405);
    expectDetail(await admin.request('GET', '/auth/logout'), 405);
    expectDetail(await admin.request('PUT', `/sessions/${randomUUID()}`, { body: {} }), 405);
  });

  test('a 405 carries an Allow header listing the methods of that path (RFC 9110 §15.5.6)', async () => {
    let res = await api().request('PATCH', '/health');
    expectStatus(res, 405);
    assert.match(res.headers.get('allow') || '', /GET/, `Allow: ${res.headers.get('allow')}`);
    res = await admin.request('DELETE', '/trees/');
    expectStatus(res, 405);
    assert.match(res.headers.get('allow') || '', /GET/, `Allow: ${res.headers.get('allow')}`);
    assert.match(res.headers.get('allow') || '', /POST/, `Allow: ${res.headers.get('allow')}`);
  });

  test('query strings do not change routing and are decoded', async () => {
    const res = await admin.get('/trees/?q=a%20b+c&tree_type=procedural&unused=1');
    expectStatus(res, 200);
    assert.ok(Array.isArray(res.body));
  });
});

describe('connections', () => {
  test('keep-alive: 300 requests on one socket', async () => {
    const conn = await RawConnection.open(api().baseUrl);
    try {
      for (let i = 0; i < 300; i += 1) {
        const ok = await conn.send(rawRequest('GET', `${API_PREFIX}/health`));
        assert.ok(ok, `write ${i} failed: the server closed the connection`);
        const res = await conn.response();
        assert.ok(res, `the server closed the connection after ${i} requests`);
        assert.equal(res.status, 200);
        assert.equal(JSON.parse(res.body).status, 'ok');
      }
      assert.equal(conn.closed, false);
    } finally {
      conn.close();
    }
  });

  test('keep-alive survives error answers (404, 422, 401) on the same socket', async () => {
    const conn = await RawConnection.open(api().baseUrl);
    try {
      const requests = [
        [rawRequest('GET', `${API_PREFIX}/nope`), 404],
        [rawRequest('POST', `${API_PREFIX}/auth/login`, { headers: { 'Content-Type': 'application/json' }, body: '{bad' }), 422],
        [rawRequest('GET', `${API_PREFIX}/auth/me`), 401],
        [rawRequest('GET', `${API_PREFIX}/health`), 200],
      ];
      for (let round = 0; round < 3; round += 1) {
        for (const [req, status] of requests) {
          await conn.send(req);
          const res = await conn.response();
          assert.ok(res, 'the server closed the connection');
          assert.equal(res.status, status);
        }
      }
    } finally {
      conn.close();
    }
  });

  test('pipelining: 50 requests written at once get 50 answers in order', async () => {
    const conn = await RawConnection.open(api().baseUrl);
    try {
      const paths = [];
      let data = '';
      for (let i = 0; i < 50; i += 1) {
        const path = i % 2 === 0 ? `${API_PREFIX}/health` : `${API_PREFIX}/missing-${i}`;
        paths.push(path);
        data += rawRequest('GET', path);
      }
      await conn.send(data);
      for (let i = 0; i < 50; i += 1) {
        const res = await conn.response();
        assert.ok(res, `connection closed after ${i} pipelined answers`);
        assert.equal(res.status, i % 2 === 0 ? 200 : 404, `answer ${i} out of order`);
      }
    } finally {
      conn.close();
    }
  });

  test('Connection: close is honoured', async () => {
    const conn = await RawConnection.open(api().baseUrl);
    try {
      await conn.send(rawRequest('GET', `${API_PREFIX}/health`, { headers: { Connection: 'close' } }));
      const res = await conn.response();
      assert.equal(res.status, 200);
      assert.ok(await conn.waitClosed(5_000), 'the server kept the connection open');
    } finally {
      conn.close();
    }
  });

  test('garbage on the socket gets a 400 or a closed connection, never a 5xx; the server stays up', async () => {
    for (const junk of ['GARBAGE\r\n\r\n', 'GET / HTTP/9.9\r\n\r\n', 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n',
      '\x00\x01\x02\x03\r\n\r\n', `GET /${'a'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
      `GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(200_000)}\r\n\r\n`]) {
      const conn = await RawConnection.open(api().baseUrl);
      try {
        await conn.send(junk);
        const res = await conn.response().catch(() => null);
        if (res) assert.ok(res.status < 500, `junk ${JSON.stringify(junk.slice(0, 40))} → ${res.status}`);
      } finally {
        conn.close();
      }
    }
    expectStatus(await api().get('/health'), 200);
  });

  test('200 idle sockets and a slow client do not starve a normal request', async () => {
    const idle = await Promise.all(Array.from({ length: 200 }, () => RawConnection.open(api().baseUrl)));
    const slow = await RawConnection.open(api().baseUrl);
    try {
      await slow.send(`GET ${API_PREFIX}/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: `);
      const started = Date.now();
      const res = await api().get('/health');
      expectStatus(res, 200);
      assert.ok(Date.now() - started < 2_000, `health took ${Date.now() - started} ms`);
      // The idle sockets are still usable (or were closed by an idle timeout: both are fine).
      const probe = idle[0];
      if (await probe.send(rawRequest('GET', `${API_PREFIX}/health`))) {
        const r = await probe.response();
        if (r) assert.equal(r.status, 200);
      }
    } finally {
      for (const c of idle) c.close();
      slow.close();
    }
  });

  test('many concurrent clients are all served', async () => {
    const results = await Promise.all(Array.from({ length: 64 }, () => api().get('/health')));
    for (const res of results) expectStatus(res, 200);
  });
});

describe('shutdown', () => {
  test('SIGTERM with an idle keep-alive connection open → clean exit 0 within 10 s', async () => {
    const server = await startServer();
    const conn = await RawConnection.open(server.baseUrl);
    try {
      await conn.send(rawRequest('GET', `${API_PREFIX}/health`));
      assert.equal((await conn.response()).status, 200);
      await server.stop();
    } finally {
      conn.close();
    }
  });
});
