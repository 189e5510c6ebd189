// The embedded Store: one SQLite file (WAL) through Kysely. All SQL for SQLite lives here and in migrations/.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql, type Selectable, type Transaction } from 'kysely';
import type { Paper, SignalValues, UpsertOutcome } from '../model/paper.js';
import { UserError } from '../errors.js';
import { mergePaper, paperHash } from '../model/merge.js';
import type { Candidate, CandidateQuery, CodeLink, ImportBatch, ImportBatchResult, Store } from './store.js';
import type { Database, PapersTable } from './schema.js';
import { sqliteMigrations } from './migrations/sqlite/index.js';

/** Thrown when the store cannot do what was asked; `cause` holds the driver's error. */
export class StoreError extends UserError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, 'failure', options);
  }
}

export interface SqliteStoreOptions {
  /**
   * Caps the database file at this many pages (4 KiB each by default) with `PRAGMA max_page_count`; a write
   * that would grow it further fails as "database or disk is full" and its transaction rolls back. Operators
   * use it as a size quota; tests use it to simulate a full disk. Applies to this connection only.
   */
  maxPageCount?: number;
}

/** Opens (creating if needed) the SQLite store at `file`; call migrate() before use. */
export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): Store {
  const { maxPageCount } = options;
  if (maxPageCount !== undefined && !(Number.isInteger(maxPageCount) && maxPageCount > 0)) {
    throw new StoreError(`maxPageCount must be a positive integer, got ${maxPageCount}`);
  }
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let handle: SQLite.Database;
  try {
    handle = new SQLite(file);
    handle.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the last commits.
    handle.pragma('synchronous = NORMAL');
    handle.pragma('foreign_keys = ON');
    handle.pragma('busy_timeout = 5000');
    if (maxPageCount !== undefined) handle.pragma(`max_page_count = ${maxPageCount}`);
  } catch (cause) {
    throw new StoreError(`Cannot open the SQLite database at ${file}: ${(cause as Error).message}`, {
      cause,
    });
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: handle }) });
  return new SqliteStore(db, handle);
}

const toPaper = (r: Selectable<PapersTable>): Paper => ({
  id: r.id,
  version: r.version,
  title: r.title,
  abstract: r.abstract,
  authors: JSON.parse(r.authors) as string[],
  categories: JSON.parse(r.categories) as string[],
  primaryCategory: r.primary_category,
  published: r.published,
  updated: r.updated,
  comment: r.comment,
  doi: r.doi,
  journalRef: r.journal_ref,
  codeUrls: JSON.parse(r.code_urls) as string[],
  source: r.source,
  firstSeen: r.first_seen,
});

const toRow = (p: Paper, hash: string, now: string, seq: number) => ({
  id: p.id,
  version: p.version,
  title: p.title,
  abstract: p.abstract,
  authors: JSON.stringify(p.authors),
  categories: JSON.stringify(p.categories),
  primary_category: p.primaryCategory,
  published: p.published,
  updated: p.updated,
  comment: p.comment,
  doi: p.doi,
  journal_ref: p.journalRef,
  code_urls: JSON.stringify(p.codeUrls),
  source: p.source,
  first_seen: p.firstSeen,
  content_hash: hash,
  modified_at: now,
  change_seq: seq,
});

// SQLite allows 32,766 bound variables per statement; 19 columns x 500 rows stays well below.
const ROWS_PER_INSERT = 500;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

class SqliteStore implements Store {
  readonly backend = 'sqlite' as const;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly handle: SQLite.Database,
  ) {}

  async migrate(): Promise<string[]> {
    const migrator = new Migrator({ db: this.db, provider: sqliteMigrations });
    const { error, results } = await migrator.migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
      throw new StoreError(`Database migration ${failed} failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  }

  async importBatch(batch: ImportBatch): Promise<ImportBatchResult> {
    return this.db.transaction().execute(async (trx) => {
      const outcomes = await this.upsertPapers(trx, batch.papers);
      const signalsChanged = await this.insertSignals(trx, batch);
      return { outcomes, signalsChanged };
    });
  }

  private async upsertPapers(
    trx: Transaction<Database>,
    inputs: ImportBatch['papers'],
  ): Promise<UpsertOutcome[]> {
    if (inputs.length === 0) return [];
    const ids = [...new Set(inputs.map((p) => p.id))];
    const current = new Map<string, Paper>();
    // Content hashes of the papers as they stand (stored, or as merged earlier in this batch): hashing is a
    // visible share of import time, so each version of a paper is hashed once.
    const hashes = new Map<string, string>();
    for (const part of chunks(ids, ROWS_PER_INSERT)) {
      const rows = await trx.selectFrom('papers').selectAll().where('id', 'in', part).execute();
      for (const r of rows) {
        current.set(r.id, toPaper(r));
        hashes.set(r.id, r.content_hash);
      }
    }
    const stored = new Set(current.keys());
    const now = new Date().toISOString();
    const today = now.slice(0, 10);
    const seqRow = await trx
      .selectFrom('meta')
      .select('value')
      .where('key', '=', 'change_seq')
      .executeTakeFirst();
    let seq = Number(seqRow?.value ?? 0);
    const startSeq = seq;

    // A batch may hold the same paper twice (e.g. two Hugging Face days): merge in order, write once.
    // Each record's outcome says what *it* did, so a second record that adds nothing is "unchanged".
    const outcomes: UpsertOutcome[] = [];
    const dirty = new Map<string, Paper>();
    for (const input of inputs) {
      const before = current.get(input.id);
      const after = mergePaper(before, input, today);
      const hash = paperHash(after);
      if (before && hashes.get(input.id) === hash) {
        outcomes.push('unchanged');
        continue;
      }
      outcomes.push(before ? 'updated' : 'inserted');
      current.set(input.id, after);
      hashes.set(input.id, hash);
      dirty.set(input.id, after);
    }

    const inserts = [...dirty.values()].filter((p) => !stored.has(p.id));
    const updates = [...dirty.values()].filter((p) => stored.has(p.id));
    for (const part of chunks(inserts, ROWS_PER_INSERT)) {
      await trx
        .insertInto('papers')
        .values(part.map((p) => ({ ...toRow(p, hashes.get(p.id)!, now, ++seq), created_at: now })))
        .execute();
    }
    for (const p of updates) {
      await trx
        .updateTable('papers')
        .set(toRow(p, hashes.get(p.id)!, now, ++seq))
        .where('id', '=', p.id)
        .execute();
    }
    const changed = [...dirty.values()];
    for (const part of chunks(changed, ROWS_PER_INSERT)) {
      await trx
        .deleteFrom('paper_categories')
        .where(
          'paper_id',
          'in',
          part.map((p) => p.id),
        )
        .execute();
      const cats = part.flatMap((p) =>
        [...new Set(p.categories)].map((category) => ({ category, paper_id: p.id })),
      );
      for (const c of chunks(cats, ROWS_PER_INSERT * 4))
        await trx.insertInto('paper_categories').values(c).execute();
    }
    if (seq !== startSeq) {
      await trx
        .updateTable('meta')
        .set({ value: String(seq) })
        .where('key', '=', 'change_seq')
        .execute();
    }
    return outcomes;
  }

  private async insertSignals(trx: Transaction<Database>, batch: ImportBatch): Promise<number> {
    if (batch.signals.length === 0) return 0;
    const recordedAt = new Date().toISOString();
    let changed = 0;
    for (const part of chunks(batch.signals, ROWS_PER_INSERT)) {
      const result = await trx
        .insertInto('signals')
        .values(
          part.map((s) => ({
            paper_id: s.paperId,
            kind: s.kind,
            value: s.value,
            observed_at: s.observedAt,
            source: s.source,
            recorded_at: recordedAt,
          })),
        )
        // The same observation re-imported changes nothing; a corrected value for the same moment replaces it.
        .onConflict((oc) =>
          oc
            .columns(['paper_id', 'kind', 'observed_at', 'source'])
            .doUpdateSet({ value: (eb) => eb.ref('excluded.value'), recorded_at: recordedAt })
            .where('signals.value', '!=', (eb) => eb.ref('excluded.value')),
        )
        .executeTakeFirst();
      changed += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    if (changed > 0) {
      // Signals move rankings, so they advance the change cursor too.
      await trx
        .updateTable('meta')
        .set({ value: sql<string>`cast(cast(value as integer) + 1 as text)` })
        .where('key', '=', 'change_seq')
        .execute();
    }
    return changed;
  }

  async paperById(id: string): Promise<Paper | undefined> {
    const row = await this.db.selectFrom('papers').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toPaper(row) : undefined;
  }

  async papersByIds(ids: string[]): Promise<Paper[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('papers').selectAll().where('id', 'in', ids).execute();
    const byId = new Map(rows.map((r) => [r.id, toPaper(r)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async paperCount(): Promise<number> {
    const row = await this.db
      .selectFrom('papers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async signalsForPaper(id: string, asOf: string): Promise<SignalValues> {
    const rows = await this.latestSignals([id], asOf);
    const values: SignalValues = {};
    for (const r of rows) values[r.kind as keyof SignalValues] = r.value;
    return values;
  }

  async latestActivityDay(): Promise<string | undefined> {
    // Both maxima are read from an index's last entry, so this stays instant at any size.
    const p = await this.db
      .selectFrom('papers')
      .select((eb) => eb.fn.max('first_seen').as('d'))
      .executeTakeFirst();
    const s = await this.db
      .selectFrom('signals')
      .select((eb) => eb.fn.max('observed_at').as('d'))
      .executeTakeFirst();
    const days = [p?.d, s?.d?.slice(0, 10)].filter((d): d is string => typeof d === 'string');
    return days.sort().at(-1);
  }

  async trendingCandidates(q: CandidateQuery): Promise<Candidate[]> {
    let papers = this.db.selectFrom('papers').select(['papers.id', 'papers.first_seen', 'papers.published']);
    if (q.category) {
      papers = papers.innerJoin('paper_categories as pc', (j) =>
        j.onRef('pc.paper_id', '=', 'papers.id').on('pc.category', '=', q.category!),
      );
    }
    if (q.from) {
      papers = papers.where('papers.first_seen', '>=', q.from).where('papers.first_seen', '<=', q.to);
    } else {
      let newest = this.db
        .selectFrom('papers')
        .select('id')
        .where('first_seen', '<=', q.to)
        .orderBy('first_seen', 'desc')
        .limit(q.newest ?? 200);
      // The newest N must be taken within the category: the newest N overall may hold none of its papers,
      // and a category page would then show no new papers at all.
      if (q.category) {
        const inCategory = this.db
          .selectFrom('paper_categories')
          .select('paper_id')
          .where('category', '=', q.category);
        newest = newest.where('id', 'in', inCategory);
      }
      const withSignals = this.db.selectFrom('signals').select('paper_id').where('observed_at', '<=', q.asOf);
      papers = papers
        .where('papers.first_seen', '<=', q.to)
        .where((eb) => eb.or([eb('papers.id', 'in', newest), eb('papers.id', 'in', withSignals)]));
    }
    const rows = await papers.execute();
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const signals = new Map<string, SignalValues>();
    for (const part of chunks(ids, 5000)) {
      for (const s of await this.latestSignals(part, q.asOf)) {
        const v = signals.get(s.paper_id) ?? {};
        v[s.kind as keyof SignalValues] = s.value;
        signals.set(s.paper_id, v);
      }
    }
    return rows.map((r) => ({
      id: r.id,
      firstSeen: r.first_seen,
      published: r.published,
      signals: signals.get(r.id) ?? {},
    }));
  }

  /** The newest observation per (paper, kind) at or before `asOf`, for the given papers (ties: the last recorded). */
  private latestSignals(ids: string[], asOf: string) {
    const ranked = this.db
      .selectFrom('signals')
      .select([
        'paper_id',
        'kind',
        'value',
        sql<number>`row_number() over (partition by paper_id, kind order by observed_at desc, id desc)`.as(
          'rn',
        ),
      ])
      .where('observed_at', '<=', asOf)
      .where('paper_id', 'in', ids);
    return this.db
      .selectFrom(ranked.as('s'))
      .select(['paper_id', 'kind', 'value'])
      .where('rn', '=', 1)
      .execute();
  }

  async papersChangedSince(afterSeq: number, limit: number): Promise<{ seq: number; paper: Paper }[]> {
    // papers_change_seq makes this a range scan from the cursor, however large the table.
    const rows = await this.db
      .selectFrom('papers')
      .selectAll()
      .where('change_seq', '>', afterSeq)
      .orderBy('change_seq')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ seq: r.change_seq, paper: toPaper(r) }));
  }

  async codeLinks(after: { paperId: string; url: string } | undefined, limit: number): Promise<CodeLink[]> {
    // code_urls is a JSON array; json_each unnests it so links page in a stable (paper, url) order.
    const rows = await sql<{ paper_id: string; url: string }>`
      select p.id as paper_id, j.value as url
      from papers p, json_each(p.code_urls) j
      where p.code_urls <> '[]'
        and (p.id > ${after?.paperId ?? ''} or (p.id = ${after?.paperId ?? ''} and j.value > ${after?.url ?? ''}))
      order by p.id, j.value
      limit ${limit}`.execute(this.db);
    return rows.rows.map((r) => ({ paperId: r.paper_id, url: r.url }));
  }

  async papersByAuthor(name: string, limit: number, offset: number): Promise<Paper[]> {
    // Authors are a JSON array; exact-name match through json_each. Fine at this size; an author index can
    // follow if author pages become hot.
    const rows = await this.db
      .selectFrom('papers')
      .selectAll()
      .where(sql<boolean>`exists (select 1 from json_each(papers.authors) a where a.value = ${name})`)
      .orderBy('first_seen', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map(toPaper);
  }

  async changeSeq(): Promise<number> {
    return Number((await this.getMeta('change_seq')) ?? 0);
  }

  async getMeta(key: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.db
      .insertInto('meta')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }

  async close(): Promise<void> {
    await this.db.destroy();
    if (this.handle.open) this.handle.close();
  }
}
