// Starts the real `resolutionflow serve` for every suite and benchmark that needs a live
// server: the API suite (server/tests/api/harness.mjs), the browser end-to-end suite
// (web/e2e/support/server.mjs), the scheduler's replica suite and bench/soak.mjs.
//
// The server binds port 0 and prints `resolutionflow listening on http://HOST:PORT` on
// stdout; the launcher reads the address from that line, so no port is ever hard-coded.
// Both pipes are drained for the life of the process (the access log would otherwise fill
// a pipe and block the server) and their tail is kept for diagnostics. stop() sends
// SIGTERM and reports how the process ended; stopCleanly() requires exit code 0.
//
// Node.js built-ins only, so that web/ and bench/ can import it by relative path.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
// RF_BINARY, relative to the repository root when it is not absolute.
export const BINARY = resolve(REPO_ROOT, process.env.RF_BINARY || join('build', 'resolutionflow'));
export const API_PREFIX = '/api/v1';

const LISTENING = /resolutionflow listening on (http:\/\/[^\s/]+)/;
const OUTPUT_KEEP = 64 * 1024;

/** Every server still running, so that a crashing test run does not leave any behind. */
const running = new Set();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** SIGKILLs every server this process started that is still running. */
export function killAllServers() {
  for (const child of running) child.kill('SIGKILL');
}

/**
 * Starts `resolutionflow serve --host 127.0.0.1 --port 0`.
 *
 * - databaseUrl: the database; without one, a fresh SQLite file in a temporary directory
 *   that stop() removes (`tempPrefix` names that directory).
 * - args: further command-line arguments (`--registration open`, `--web-dir DIR`,
 *   `--clock-offset-ms N`, ...).
 * - scheduler: false (the default) adds `--no-scheduler`.
 * - env: added to this process's environment; cwd: the server's working directory
 *   (default: the temporary directory if there is one, else the repository root).
 * - binary: default RF_BINARY, else build/resolutionflow.
 * - startTimeoutMs, stopTimeoutMs: how long to wait for the address line, and for the exit
 *   after SIGTERM before SIGKILL.
 *
 * Returns { baseUrl, apiUrl, port, databaseUrl, process, exited, output(), isRunning(),
 * stop(), stopCleanly() }. `exited` resolves to { code, signal } when the process ends.
 */
export async function launchServer({
  databaseUrl,
  args = [],
  scheduler = false,
  env = {},
  cwd,
  binary = BINARY,
  tempPrefix = 'rf-server-',
  startTimeoutMs = 30_000,
  stopTimeoutMs = 10_000,
} = {}) {
  if (!existsSync(binary)) throw new Error(`server binary not found at ${binary} (build it, or set RF_BINARY)`);
  let tempDir = null;
  if (!databaseUrl) {
    tempDir = mkdtempSync(join(tmpdir(), tempPrefix));
    databaseUrl = `sqlite:${join(tempDir, 'test.db')}`;
  }
  const fullArgs = ['serve', '--host', '127.0.0.1', '--port', '0', '--database', databaseUrl,
    ...(scheduler ? [] : ['--no-scheduler']), ...args];
  const child = spawn(binary, fullArgs, {
    cwd: cwd ?? tempDir ?? REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);

  let output = '';
  const remember = (chunk) => {
    output += chunk.toString();
    if (output.length > OUTPUT_KEEP) output = output.slice(-OUTPUT_KEEP);
  };
  child.stderr.on('data', remember);

  let exitInfo = null;
  const exited = new Promise((resolveExit) => {
    child.on('exit', (code, signal) => {
      exitInfo = { code, signal };
      running.delete(child);
      resolveExit(exitInfo);
    });
  });
  const removeTemp = () => {
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  };

  let baseUrl;
  try {
    baseUrl = await new Promise((resolveUrl, reject) => {
      let stdout = '';
      let found = false;
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`server did not print its address within ${startTimeoutMs} ms\n${output}`));
      }, startTimeoutMs);
      child.stdout.on('data', (chunk) => {
        remember(chunk);
        if (found) return;
        stdout += chunk.toString();
        const m = LISTENING.exec(stdout);
        if (m) {
          found = true;
          clearTimeout(timer);
          resolveUrl(m[1]);
        }
      });
      child.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      exited.then(({ code, signal }) => {
        if (found) return;
        clearTimeout(timer);
        reject(new Error(`server exited (code ${code}, signal ${signal}) before listening\n` +
          `args: ${fullArgs.join(' ')}\n${output}`));
      });
    });
  } catch (err) {
    await exited;
    removeTemp();
    throw err;
  }

  /** SIGTERM, then SIGKILL after stopTimeoutMs; resolves to { code, signal, timedOut }. */
  async function stop() {
    try {
      if (exitInfo) return { ...exitInfo, timedOut: false };
      child.kill('SIGTERM');
      let timer;
      const result = await Promise.race([
        exited,
        new Promise((r) => { timer = setTimeout(() => r(null), stopTimeoutMs); }),
      ]);
      clearTimeout(timer);
      if (result !== null) return { ...result, timedOut: false };
      child.kill('SIGKILL');
      return { ...(await exited), timedOut: true };
    } finally {
      removeTemp();
    }
  }

  /** stop(), failing unless the server was still running and exited with code 0. */
  async function stopCleanly() {
    const wasRunning = exitInfo === null;
    const before = exitInfo;
    const { code, signal, timedOut } = await stop();
    const tail = output.slice(-4000);
    if (!wasRunning) assert.fail(`server had already exited (code ${before.code}, signal ${before.signal})\n${output}`);
    if (timedOut) assert.fail(`server did not exit within ${stopTimeoutMs} ms of SIGTERM\n${tail}`);
    assert.equal(signal, null, `server died of signal ${signal}\n${tail}`);
    assert.equal(code, 0, `server exited with code ${code} after SIGTERM\n${tail}`);
  }

  return {
    baseUrl,
    apiUrl: baseUrl + API_PREFIX,
    port: Number(new URL(baseUrl).port),
    databaseUrl,
    process: child,
    exited,
    output: () => output,
    isRunning: () => exitInfo === null,
    stop,
    stopCleanly,
  };
}
