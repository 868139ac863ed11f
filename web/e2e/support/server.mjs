// Starts the real ResolutionFlow binary for end-to-end tests through the launcher the API
// suite uses too (server/tests/support/launcher.mjs): a fresh SQLite file in a temporary
// directory, port 0 (the server prints the port it bound), the built web app, no
// scheduler. `stop()` sends SIGTERM and reports how the process ended.
//
// Registration is `open` unless asked otherwise, so specs can create teams freely; pass
// `registration: null` to run with the server's default (`invite`: the first registration
// creates the team, everyone after joins with an invite link).

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { launchServer } from '../../../server/tests/support/launcher.mjs';

export const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const repoRoot = path.resolve(webDir, '..');

export async function startServer({ timeoutMs = 20_000, registration = 'open' } = {}) {
  const dist = path.join(webDir, 'dist');
  if (!existsSync(path.join(dist, 'index.html')))
    throw new Error(`No built web app in ${dist}: run \`npm run build\` first`);

  const server = await launchServer({
    args: ['--web-dir', dist, ...(registration ? ['--registration', registration] : [])],
    cwd: repoRoot,
    tempPrefix: 'rf-e2e-',
    startTimeoutMs: timeoutMs,
  });
  return {
    baseURL: server.baseUrl,
    log: server.output,
    async stop() {
      const { code, signal } = await server.stop();
      return { code, signal };
    },
  };
}
