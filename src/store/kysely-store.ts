// The part of the Store that is the same SQL on SQLite and PostgreSQL (Kysely compiles it per dialect). Each
// backend extends this with its connection handling and the few queries that need dialect-specific SQL
// (unnesting JSON arrays): sqlite.ts and postgres.ts.
import { Migrator, sql, type Kysely, type MigrationProvider, type RawBuilder } from 'kysely';
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
import { readChangeSeq, writeBatch, writeChangeSeq } from './import-batch.js';
import { chunks, toPaper } from './rows.js';
import * as jobs from './job-queries.js';
import * as subs from './subscriber-queries.js';
import type { BounceKind, ReactionKey, ReactionRow, SubscriberImport } from './subscriber-store.js';
import type { Preferences, ReactionKind, Subscriber, SubscriberStatus } from '../model/subscriber.js';
import * as lists from './paper-list-queries.js';
import * as digests from './digest-queries.js';
import * as vectors from './vector-queries.js';
import type { EmbeddingModelRecord, StoredVector } from './vector-store.js';
import type { DigestJobSpec, DigestOutcome, DueQuery, PlannedDigest } from './digest-store.js';
import * as trend from './trending-queries.js';
import type {
  RecomputeCursor,
  TrendingInput,
  TrendingPageQuery,
  TrendingScoreRow,
} from './trending-store.js';
import type { AuthorCount, AuthorSummary, CategoryCount, PaperListQuery } from './paper-list-store.js';

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

  // Subscribers (subscriber-store.ts): SQL in subscriber-queries.ts.
  requestSubscription(email: string, preferences: Preferences, now: Date): Promise<Subscriber> {
    return subs.requestSubscription(this.db, email, preferences, now);
  }
  subscriberById(id: number): Promise<Subscriber | undefined> {
    return subs.subscriberById(this.db, id);
  }
  subscriberByEmail(email: string): Promise<Subscriber | undefined> {
    return subs.subscriberByEmail(this.db, email);
  }
  confirmSubscriber(id: number, now: Date): Promise<Subscriber | undefined> {
    return subs.confirmSubscriber(this.db, id, now);
  }
  updatePreferences(id: number, preferences: Preferences, now: Date): Promise<Subscriber | undefined> {
    return subs.updatePreferences(this.db, id, preferences, now);
  }
  setSubscriberStatus(
    id: number,
    status: Exclude<SubscriberStatus, 'pending'>,
    now: Date,
  ): Promise<Subscriber | undefined> {
    return subs.setSubscriberStatus(this.db, id, status, now);
  }
  claimLinkSend(id: number, notBefore: Date, now: Date): Promise<boolean> {
    return subs.claimLinkSend(this.db, id, notBefore, now);
  }
  bumpSessionVersion(id: number, now: Date): Promise<number | undefined> {
    return subs.bumpSessionVersion(this.db, id, now);
  }
  deleteSubscriber(id: number): Promise<boolean> {
    return subs.deleteSubscriber(this.db, id);
  }
  recordBounce(
    email: string,
    kind: BounceKind,
    softLimit: number,
    now: Date,
  ): Promise<Subscriber | undefined> {
    return subs.recordBounce(this.db, email, kind, softLimit, now);
  }
  listSubscribers(q: { afterId?: number; limit: number; status?: SubscriberStatus }): Promise<Subscriber[]> {
    return subs.listSubscribers(this.db, q);
  }
  subscriberCounts(): Promise<Record<SubscriberStatus | 'suppressed', number>> {
    return subs.subscriberCounts(this.db);
  }
  importSubscriber(s: SubscriberImport, now: Date): Promise<{ subscriber: Subscriber; inserted: boolean }> {
    return subs.importSubscriber(this.db, s, now);
  }
  useToken(nonce: string, expiresAt: Date, now: Date): Promise<boolean> {
    return subs.useToken(this.db, nonce, expiresAt, now);
  }
  setReaction(
    subscriberId: number,
    paperId: string,
    kind: ReactionKind,
    on: boolean,
    now: Date,
  ): Promise<{ count: number; changed: boolean } | undefined> {
    return subs.setReaction(this.db, this.locksChangeSeq, subscriberId, paperId, kind, on, now);
  }
  reactionsOf(subscriberId: number, paperIds: string[]): Promise<{ paperId: string; kind: ReactionKind }[]> {
    return subs.reactionsOf(this.db, subscriberId, paperIds);
  }
  importSubscribers(list: SubscriberImport[], now: Date): Promise<{ inserted: number }> {
    return subs.importSubscribers(this.db, list, now);
  }
  reactionsAfter(after: ReactionKey | undefined, limit: number): Promise<ReactionRow[]> {
    return subs.reactionsAfter(this.db, after, limit);
  }
  importReactions(rows: Omit<ReactionRow, 'subscriberId'>[]): Promise<{ inserted: number }> {
    return subs.importReactions(this.db, rows);
  }
  reactionCount(): Promise<number> {
    return subs.reactionCount(this.db);
  }
  reactedPapers(
    subscriberId: number,
    kind: ReactionKind,
    limit: number,
    offset: number,
  ): Promise<{ paperId: string; at: string }[]> {
    return subs.reactedPapers(this.db, subscriberId, kind, limit, offset);
  }

  /**
   * Whether a write transaction locks the change cursor row as it reads it. PostgreSQL does, so
   * that concurrent writers queue there: none hands out the same sequence numbers, sequences become visible in
   * commit order (a reader's cursor never skips a later-committing lower number, as it could with a SEQUENCE),
   * and no writer merges a paper from a stale read. SQLite allows one writer at a time anyway.
   */
  protected abstract readonly locksChangeSeq: boolean;

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
      const seq = await readChangeSeq(trx, this.locksChangeSeq);
      const written = await writeBatch(trx, batch, seq);
      if (written.seq !== seq) await writeChangeSeq(trx, written.seq);
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

  papersByAuthor(name: string, limit: number, offset: number): Promise<Paper[]> {
    return lists.papersByAuthor(this.db, name, limit, offset);
  }

  listPapers(q: PaperListQuery): Promise<Paper[]> {
    return lists.listPapers(this.db, q);
  }

  categoryCounts(): Promise<CategoryCount[]> {
    return lists.categoryCounts(this.db);
  }

  authorsByPrefix(prefix: string, limit: number): Promise<AuthorCount[]> {
    return lists.authorsByPrefix(this.db, prefix, limit);
  }

  authorSummary(name: string): Promise<AuthorSummary | undefined> {
    return lists.authorSummary(this.db, name);
  }

  paperIdsAfter(afterId: string, limit: number): Promise<string[]> {
    return trend.paperIdsAfter(this.db, afterId, limit);
  }

  trendingInputs(ids: string[], asOf: string): Promise<TrendingInput[]> {
    return trend.trendingInputs(this.db, ids, asOf);
  }

  trendingChangedSince(cursor: RecomputeCursor, limit: number) {
    return trend.trendingChangedSince(this.db, cursor, limit);
  }

  trendingDecayIds(sinceDay: string, sinceObserved: string): Promise<string[]> {
    return trend.trendingDecayIds(this.db, sinceDay, sinceObserved);
  }

  saveTrendingScores(rows: TrendingScoreRow[]): Promise<void> {
    return trend.saveTrendingScores(this.db, rows);
  }

  trendingPage(q: TrendingPageQuery) {
    return trend.trendingPage(this.db, q);
  }

  trendingScoresFor(ids: string[]): Promise<TrendingScoreRow[]> {
    return trend.trendingScoresFor(this.db, ids);
  }

  trendingRankedIds(order: 'trending' | 'all', limit: number): Promise<string[]> {
    return trend.trendingRankedIds(this.db, order, limit);
  }

  trendingStatus() {
    return trend.trendingStatus(this.db);
  }

  recordPaperViews(views: { paperId: string; day: string; visitor: string }[]) {
    return trend.recordPaperViews(this.db, views);
  }

  // Embeddings (vector-store.ts): SQL in vector-queries.ts.
  saveEmbeddingModel(model: EmbeddingModelRecord, data: Uint8Array | null) {
    return vectors.saveEmbeddingModel(this.db, model, data);
  }
  embeddingModel(id: string) {
    return vectors.embeddingModel(this.db, id);
  }
  setActiveEmbeddingModel(id: string | null) {
    return vectors.setActiveEmbeddingModel(this.db, id);
  }
  activeEmbeddingModel() {
    return vectors.activeEmbeddingModel(this.db);
  }
  putVectors(modelId: string, rows: StoredVector[]) {
    return vectors.putVectors(this.db, modelId, rows);
  }
  vectorsAfter(modelId: string, afterPaperId: string, limit: number) {
    return vectors.vectorsAfter(this.db, modelId, afterPaperId, limit);
  }
  vectorsFor(modelId: string, paperIds: string[]) {
    return vectors.vectorsFor(this.db, modelId, paperIds);
  }
  vectorCount(modelId: string) {
    return vectors.vectorCount(this.db, modelId);
  }
  deleteEmbeddingModel(id: string) {
    return vectors.deleteEmbeddingModel(this.db, id);
  }
  embeddingModels() {
    return vectors.embeddingModels(this.db);
  }

  // Digests (digest-store.ts): SQL in digest-queries.ts.
  dueDigests(q: DueQuery) {
    return digests.dueDigests(this.db, q);
  }
  queueDigests(planned: PlannedDigest[], job: DigestJobSpec, now: Date) {
    return digests.queueDigests(this.db, planned, job, now);
  }
  digestFor(subscriberId: number, period: string) {
    return digests.digestFor(this.db, subscriberId, period);
  }
  claimDigest(subscriberId: number, period: string, owner: string, leaseUntil: Date, now: Date) {
    return digests.claimDigest(this.db, subscriberId, period, owner, leaseUntil, now);
  }
  saveDigestContent(id: number, owner: string, paperIds: string[], messageId: string, now: Date) {
    return digests.saveDigestContent(this.db, id, owner, paperIds, messageId, now);
  }
  finishDigest(id: number, owner: string, outcome: DigestOutcome, now: Date) {
    return digests.finishDigest(this.db, id, owner, outcome, now);
  }
  releaseDigest(id: number, owner: string, error: string, now: Date) {
    return digests.releaseDigest(this.db, id, owner, error, now);
  }
  digestHistory(subscriberId: number, since: string) {
    return digests.digestHistory(this.db, subscriberId, since);
  }
  digestsOfSubscriber(subscriberId: number, limit: number) {
    return digests.digestsOfSubscriber(this.db, subscriberId, limit);
  }
  digestCounts(period?: string) {
    return digests.digestCounts(this.db, period);
  }
  recordDigestClick(subscriberId: number, paperId: string, period: string, now: Date) {
    return digests.recordDigestClick(this.db, this.locksChangeSeq, subscriberId, paperId, period, now);
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

  async setMetaIfAbsent(key: string, value: string): Promise<string> {
    // ON CONFLICT DO NOTHING: of several processes racing, exactly one inserts and all read its value back.
    await this.db
      .insertInto('meta')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    return (await this.getMeta(key)) ?? value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.db
      .insertInto('meta')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }
}
