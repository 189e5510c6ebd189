// The embeddings SQL both backends share (Kysely compiles it per dialect); see vector-store.ts for the contract.
import type { Kysely, Selectable } from 'kysely';
import type { Database, EmbeddingModelsTable } from './schema.js';
import type { EmbeddingModelRecord, StoredVector } from './vector-store.js';
import { chunks } from './rows.js';

/** The meta key naming the active model. */
const ACTIVE = 'search.embedding_model';

const toModel = (r: Selectable<EmbeddingModelsTable>): EmbeddingModelRecord => ({
  id: r.id,
  kind: r.kind,
  dimension: Number(r.dimension),
  settings: JSON.parse(r.settings) as unknown,
  papers: Number(r.papers),
  cursor: Number(r.cursor),
  createdAt: r.created_at,
});

const modelColumns = ['id', 'kind', 'dimension', 'settings', 'papers', 'cursor', 'created_at'] as const;

const toVector = (r: { paper_id: string; paper_seq: number; vector: Uint8Array }): StoredVector => ({
  paperId: r.paper_id,
  paperSeq: Number(r.paper_seq),
  vector: r.vector,
});

/** Weights are written in parts of this size, yielding between them (SQLite writes block the event loop). */
const PART = 1 << 20;
const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function saveEmbeddingModel(
  db: Kysely<Database>,
  m: EmbeddingModelRecord,
  data: Uint8Array | null,
): Promise<void> {
  const exists = await db
    .selectFrom('embedding_models')
    .select('id')
    .where('id', '=', m.id)
    .executeTakeFirst();
  if (exists) return;
  // The row first (the parts' foreign key needs it), then the parts. Readers only load the active model, which
  // is set after the weights and vectors are written. Concurrent savers of one model write identical parts
  // (the id is a hash of them), so their conflicts are harmless.
  const parts = data ? Math.ceil(data.byteLength / PART) : 0;
  await db
    .insertInto('embedding_models')
    .values({
      id: m.id,
      kind: m.kind,
      dimension: m.dimension,
      settings: JSON.stringify(m.settings ?? {}),
      papers: m.papers,
      cursor: m.cursor,
      created_at: m.createdAt,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  for (let p = 0; data && p < parts; p++) {
    const chunk = data.subarray(p * PART, Math.min(data.byteLength, (p + 1) * PART));
    await db
      .insertInto('embedding_model_parts')
      .values({
        model_id: m.id,
        part: p,
        data: Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength),
      })
      .onConflict((oc) => oc.columns(['model_id', 'part']).doNothing())
      .execute();
    await pause();
  }
}

export async function embeddingModel(db: Kysely<Database>, id: string) {
  const r = await db.selectFrom('embedding_models').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) return undefined;
  const parts: Uint8Array[] = [];
  for (let p = 0; ; p++) {
    const row = await db
      .selectFrom('embedding_model_parts')
      .select('data')
      .where('model_id', '=', id)
      .where('part', '=', p)
      .executeTakeFirst();
    if (!row) break;
    parts.push(row.data);
    await pause();
  }
  const data = parts.length ? Buffer.concat(parts) : null;
  return { model: toModel(r), data };
}

export async function setActiveEmbeddingModel(db: Kysely<Database>, id: string | null): Promise<void> {
  if (id === null) {
    await db.deleteFrom('meta').where('key', '=', ACTIVE).execute();
    return;
  }
  await db
    .insertInto('meta')
    .values({ key: ACTIVE, value: id })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: id }))
    .execute();
}

export async function activeEmbeddingModel(db: Kysely<Database>) {
  const r = await db
    .selectFrom('meta')
    .innerJoin('embedding_models as m', 'm.id', 'meta.value')
    .select(modelColumns.map((c) => `m.${c}` as const))
    .where('meta.key', '=', ACTIVE)
    .executeTakeFirst();
  return r ? toModel(r) : undefined;
}

export async function putVectors(db: Kysely<Database>, modelId: string, vectors: StoredVector[]) {
  // ~130 bytes a row: 500 rows keep each statement well under both databases' parameter limits.
  for (const part of chunks(vectors, 500)) {
    // Only papers that exist: the foreign key would otherwise fail the whole batch for one deleted paper.
    const known = new Set(
      (
        await db
          .selectFrom('papers')
          .select('id')
          .where(
            'id',
            'in',
            part.map((v) => v.paperId),
          )
          .execute()
      ).map((r) => r.id),
    );
    const rows = part
      .filter((v) => known.has(v.paperId))
      .map((v) => ({
        model_id: modelId,
        paper_id: v.paperId,
        paper_seq: v.paperSeq,
        vector: Buffer.from(v.vector.buffer, v.vector.byteOffset, v.vector.byteLength),
      }));
    if (rows.length === 0) continue;
    await db
      .insertInto('paper_vectors')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['model_id', 'paper_id']).doUpdateSet((eb) => ({
          paper_seq: eb.ref('excluded.paper_seq'),
          vector: eb.ref('excluded.vector'),
        })),
      )
      .execute();
  }
}

export async function vectorsAfter(db: Kysely<Database>, modelId: string, after: string, limit: number) {
  const rows = await db
    .selectFrom('paper_vectors')
    .select(['paper_id', 'paper_seq', 'vector'])
    .where('model_id', '=', modelId)
    .where('paper_id', '>', after)
    .orderBy('paper_id')
    .limit(limit)
    .execute();
  return rows.map(toVector);
}

export async function vectorsFor(db: Kysely<Database>, modelId: string, ids: string[]) {
  const out: StoredVector[] = [];
  for (const part of chunks(ids, 1000)) {
    const rows = await db
      .selectFrom('paper_vectors')
      .select(['paper_id', 'paper_seq', 'vector'])
      .where('model_id', '=', modelId)
      .where('paper_id', 'in', part)
      .execute();
    out.push(...rows.map(toVector));
  }
  return out;
}

export async function vectorCount(db: Kysely<Database>, modelId: string): Promise<number> {
  const r = await db
    .selectFrom('paper_vectors')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('model_id', '=', modelId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function deleteEmbeddingModel(db: Kysely<Database>, id: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const active = await trx.selectFrom('meta').select('value').where('key', '=', ACTIVE).executeTakeFirst();
    if (active?.value === id) return false;
    // Vectors first: SQLite enforces the cascade only with foreign keys on; being explicit works either way.
    await trx.deleteFrom('paper_vectors').where('model_id', '=', id).execute();
    await trx.deleteFrom('embedding_model_parts').where('model_id', '=', id).execute();
    const r = await trx.deleteFrom('embedding_models').where('id', '=', id).executeTakeFirst();
    return r.numDeletedRows > 0n;
  });
}

export async function embeddingModels(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('embedding_models')
    .select([...modelColumns])
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(toModel);
}
