// `paperpulse db backup [--to FILE]`: a verified backup of the configured store while it keeps running.
// SQLite: the online backup API (store/backup.ts). PostgreSQL: pg_dump's custom format when pg_dump is on PATH
// (checked with pg_restore), else the exact pg_dump command to run, since the dump must come from a pg_dump
// at least as new as the server, which only the operator can install.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import type { BackupCheck } from '../store/backup.js';
import { StoreError } from '../store/errors.js';
import { ExitCode } from './exit-codes.js';
import { UsageError } from './import.js';

export interface BackupFlags {
  to?: string;
  dataDir?: string;
  printCommand?: boolean;
}

const n = (x: number) => x.toLocaleString('en-US');
/** A file-name-safe UTC timestamp, e.g. 2026-11-30T061700Z. */
const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/:/g, '')
    .replace(/\.\d+Z$/, 'Z');
/** Quotes `s` for a POSIX shell when it holds anything but safe characters. */
const sh = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** The SQLite file the configuration points at, or undefined for PostgreSQL. */
function sqliteFile(config: Config): string | undefined {
  const url = config.databaseUrl;
  if (!url) return path.join(config.dataDir, 'paperpulse.db');
  return /^postgres(ql)?:/.test(url) ? undefined : url.replace(/^sqlite:(\/\/)?/, '');
}

/** `url` without its password (the password goes to pg_dump through PGPASSWORD, never onto a command line). */
function withoutPassword(url: string): { url: string; password: string | undefined } {
  const u = new URL(url);
  const password = u.password ? decodeURIComponent(u.password) : undefined;
  u.password = '';
  return { url: u.toString(), password };
}

/** Whether `command` is an executable somewhere on PATH. */
function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      fs.accessSync(path.join(dir, command), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** The destination, checked: a new file in an existing (or creatable default) directory. */
function destination(flags: BackupFlags, config: Config, ext: string): string {
  const target = flags.to
    ? path.resolve(flags.to)
    : path.join(config.dataDir, 'backups', `paperpulse-${stamp(new Date())}${ext}`);
  if (!flags.to) fs.mkdirSync(path.dirname(target), { recursive: true });
  if (fs.existsSync(target)) {
    throw new UsageError(`${target} already exists; choose another --to or move the old backup away first`);
  }
  if (!fs.existsSync(path.dirname(target))) {
    throw new UsageError(
      `the directory ${path.dirname(target)} does not exist; create it or choose another --to`,
    );
  }
  return target;
}

/** Writes the file at `tmp` to disk and gives it its final name in one step, so no half backup ever has it. */
function publish(tmp: string, target: string): void {
  const fd = fs.openSync(tmp, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, target);
}

function report(target: string, check: BackupCheck, source: { papers: number; signals: number }, s: number) {
  const bytes = fs.statSync(target).size;
  process.stdout.write(
    `Backed up to ${target} (${(bytes / 1e6).toFixed(1)} MB) in ${s.toFixed(1)} s. Verified: it reads back with ` +
      `${n(check.papers)} papers and ${n(check.signals)} signal observations.\n`,
  );
  if (source.papers !== check.papers || source.signals !== check.signals) {
    // Not an error: the backup is a snapshot, and writers (imports, workers) went on meanwhile.
    process.stdout.write(
      `The database now holds ${n(source.papers)} papers and ${n(source.signals)} signal observations: ` +
        'it changed during the backup, which holds the state of one moment.\n',
    );
  }
}

/** Runs `db backup` for the configured store. */
export async function runDbBackup(flags: BackupFlags): Promise<void> {
  const [{ loadConfig }, { openStore }] = await Promise.all([
    import('../config.js'),
    import('../store/open.js'),
  ]);
  const config = loadConfig(process.env, { dataDir: flags.dataDir });
  const file = sqliteFile(config);
  if (file !== undefined) {
    if (flags.printCommand)
      throw new UsageError('--print-command is for PostgreSQL (DATABASE_URL=postgres://…)');
    if (!fs.existsSync(file)) {
      process.stderr.write(`Cannot back up ${file}: no such file. Nothing was written.\n`);
      process.exitCode = ExitCode.noInput;
      return;
    }
    await backupSqliteFile(file, destination(flags, config, '.db'), config);
    return;
  }
  const url = config.databaseUrl!;
  const target = destination(flags, config, '.dump');
  const { url: safeUrl, password } = withoutPassword(url);
  const dumpArgs = ['--format=custom', '--no-owner', '--no-privileges', `--dbname=${safeUrl}`];
  const command = `pg_dump ${[...dumpArgs, `--file=${target}`].map(sh).join(' ')}`;
  if (flags.printCommand || !onPath('pg_dump')) {
    process.stdout.write(`${command}\n`);
    process.stderr.write(
      (flags.printCommand ? '' : 'pg_dump is not on PATH, so nothing was written. ') +
        'Run the command above with a pg_dump of the same major version as the server or newer ' +
        '(Debian/Ubuntu: apt-get install postgresql-client)' +
        (password ? '; the password is left out: put it in PGPASSWORD or ~/.pgpass' : '') +
        `. Restore with: pg_restore --clean --if-exists --no-owner --dbname=URL ${sh(target)}\n`,
    );
    if (!flags.printCommand) process.exitCode = ExitCode.unavailable;
    return;
  }
  const store = openStore(config);
  try {
    const started = performance.now();
    const tmp = `${target}.partial`;
    await new Promise<void>((resolve, reject) => {
      const child = spawn('pg_dump', [...dumpArgs, `--file=${tmp}`], {
        env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
        stdio: ['ignore', 'inherit', 'pipe'],
      });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
      child.once('error', reject);
      child.once('close', (code) =>
        code === 0 ? resolve() : reject(new Error(stderr.trim() || `pg_dump exited with ${code}`)),
      );
    }).catch((e: unknown) => {
      fs.rmSync(tmp, { force: true });
      throw new StoreError(`pg_dump failed, nothing was written: ${(e as Error).message}`);
    });
    const { checkPostgresDump } = await import('../store/backup.js');
    const check = await checkPostgresDump(tmp).catch((e: unknown) => {
      fs.rmSync(tmp, { force: true });
      throw e;
    });
    publish(tmp, target);
    const source = { papers: await store.paperCount(), signals: await store.signalCount() };
    report(target, check, source, (performance.now() - started) / 1000);
    process.stdout.write(
      `Restore with: pg_restore --clean --if-exists --no-owner --dbname=URL ${sh(target)}\n`,
    );
  } finally {
    await store.close();
  }
}

async function backupSqliteFile(file: string, target: string, config: Config): Promise<void> {
  const [{ backupSqlite, checkSqliteBackup }, { startCountProgress }, { openStore }] = await Promise.all([
    import('../store/backup.js'),
    import('./progress.js'),
    import('../store/open.js'),
  ]);
  const tmp = `${target}.partial`;
  const started = performance.now();
  let progress: ReturnType<typeof startCountProgress> | undefined;
  let shown = 0;
  try {
    await backupSqlite(file, tmp, (p) => {
      progress ??= startCountProgress(p.total, 'Backing up', 'pages');
      progress.advance(p.done - shown);
      shown = p.done;
    });
    progress?.stop();
    const check = checkSqliteBackup(tmp);
    publish(tmp, target);
    const store = openStore(config);
    try {
      const source = { papers: await store.paperCount(), signals: await store.signalCount() };
      report(target, check, source, (performance.now() - started) / 1000);
    } finally {
      await store.close();
    }
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  } finally {
    progress?.stop();
  }
}
