// The routes component tests may mock (src/testing/mocks/routes.ts) must exist on the real
// server, so that a unit test cannot pass against a path the server does not have. The
// server prints its route table with `resolutionflow routes`.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot, webDir } from './support/server.mjs';

/** `GET /trees/:id/` and `GET /api/v1/trees/{id}` both become `GET /trees/{}`. */
const normalize = (method, routePath) =>
  `${method} ${routePath
    .replace(/^\/api\/v1/, '')
    .replace(/\/$/, '')
    .replace(/:[^/]+|\{[^}]+\}/g, '{}')}`;

describe('mock routes', () => {
  it('are all routes of the server', () => {
    const binary = path.resolve(repoRoot, process.env.RF_BINARY ?? 'build/resolutionflow');
    const server = new Set(
      execFileSync(binary, ['routes'], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line))
        .map((route) => normalize(route.method, route.path)),
    );
    const table = readFileSync(path.join(webDir, 'src/testing/mocks/routes.ts'), 'utf8');
    const mocked = [...table.matchAll(/'(GET|POST|PUT|PATCH|DELETE) (\/[^']*)'/g)].map((m) => normalize(m[1], m[2]));
    assert.ok(mocked.length > 30, `found only ${mocked.length} routes in routes.ts`);
    assert.deepEqual(
      mocked.filter((route) => !server.has(route)),
      [],
    );
  });
});
