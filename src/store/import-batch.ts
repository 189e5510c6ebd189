// The import write path, shared by both backends: merge each paper with what is stored (model/merge.ts), write
// what changed with fresh change sequence numbers, record signal observations. Dialect-independent Kysely only;
// the caller owns the transaction and the change cursor (PostgreSQL locks it first, see KyselyStore.importBatch).
import type { Kysely, Transaction } from 'kysely';
import type { Paper, Signal, UpsertOutcome } from '../model/paper.js';
import { mergePaper, paperHash } from '../model/merge.js';
import type { Database } from './schema.js';
import type { ImportBatch, ImportBatchResult } from './store.js';
import { chunks, ROWS_PER_INSERT, toPaper, toRow } from './rows.js';
import { authorRows } from './author-rows.js';

/** Writes one batch inside `trx`, numbering changes after `seq`; returns the result and the last seq used. */
export async function writeBatch(
  trx: Transaction<Database>,
  batch: ImportBatch,
  seq: number,
): Promise<{ result: ImportBatchResult; seq: number }> {
  const papers = await upsertPapers(trx, batch.papers, seq);
  const signalsChanged = await insertSignals(trx, batch.signals);
  // Signals move rankings, so a batch that changed any advances the change cursor too.
  return {
    result: { outcomes: papers.outcomes, signalsChanged },
    seq: papers.seq + (signalsChanged > 0 ? 1 : 0),
  };
}

/**
 * The change cursor as it stands inside `trx`. With `lock` (PostgreSQL) the row is locked until commit, so
 * concurrent writers queue here: see KyselyStore.locksChangeSeq for why.
 */
export async function readChangeSeq(trx: Transaction<Database>, lock: boolean): Promise<number> {
  const row = await trx
    .selectFrom('meta')
    .select('value')
    .where('key', '=', 'change_seq')
    .$if(lock, (q) => q.forUpdate())
    .executeTakeFirst();
  return Number(row?.value ?? 0);
}

/** Moves the change cursor to `seq` inside `trx`. */
export async function writeChangeSeq(trx: Transaction<Database>, seq: number): Promise<void> {
  await trx
    .updateTable('meta')
    .set({ value: String(seq) })
    .where('key', '=', 'change_seq')
    .execute();
}

/**
 * Records signal observations inside a caller's transaction (e.g. a reader's upvote with its new total) and
 * advances the change cursor when any changed, exactly as an import does; returns how many changed.
 */
export async function commitSignals(
  trx: Transaction<Database>,
  signals: Signal[],
  lock: boolean,
): Promise<number> {
  const seq = await readChangeSeq(trx, lock);
  const written = await writeBatch(trx, { papers: [], signals }, seq);
  if (written.seq !== seq) await writeChangeSeq(trx, written.seq);
  return written.result.signalsChanged;
}

/**
 * A reader's action on a paper whose new total becomes a signal (upvote, save, digest click): runs `act` in one
 * transaction that first takes the change-cursor lock, so concurrent actions (any process) queue and the totals
 * recorded never go backwards. Undefined, with nothing written, when the paper or the subscriber is unknown.
 */
export async function readerActsOnPaper<T>(
  db: Kysely<Database>,
  lock: boolean,
  subscriberId: number,
  paperId: string,
  act: (trx: Transaction<Database>) => Promise<T>,
): Promise<T | undefined> {
  return db.transaction().execute(async (trx) => {
    await readChangeSeq(trx, lock);
    const paper = await trx.selectFrom('papers').select('id').where('id', '=', paperId).executeTakeFirst();
    const reader = await trx
      .selectFrom('subscribers')
      .select('id')
      .where('id', '=', subscriberId)
      .executeTakeFirst();
    return paper && reader ? act(trx) : undefined;
  });
}

async function upsertPapers(
  trx: Transaction<Database>,
  inputs: ImportBatch['papers'],
  startSeq: number,
): Promise<{ outcomes: UpsertOutcome[]; seq: number }> {
  if (inputs.length === 0) return { outcomes: [], seq: startSeq };
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
  let seq = startSeq;

  // A batch may hold the same paper twice (e.g. two Hugging Face days): merge in order, write once.
  // Each record's outcome says what *it* did, so a second record that adds nothing is "unchanged".
  const outcomes: UpsertOutcome[] = [];
  const dirty = new Map<string, Paper>();
  for (const raw of inputs) {
    const input = { ...raw, published: canonicalTime(raw.published), updated: canonicalTime(raw.updated) };
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
  await replaceCategories(trx, [...dirty.values()]);
  await replaceAuthors(trx, [...dirty.values()]);
  return { outcomes, seq };
}

/** Keeps paper_categories in step with the changed papers' category lists. */
async function replaceCategories(trx: Transaction<Database>, changed: Paper[]): Promise<void> {
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
      [...new Set(p.categories)].map((category) => ({
        category,
        paper_id: p.id,
        first_seen: p.firstSeen,
      })),
    );
    for (const c of chunks(cats, ROWS_PER_INSERT * 4))
      await trx.insertInto('paper_categories').values(c).execute();
  }
}

/** Keeps paper_authors (author pages and the author directory) in step with the changed papers' authors. */
async function replaceAuthors(trx: Transaction<Database>, changed: Paper[]): Promise<void> {
  for (const part of chunks(changed, ROWS_PER_INSERT)) {
    await trx
      .deleteFrom('paper_authors')
      .where(
        'paper_id',
        'in',
        part.map((p) => p.id),
      )
      .execute();
    const rows = part.flatMap(authorRows);
    for (const r of chunks(rows, ROWS_PER_INSERT * 2))
      await trx.insertInto('paper_authors').values(r).execute();
  }
}

/** Records the observations; returns how many were new or corrected a stored value. */
async function insertSignals(trx: Transaction<Database>, signals: Signal[]): Promise<number> {
  if (signals.length === 0) return 0;
  const recordedAt = new Date().toISOString();
  let changed = 0;
  const canonical = signals.map((s) => ({ ...s, observedAt: canonicalTime(s.observedAt) }));
  for (const part of chunks(lastPerObservation(canonical), ROWS_PER_INSERT)) {
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
  return changed;
}

/**
 * One signal per observation key, the batch's last value winning (as row-by-row upserts would). PostgreSQL
 * refuses an INSERT … ON CONFLICT that touches the same row twice, so duplicates must not share a statement.
 */
function lastPerObservation(signals: Signal[]): Signal[] {
  const byKey = new Map<string, Signal>();
  for (const s of signals) {
    byKey.set(JSON.stringify([s.paperId, s.kind, s.observedAt, s.source]), s);
  }
  return byKey.size === signals.length ? signals : [...byKey.values()];
}

/**
 * A timestamp as toISOString() writes it ('2026-01-02T03:04:05.000Z'). PostgreSQL stores instants and gives them
 * back in that form; SQLite keeps text as given. Writing the one form on both keeps what callers read back, content
 * hashes and observation keys ('…05Z' and '…05.000Z' are one moment) the same on either backend.
 */
function canonicalTime<T extends string | null>(iso: T): T {
  if (iso === null) return iso;
  const t = Date.parse(iso);
  // Edges validate timestamps; anything unparsable is left for the database to refuse or keep, as before.
  return (Number.isFinite(t) ? new Date(t).toISOString() : iso) as T;
}
