// A throwaway PostgreSQL cluster for tests: the machine's PostgreSQL binaries (Debian package `postgresql`), a
// temp dir, a free port, the unix socket in that dir, durability off for speed. PostgreSQL refuses to run as
// root, so as root the server runs as the `postgres` OS user. Started once per test run (test/global-setup.ts).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './server.js';

const run = promisify(execFile);

export interface PostgresCluster {
  /** Superuser URL of the `postgres` database, over TCP on 127.0.0.1. */
  url: string;
  dir: string;
  /** Stops the server at once and deletes its directory. */
  stop(): Promise<void>;
  /** Shuts the server down (fast mode, as an operator's restart does) and starts it again on the same port. */
  restart(between?: () => Promise<void>): Promise<void>;
}

const missing =
  'PostgreSQL server binaries (initdb, pg_ctl) were not found in $PG_BIN or /usr/lib/postgresql/*/bin. ' +
  'Run scripts/install-test-deps.sh (it installs the Debian package `postgresql`), or set PG_BIN to their directory.';

/** The directory of initdb/pg_ctl: $PG_BIN, else the newest /usr/lib/postgresql/<major>/bin. */
export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const majors = fs.existsSync(root) ? fs.readdirSync(root).filter((d) => /^\d+$/.test(d)) : [];
  const candidates = process.env.PG_BIN
    ? [process.env.PG_BIN]
    : majors.sort((a, b) => Number(b) - Number(a)).map((m) => path.join(root, m, 'bin'));
  const dir = candidates.find((d) => ['initdb', 'pg_ctl'].every((b) => fs.existsSync(path.join(d, b))));
  if (!dir) throw new Error(missing);
  return dir;
}

/** Runs a PostgreSQL binary, as the `postgres` user when we are root; rejects with its output on failure. */
async function pgRun(bin: string, args: string[]): Promise<void> {
  const [cmd, argv] =
    process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  try {
    await run(cmd, argv, { timeout: 60_000 });
  } catch (e) {
    const { stderr, stdout } = e as { stderr?: string; stdout?: string };
    throw new Error(`${path.basename(bin)} failed: ${(stderr || stdout || String(e)).trim()}`, { cause: e });
  }
}

const prefix = 'paperpulse-pg-';

/** Stops the server of the cluster in `dir` (if it runs) and deletes the directory. */
async function removeCluster(bin: string, dir: string): Promise<void> {
  const data = path.join(dir, 'data');
  if (fs.existsSync(path.join(data, 'postmaster.pid'))) {
    await pgRun(path.join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'immediate', '-w']).catch(() => {});
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Removes clusters whose test run died before its teardown (killed, crashed): their owner process is gone.
 * Clusters of runs still going (other terminals, other checkouts) have a live owner and are left alone.
 */
async function removeStaleClusters(bin: string): Promise<void> {
  for (const name of fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith(prefix))) {
    const dir = path.join(os.tmpdir(), name);
    let owner = 0;
    try {
      owner = Number(fs.readFileSync(path.join(dir, 'owner.pid'), 'utf8'));
    } catch {
      continue; // being created right now, or not ours
    }
    if (owner > 0 && !alive(owner)) await removeCluster(bin, dir);
  }
}

export interface ClusterOptions {
  /**
   * Keep PostgreSQL's durability defaults (fsync, synchronous_commit, full_page_writes on), as a production
   * server has them: for benchmarks. Tests turn them off, which makes writes several times faster.
   */
  durable?: boolean;
}

/** Initialises and starts a fresh cluster; resolves once it accepts connections. */
export async function startPostgresCluster(options: ClusterOptions = {}): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  await removeStaleClusters(bin);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.writeFileSync(path.join(dir, 'owner.pid'), String(process.pid));
  const data = path.join(dir, 'data');
  if (process.getuid?.() === 0) {
    const uid = Number((await run('id', ['-u', 'postgres'])).stdout);
    const gid = Number((await run('id', ['-g', 'postgres'])).stdout);
    fs.chownSync(dir, uid, gid);
  }
  const stop = () => removeCluster(bin, dir);
  try {
    // Trust auth is fine: the server listens on 127.0.0.1 and a socket in a private dir, and lives for one run.
    await pgRun(
      path.join(bin, 'initdb'),
      ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8'].concat([
        '--no-locale',
        '--no-sync',
        '--no-instructions',
      ]),
    );
    // A port can be taken between freePort() and the server's bind; try a few.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const settings = [
        `-p ${port}`,
        `-k ${dir}`,
        "-c listen_addresses='127.0.0.1'",
        // Durability buys nothing in a throwaway cluster and costs most of its write time.
        options.durable ? '' : '-c fsync=off -c synchronous_commit=off -c full_page_writes=off',
        // Parallel test files each hold a pool; e2e tests start whole servers.
        '-c max_connections=300',
      ].join(' ');
      const start = () =>
        pgRun(
          path.join(bin, 'pg_ctl'),
          ['start', '-D', data, '-w', '-t', '30', '-l', path.join(dir, 'log')].concat(['-o', settings]),
        );
      const restart = async (between?: () => Promise<void>) => {
        await pgRun(path.join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'fast', '-w']);
        await between?.();
        await start();
      };
      try {
        await start();
        return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, dir, stop, restart };
      } catch (e) {
        if (attempt === 3) throw e;
      }
    }
  } catch (e) {
    const log = path.join(dir, 'log');
    const tail = fs.existsSync(log)
      ? `\n--- server log ---\n${fs.readFileSync(log, 'utf8').slice(-2000)}`
      : '';
    await stop();
    throw new Error(`Cannot start the test PostgreSQL cluster: ${(e as Error).message}${tail}`, { cause: e });
  }
}
