// Starts the real ResolutionFlow binary for end-to-end tests: a fresh SQLite file in a
// temporary directory, port 0 (the server prints the port it bound), the built web app,
// no scheduler. `stop()` sends SIGTERM and reports how the process ended.
//
// Registration is `open` unless asked otherwise, so specs can create teams freely; pass
// `registration: null` to run with the server's default (`invite`: the first registration
// creates the team, everyone after joins with an invite link).

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const repoRoot = path.resolve(webDir, '..');

const LISTENING = /resolutionflow listening on (http:\/\/\S+)/;

export async function startServer({ timeoutMs = 20_000, registration = 'open' } = {}) {
  const binary = path.resolve(repoRoot, process.env.RF_BINARY ?? 'build/resolutionflow');
  if (!existsSync(binary)) throw new Error(`Server binary not found at ${binary} (build it, or set RF_BINARY)`);
  const dist = path.join(webDir, 'dist');
  if (!existsSync(path.join(dist, 'index.html')))
    throw new Error(`No built web app in ${dist}: run \`npm run build\` first`);

  const dataDir = mkdtempSync(path.join(tmpdir(), 'rf-e2e-'));
  const args = [
    'serve',
    '--port',
    '0',
    '--database',
    `sqlite:${path.join(dataDir, 'e2e.db')}`,
    '--web-dir',
    dist,
    '--no-scheduler',
  ];
  if (registration) args.push('--registration', registration);
  const child = spawn(binary, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = [];
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const baseURL = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Server did not report its port within ${timeoutMs} ms:\n${log.join('')}`)),
      timeoutMs,
    );
    const onData = (chunk) => {
      const text = chunk.toString();
      log.push(text);
      const match = LISTENING.exec(log.join(''));
      if (match) {
        clearTimeout(timer);
        resolve(match[1].replace(/\/$/, ''));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => log.push(chunk.toString()));
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`Server exited early (code ${code}, signal ${signal}):\n${log.join('')}`));
    });
  });

  return {
    baseURL,
    log: () => log.join(''),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const result = await exited;
      clearTimeout(killer);
      rmSync(dataDir, { recursive: true, force: true });
      return result;
    },
  };
}
