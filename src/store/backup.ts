// Backups of the store. SQLite: a consistent copy of the live file through SQLite's online backup API (no need to
// stop serve or workers), written under a temporary name, checked, then renamed. PostgreSQL: pg_dump's custom
// format, checked by reading it back with pg_restore (see cli/db-backup.ts for running them).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { StoreError } from './errors.js';

export interface BackupProgress {
  /** Database pages copied so far, and in all (4 KiB each by default). */
  done: number;
  total: number;
}

/** What a finished backup holds, read back from the backup file itself. */
export interface BackupCheck {
  papers: number;
  signals: number;
  /** Every table's row count (SQLite) or every table with data (PostgreSQL), for the report. */
  tables: Record<string, number>;
}

// 4 MiB per step: the progress bar moves, and each step holds its read lock only while it copies.
const PAGES_PER_STEP = 1024;
// A write by another connection restarts an online backup from the first page. After a few restarts the rest is
// copied in one step: one read transaction, which in WAL mode does not hold writers up.
const RESTARTS_BEFORE_ONE_STEP = 3;

/**
 * Copies the SQLite database `source` into the new file `target` (which must not exist) while other processes
 * keep using it. The copy is switched to rollback-journal mode so it is one self-contained file.
 */
export async function backupSqlite(
  source: string,
  target: string,
  onProgress?: (p: BackupProgress) => void,
): Promise<void> {
  let db: SQLite.Database;
  try {
    db = new SQLite(source, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
  } catch (cause) {
    throw new StoreError(`Cannot open the SQLite database at ${source}: ${(cause as Error).message}`, {
      cause,
    });
  }
  try {
    let restarts = 0;
    let lastRemaining = Infinity;
    const { totalPages } = await db.backup(target, {
      progress({ totalPages, remainingPages }) {
        if (remainingPages > lastRemaining) restarts++;
        lastRemaining = remainingPages;
        onProgress?.({ done: totalPages - remainingPages, total: totalPages });
        return restarts >= RESTARTS_BEFORE_ONE_STEP ? 0x7fffffff : PAGES_PER_STEP;
      },
    });
    onProgress?.({ done: totalPages, total: totalPages });
  } catch (cause) {
    throw new StoreError(`The backup of ${source} failed: ${(cause as Error).message}`, { cause });
  } finally {
    db.close();
  }
  const copy = new SQLite(target);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/** Checks an SQLite backup file: `PRAGMA integrity_check` must say ok; returns its row counts. */
export function checkSqliteBackup(file: string): BackupCheck {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const problems = (db.pragma('integrity_check') as { integrity_check: string }[]).map(
      (r) => r.integrity_check,
    );
    if (problems.join() !== 'ok') {
      throw new StoreError(
        `The backup ${file} failed SQLite's integrity check: ${problems.slice(0, 5).join('; ')}`,
      );
    }
    const names = (
      db
        .prepare(
          "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name",
        )
        .all() as { name: string }[]
    ).map((r) => r.name);
    const tables: Record<string, number> = {};
    for (const name of names) {
      const row = db.prepare(`select count(*) as n from "${name.replace(/"/g, '""')}"`).get() as {
        n: number;
      };
      tables[name] = row.n;
    }
    return { papers: tables.papers ?? 0, signals: tables.signals ?? 0, tables };
  } finally {
    db.close();
  }
}

/** Runs `command args`, feeding its stdout lines to `onLine`; rejects with its stderr when it fails. */
function runLines(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  onLine: (line: string) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let rest = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      const lines = (rest + s).split('\n');
      rest = lines.pop()!;
      for (const l of lines) onLine(l);
    });
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.once('error', reject);
    child.once('close', (code) => {
      if (rest) onLine(rest);
      if (code === 0) resolve();
      else
        reject(new StoreError(`${path.basename(command)} failed: ${stderr.trim() || `exit code ${code}`}`));
    });
  });
}

/**
 * Checks a pg_dump custom-format file by reading it back with `pg_restore`: its table of contents must list the
 * papers and signals data, and the rows of every table's data are counted from the restore script it produces
 * (so every compressed block is read once).
 */
export async function checkPostgresDump(file: string, pgRestore = 'pg_restore'): Promise<BackupCheck> {
  if (!fs.existsSync(file)) throw new StoreError(`The dump ${file} does not exist.`);
  const tables: Record<string, number> = {};
  let current: string | undefined;
  // Data sections of a plain restore script: `COPY public.papers (…) FROM stdin;`, rows, then `\.`.
  await runLines(pgRestore, ['--data-only', '--file=-', file], process.env, (line) => {
    if (current === undefined) {
      const m = /^COPY (?:\w+\.)?"?(\w+)"? \(/.exec(line);
      if (m) {
        current = m[1]!;
        tables[current] = 0;
      }
    } else if (line === '\\.') current = undefined;
    else tables[current]!++;
  });
  for (const t of ['papers', 'signals']) {
    if (!(t in tables)) throw new StoreError(`The dump ${file} holds no data for the ${t} table.`);
  }
  return { papers: tables.papers!, signals: tables.signals!, tables };
}
