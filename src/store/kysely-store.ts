// The part of the Store that is the same SQL on SQLite and PostgreSQL (Kysely compiles it per dialect). Each
// backend extends this with its connection handling and the few queries that need dialect-specific SQL
// (unnesting JSON arrays): sqlite.ts and postgres.ts.
import {
  Migrator,
  sql,
  type Kysely,
  type MigrationProvider,
  type RawBuilder,
  type Transaction,
} from 'kysely';
import type { Paper, Signal, SignalValues } from '../model/paper.js';
import type {
  Candidate,
  CandidateQuery,
  CodeLink,
  ImportBatch,
  ImportBatchResult,
  Job,
  JobState,
  NewJob,
  Store,
} from './store.js';
import type { Database } from './schema.js';
import { StoreError } from './errors.js';
import { writeBatch } from './import-batch.js';
import { chunks, toPaper } from './rows.js';
import * as jobs from './job-queries.js';

/** A Store over any Kysely dialect; a backend supplies its connection, migrations and JSON-unnesting SQL. */
export abstract class KyselyStore implements Store {
  abstract readonly backend: Store['backend'];

  constructor(
    protected readonly db: Kysely<Database>,
    private readonly migrations: MigrationProvider,
  ) {}

  abstract codeLinks(after: { paperId: string; url: string } | undefined, limit: number): Promise<CodeLink[]>;
  /** The condition "papers.authors holds exactly `name`" (authors are a JSON array, unnested per dialect). */
  protected abstract authorIs(name: string): RawBuilder<boolean>;
  abstract close(): Promise<void>;
  /** Claiming needs each dialect's own locking: SKIP LOCKED on PostgreSQL, an immediate transaction on SQLite. */
  abstract claimJob(worker: string, kinds: string[], leaseMs: number, now: Date): Promise<Job | undefined>;

  enqueueJob(job: NewJob): Promise<{ job: Job; inserted: boolean }> {
    return jobs.enqueueJob(this.db, job, new Date());
  }

  renewLease(id: number, worker: string, leaseMs: number, now: Date): Promise<boolean> {
    return jobs.renewLease(this.db, id, worker, leaseMs, now);
  }

  saveJobProgress(id: number, worker: string, progress: unknown, now: Date): Promise<boolean> {
    return jobs.saveJobProgress(this.db, id, worker, progress, now);
  }

  completeJob(id: number, worker: string, now: Date): Promise<boolean> {
    return jobs.completeJob(this.db, id, worker, now);
  }

  failJob(
    id: number,
    worker: string,
    error: string,
    retryAt: Date | undefined,
    now: Date,
  ): Promise<JobState | undefined> {
    return jobs.failJob(this.db, id, worker, error, retryAt, now);
  }

  jobById(id: number): Promise<Job | undefined> {
    return jobs.jobById(this.db, id);
  }

  /**
   * Whether a write transaction locks the change cursor row as it reads it. PostgreSQL does, so
   * that concurrent writers queue there: none hands out the same sequence numbers, sequences become visible in
   * commit order (a reader's cursor never skips a later-committing lower number, as it could with a SEQUENCE),
   * and no writer merges a paper from a stale read. SQLite allows one writer at a time anyway.
   */
  protected abstract readonly locksChangeSeq: boolean;

  private async readChangeSeq(trx: Transaction<Database>): Promise<number> {
    const row = await trx
      .selectFrom('meta')
      .select('value')
      .where('key', '=', 'change_seq')
      .$if(this.locksChangeSeq, (q) => q.forUpdate())
      .executeTakeFirst();
    return Number(row?.value ?? 0);
  }

  async migrate(): Promise<string[]> {
    const migrator = new Migrator({ db: this.db, provider: this.migrations });
    const { error, results } = await migrator.migrateToLatest();
    if (error) {
      if (error instanceof StoreError) throw error;
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
      throw new StoreError(`Database migration ${failed} failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  }

  async importBatch(batch: ImportBatch): Promise<ImportBatchResult> {
    return this.db.transaction().execute(async (trx) => {
      const seq = await this.readChangeSeq(trx);
      const written = await writeBatch(trx, batch, seq);
      if (written.seq !== seq) {
        await trx
          .updateTable('meta')
          .set({ value: String(written.seq) })
          .where('key', '=', 'change_seq')
          .execute();
      }
      return written.result;
    });
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
    return this.rowCount('papers');
  }

  private async rowCount(table: 'papers' | 'signals'): Promise<number> {
    const row = await this.db
      .selectFrom(table)
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
  protected latestSignals(ids: string[], asOf: string) {
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

  async papersByAuthor(name: string, limit: number, offset: number): Promise<Paper[]> {
    const rows = await this.db
      .selectFrom('papers')
      .selectAll()
      .where(this.authorIs(name))
      .orderBy('first_seen', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map(toPaper);
  }

  async signalsAfter(afterId: number, limit: number): Promise<{ id: number; signal: Signal }[]> {
    const rows = await this.db
      .selectFrom('signals')
      .select(['id', 'paper_id', 'kind', 'value', 'observed_at', 'source'])
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      signal: {
        paperId: r.paper_id,
        kind: r.kind as Signal['kind'],
        value: r.value,
        observedAt: r.observed_at,
        source: r.source,
      },
    }));
  }

  async signalCount(): Promise<number> {
    return this.rowCount('signals');
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
}
