// The Store interface: everything the rest of paperpulse may ask of the database. Backends implement it.
import type { Paper, PaperInput, Signal, SignalValues, UpsertOutcome } from '../model/paper.js';
import type { SubscriberStore } from './subscriber-store.js';
import type { PaperListStore } from './paper-list-store.js';
import type { TrendingStore } from './trending-store.js';
import type { DigestStore } from './digest-store.js';
import type { VectorStore } from './vector-store.js';

/** One paper's link to one code repository. */
export interface CodeLink {
  paperId: string;
  url: string;
}

/** Papers and signal observations written together, in one transaction. */
export interface ImportBatch {
  papers: PaperInput[];
  signals: Signal[];
}

export interface ImportBatchResult {
  /** One outcome per input paper, in input order. */
  outcomes: UpsertOutcome[];
  /** Signal observations that were new or corrected a previous value. */
  signalsChanged: number;
}

/** Which papers may be ranked: a first_seen window, or (no `from`) every paper with signals plus the newest. */
export interface CandidateQuery {
  /** First listing day, inclusive (YYYY-MM-DD). Omit for the open-ended "trending" view. */
  from?: string;
  /** Last listing day, inclusive (YYYY-MM-DD). */
  to: string;
  /** Signals observed after this moment (ISO) are ignored. */
  asOf: string;
  /** Only papers listed in this category (primary or cross-list). */
  category?: string;
  /** In the open-ended view, how many of the newest papers without signals still compete. */
  newest?: number;
}

/** The light row the trending formula needs; the full paper is fetched only for the page shown. */
export interface Candidate {
  id: string;
  firstSeen: string;
  published: string | null;
  signals: SignalValues;
}

export type JobState = 'queued' | 'running' | 'done' | 'failed';

/** One unit of work in the queue. Times are ISO strings; payload and progress are whatever JSON the task keeps. */
export interface Job {
  id: number;
  kind: string;
  payload: unknown;
  key: string;
  state: JobState;
  runAt: string;
  /** Claims so far, including the current one. */
  attempts: number;
  maxAttempts: number;
  leaseOwner: string | null;
  leaseUntil: string | null;
  lastError: string | null;
  /** The task's last checkpoint (saveJobProgress), kept across retries so a crash resumes. */
  progress: unknown;
  createdAt: string;
  updatedAt: string;
}

export interface NewJob {
  kind: string;
  payload?: unknown;
  /** Idempotency key: a second enqueue with the same key (by any process) adds nothing. */
  key: string;
  /** Not before this moment (default: now). */
  runAt?: Date;
  /** Claims allowed before the job is failed for good (default 5). */
  maxAttempts?: number;
}

export interface Store extends SubscriberStore, PaperListStore, TrendingStore, DigestStore, VectorStore {
  readonly backend: 'sqlite' | 'postgres';
  /** Brings the schema up to date; returns the names of migrations applied now. */
  migrate(): Promise<string[]>;
  /** Upserts papers (merging with what is stored) and records signal observations, atomically. */
  importBatch(batch: ImportBatch): Promise<ImportBatchResult>;
  paperById(id: string): Promise<Paper | undefined>;
  /** The papers with these ids, in the order given; unknown ids are skipped. */
  papersByIds(ids: string[]): Promise<Paper[]>;
  paperCount(): Promise<number>;
  /** Latest value of each signal kind for one paper, as of a moment. */
  signalsForPaper(id: string, asOf: string): Promise<SignalValues>;
  /** The newest day (YYYY-MM-DD) on which a paper was listed or a signal observed; undefined when empty. */
  latestActivityDay(): Promise<string | undefined>;
  trendingCandidates(q: CandidateQuery): Promise<Candidate[]>;
  /** A number that grows whenever papers or signals change; lets caches and derived indexes catch up. */
  changeSeq(): Promise<number>;
  /**
   * Papers changed after cursor `afterSeq`, oldest change first, at most `limit`; each comes with its change
   * sequence so a derived index can store the cursor it reached and resume from there.
   */
  papersChangedSince(afterSeq: number, limit: number): Promise<{ seq: number; paper: Paper }[]>;
  /** Links from papers to code repositories, ordered by (paper id, url), after the given pair, at most `limit`. */
  codeLinks(after: { paperId: string; url: string } | undefined, limit: number): Promise<CodeLink[]>;
  /** Papers whose author list contains exactly this name, newest listing first. */
  papersByAuthor(name: string, limit: number, offset: number): Promise<Paper[]>;
  /** Signal observations in the order they were recorded (by id), after `afterId`, at most `limit` (copying a store). */
  signalsAfter(afterId: number, limit: number): Promise<{ id: number; signal: Signal }[]>;
  /** How many signal observations are stored. */
  signalCount(): Promise<number>;
  /** Adds a job unless one with the same key exists; returns the stored job and whether it was added now. */
  enqueueJob(job: NewJob): Promise<{ job: Job; inserted: boolean }>;
  /**
   * Leases one due job of these kinds to `worker` until now + leaseMs, counting an attempt: a queued job whose
   * run_at has come, or a running one whose lease expired (its worker died). No two callers get the same lease.
   * A job whose lease expired with no attempts left is failed instead. Undefined when nothing is due.
   */
  claimJob(worker: string, kinds: string[], leaseMs: number, now: Date): Promise<Job | undefined>;
  /** Extends `worker`'s lease; false when the lease was lost (expired and claimed by another, or finished). */
  renewLease(id: number, worker: string, leaseMs: number, now: Date): Promise<boolean>;
  /** Records the task's checkpoint while `worker` holds the lease; false when the lease was lost. */
  saveJobProgress(id: number, worker: string, progress: unknown, now: Date): Promise<boolean>;
  /** Marks the job done if `worker` still holds its lease; false (and no change) otherwise. */
  completeJob(id: number, worker: string, now: Date): Promise<boolean>;
  /**
   * Records a failed attempt while `worker` holds the lease: queued again at `retryAt` (the caller picks the
   * backoff), or failed for good when retryAt is undefined or no attempts are left. The new state, or undefined
   * when the lease was lost.
   */
  failJob(
    id: number,
    worker: string,
    error: string,
    retryAt: Date | undefined,
    now: Date,
  ): Promise<JobState | undefined>;
  jobById(id: number): Promise<Job | undefined>;
  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;
  /** Stores `value` under `key` unless the key exists (atomic across processes); returns the value now stored. */
  setMetaIfAbsent(key: string, value: string): Promise<string>;
  close(): Promise<void>;
}
