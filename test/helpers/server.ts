// Real processes for end-to-end tests: the built CLI (`node bin/paperpulse.js`) and a headless Chromium.
// The CLI runs from dist/, so run `npm run build` before these tests.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

/** The project root (where bin/ and demo/ live). */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'bin/paperpulse.js');

export interface RunningServer {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:41234 */
  url: string;
  dataDir: string;
  /** SIGTERM, then SIGKILL after 5 s; resolves with the exit code once the process is gone. Removes a temp dataDir it created. */
  stop(): Promise<number | null>;
  /** Everything the process wrote to stdout and stderr so far. */
  logs(): string;
}

export interface ServerOptions {
  /** Use this data dir (kept after stop); default: a fresh temp dir, deleted by stop(). */
  dataDir?: string;
  /** Extra arguments after `serve --no-schedule` (so tests never reach the internet), e.g. ['--no-demo']. */
  args?: string[];
  /** Extra environment variables for the child. */
  env?: Record<string, string>;
  /** How long to wait for /healthz to answer 200 (ms). */
  timeoutMs?: number;
}

/** A fresh empty temp directory; the caller removes it (see removeDir). */
export function tempDir(prefix = 'paperpulse-e2e-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Deletes a directory tree, ignoring one that is already gone. */
export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** A TCP port that was free a moment ago (listen on port 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves with the exit code when `child` exits (at once if it already has). */
export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Polls `url` until it answers 200; rejects if `child` exits first or `timeoutMs` passes. */
export async function waitFor200(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void exited(child).then(() => (gone = true));
  for (;;) {
    if (gone) throw new Error(`the server exited with code ${child.exitCode} before ${url} answered`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts `paperpulse serve` on a free port and resolves once GET /healthz answers 200. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const ownDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? tempDir();
  const port = await freePort();
  const child = spawn(process.execPath, [cli, 'serve', '--no-schedule', ...(options.args ?? [])], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
  const url = `http://127.0.0.1:${port}`;

  const stop = async () => {
    const done = exited(child);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await done;
      clearTimeout(timer);
    }
    if (ownDir) removeDir(dataDir);
    return done;
  };

  try {
    await waitFor200(`${url}/healthz`, child, options.timeoutMs ?? 30_000);
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}\n--- server stderr ---\n${err}`, { cause: e });
  }
  return { url, dataDir, stop, logs: () => out + err };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/paperpulse.js ...args` to completion (killed after `timeoutMs`) and captures its output. */
export async function runCli(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 30_000,
): Promise<CliResult> {
  const child = spawn(process.execPath, [cli, ...args], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  // 'close' (not 'exit') so that all output has been read.
  const code = await new Promise<number | null>((resolve) => child.once('close', (c) => resolve(c)));
  clearTimeout(timer);
  if (child.signalCode === 'SIGKILL') {
    throw new Error(`paperpulse ${args.join(' ')} did not exit within ${timeoutMs} ms\n${stderr}`);
  }
  return { code, stdout, stderr };
}

/** Launches the system Chromium headless, with background network and first-run chatter switched off. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
