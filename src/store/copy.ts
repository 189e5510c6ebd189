// Copies one store into another (e.g. an embedded SQLite instance into PostgreSQL) through the Store interface
// only, so any pair of backends works. Papers stream by their change cursor, then signals by id; after each
// batch the target records a checkpoint in its meta table, so an interrupted copy resumes where it stopped
// and a second run later copies only what changed since (a catch-up before switching over).
import type { Store } from './store.js';
import type { ReactionKey } from './subscriber-store.js';
import { StoreError } from './errors.js';

const checkpointKey = 'copy_checkpoint';

interface Checkpoint {
  /** The source this target is a copy of; a copy never mixes two sources. */
  source: string;
  /** Change sequence of the last source paper copied. */
  paperSeq: number;
  /** Id of the last source signal observation copied. */
  signalId: number;
}

export interface CopyProgress {
  papers: number;
  signals: number;
  /** Subscribers and reactions copied so far (they are re-copied in full on every run; see below). */
  subscribers: number;
  reactions: number;
  /** Source totals when the copy started (what "done" means for a progress bar). */
  totalPapers: number;
  totalSignals: number;
}

export interface CopyOptions {
  /** Names the source in the checkpoint, e.g. its URL without password. */
  source: string;
  /** Papers or signals per target transaction (default 1,000). */
  batchSize?: number;
  onProgress?: (p: CopyProgress) => void;
}

export interface CopyResult extends CopyProgress {
  /** True when a checkpoint from an earlier run was found and the copy continued from it. */
  resumed: boolean;
  /** Papers the target did not have before. */
  inserted: number;
}

/** Copies every paper, signal observation, subscriber and reaction of `from` into `to`; verifies the counts. */
export async function copyStore(from: Store, to: Store, options: CopyOptions): Promise<CopyResult> {
  const batchSize = options.batchSize ?? 1000;
  const saved = await to.getMeta(checkpointKey);
  const at: Checkpoint = saved
    ? (JSON.parse(saved) as Checkpoint)
    : { source: options.source, paperSeq: 0, signalId: 0 };
  if (at.source !== options.source) {
    throw new StoreError(
      `The target already holds a copy of ${at.source}, not of ${options.source}; copy into an empty database.`,
    );
  }
  if (!saved && (await to.paperCount()) > 0) {
    throw new StoreError(
      'The target database already holds papers; copy into an empty database so the counts can be verified.',
    );
  }
  const progress: CopyProgress = {
    papers: 0,
    signals: 0,
    subscribers: 0,
    reactions: 0,
    totalPapers: await from.paperCount(),
    totalSignals: await from.signalCount(),
  };
  let inserted = 0;
  const save = () => to.setMeta(checkpointKey, JSON.stringify(at));

  // Papers first: signals refer to them.
  for (;;) {
    const page = await from.papersChangedSince(at.paperSeq, batchSize);
    if (page.length === 0) break;
    const { outcomes } = await to.importBatch({ papers: page.map((c) => c.paper), signals: [] });
    inserted += outcomes.filter((o) => o === 'inserted').length;
    at.paperSeq = page.at(-1)!.seq;
    progress.papers += page.length;
    // Only after the batch committed: a crash in between re-copies one batch, which changes nothing.
    await save();
    options.onProgress?.({ ...progress });
  }
  for (;;) {
    const page = await from.signalsAfter(at.signalId, batchSize);
    if (page.length === 0) break;
    await to.importBatch({ papers: [], signals: page.map((s) => s.signal) });
    at.signalId = page.at(-1)!.id;
    progress.signals += page.length;
    await save();
    options.onProgress?.({ ...progress });
  }

  // Subscribers and their reactions: few next to signals, and they change in place (preferences, status), which
  // no cursor follows, so every run copies them all again; both writes are idempotent upserts by address.
  const now = new Date();
  for (let afterId = 0; ;) {
    const page = await from.listSubscribers({ afterId, limit: batchSize });
    if (page.length === 0) break;
    await to.importSubscribers(
      page.map((s) => ({
        email: s.email,
        status: s.status,
        preferences: s.preferences,
        suppressed: s.suppressed,
        createdAt: s.createdAt,
        confirmedAt: s.confirmedAt,
      })),
      now,
    );
    afterId = page.at(-1)!.id;
    progress.subscribers += page.length;
    options.onProgress?.({ ...progress });
  }
  for (let after: ReactionKey | undefined; ;) {
    const page = await from.reactionsAfter(after, batchSize);
    if (page.length === 0) break;
    await to.importReactions(page);
    after = page.at(-1)!;
    progress.reactions += page.length;
    options.onProgress?.({ ...progress });
  }

  const subscriberTotal = async (s: Store) =>
    Object.entries(await s.subscriberCounts())
      .filter(([k]) => k !== 'suppressed')
      .reduce((sum, [, v]) => sum + v, 0);
  const counts = {
    papers: [await from.paperCount(), await to.paperCount()],
    signals: [await from.signalCount(), await to.signalCount()],
    subscribers: [await subscriberTotal(from), await subscriberTotal(to)],
    reactions: [await from.reactionCount(), await to.reactionCount()],
  };
  for (const [what, [source, target]] of Object.entries(counts)) {
    if (source !== target) {
      throw new StoreError(
        `The copy does not match: the source has ${source} ${what}, the target ${target}. ` +
          'Stop writers to the source (serve, workers, imports) and run the copy again.',
      );
    }
  }
  return { ...progress, resumed: saved !== undefined, inserted };
}
