// The trending SQL both backends share (Kysely compiles it per dialect): inputs for the recompute job, the
// precomputed score table, and the page-view dedup table. No ranking maths here: scores come from rank/score.ts.
import type { Kysely, Selectable } from 'kysely';
import type { SignalKind } from '../model/paper.js';
import type { Database, TrendingScoresTable } from './schema.js';
import { chunks, ROWS_PER_INSERT } from './rows.js';
import type {
  RecomputeCursor,
  ScoreDetail,
  TrendingInput,
  TrendingPageQuery,
  TrendingScoreRow,
} from './trending-store.js';

type Db = Kysely<Database>;

const toRow = (r: Selectable<TrendingScoresTable>): TrendingScoreRow => ({
  paperId: r.paper_id,
  firstSeen: r.first_seen,
  primaryCategory: r.primary_category,
  hasCode: Number(r.has_code) === 1,
  scoreTrending: Number(r.score_trending),
  pointsWindow: Number(r.points_window),
  pointsAll: Number(r.points_all),
  detail: JSON.parse(r.detail) as ScoreDetail,
  asOf: r.as_of,
  computedAt: r.computed_at,
});

/** Paper ids after `afterId` in id order. */
export async function paperIdsAfter(db: Db, afterId: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('papers')
    .select('id')
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Papers with their observations up to `asOf`, in the order given. */
export async function trendingInputs(db: Db, ids: string[], asOf: string): Promise<TrendingInput[]> {
  const out = new Map<string, TrendingInput>();
  for (const part of chunks([...new Set(ids)], ROWS_PER_INSERT * 2)) {
    const papers = await db
      .selectFrom('papers')
      .select(['id', 'first_seen', 'primary_category', 'code_urls'])
      .where('id', 'in', part)
      .execute();
    for (const p of papers) {
      out.set(p.id, {
        id: p.id,
        firstSeen: p.first_seen,
        primaryCategory: p.primary_category,
        hasCode: (JSON.parse(p.code_urls) as string[]).length > 0,
        observations: [],
      });
    }
    const signals = await db
      .selectFrom('signals')
      .select(['paper_id', 'kind', 'value', 'observed_at'])
      .where('paper_id', 'in', part)
      .where('observed_at', '<=', asOf)
      .orderBy('paper_id')
      .orderBy('kind')
      .orderBy('observed_at')
      .orderBy('id')
      .execute();
    for (const s of signals) {
      out.get(s.paper_id)?.observations.push({
        kind: s.kind as SignalKind,
        value: Number(s.value),
        observedAt: s.observed_at,
      });
    }
  }
  return ids.flatMap((id) => out.get(id) ?? []);
}

/** Papers changed since the cursor: by paper change sequence, and by signal recorded_at (one page of each). */
export async function trendingChangedSince(
  db: Db,
  cursor: RecomputeCursor,
  limit: number,
): Promise<{ ids: string[]; cursor: RecomputeCursor }> {
  const papers = await db
    .selectFrom('papers')
    .select(['id', 'change_seq'])
    .where('change_seq', '>', cursor.seq)
    .orderBy('change_seq')
    .limit(limit)
    .execute();
  // An import batch stamps all its rows with one recorded_at, so a page must end on a whole timestamp: find the
  // limit-th row's stamp, then take every row up to and including it.
  const boundary = await db
    .selectFrom('signals')
    .select('recorded_at')
    .where('recorded_at', '>', cursor.recordedAt)
    .orderBy('recorded_at')
    .limit(1)
    .offset(limit - 1)
    .executeTakeFirst();
  let signalQuery = db
    .selectFrom('signals')
    .select((eb) => ['paper_id', eb.fn.max('recorded_at').as('last')])
    .where('recorded_at', '>', cursor.recordedAt)
    .groupBy('paper_id');
  if (boundary) signalQuery = signalQuery.where('recorded_at', '<=', boundary.recorded_at);
  const signals = await signalQuery.execute();
  const ids = new Set([...papers.map((p) => p.id), ...signals.map((s) => s.paper_id)]);
  const lastSeen = signals.reduce<string>((m, s) => (String(s.last) > m ? String(s.last) : m), '');
  return {
    ids: [...ids],
    cursor: {
      seq: papers.length ? Number(papers[papers.length - 1]!.change_seq) : cursor.seq,
      recordedAt: boundary?.recorded_at ?? (lastSeen || cursor.recordedAt),
    },
  };
}

/** Papers whose scores change with time alone: recently listed, recently observed, or trending now. */
export async function trendingDecayIds(db: Db, sinceDay: string, sinceObserved: string): Promise<string[]> {
  const rows = await db
    .selectFrom('papers')
    .select('id')
    .where('first_seen', '>=', sinceDay)
    .union(db.selectFrom('signals').select('paper_id as id').where('observed_at', '>=', sinceObserved))
    .union(db.selectFrom('trending_scores').select('paper_id as id').where('score_trending', '>', 0))
    .execute();
  return rows.map((r) => r.id);
}

/** Inserts or replaces score rows, in chunks. */
export async function saveTrendingScores(db: Db, rows: TrendingScoreRow[]): Promise<void> {
  for (const part of chunks(rows, 200)) {
    await db
      .insertInto('trending_scores')
      .values(
        part.map((r) => ({
          paper_id: r.paperId,
          first_seen: r.firstSeen,
          primary_category: r.primaryCategory,
          has_code: r.hasCode ? 1 : 0,
          score_trending: r.scoreTrending,
          points_window: r.pointsWindow,
          points_all: r.pointsAll,
          detail: JSON.stringify(r.detail),
          as_of: r.asOf,
          computed_at: r.computedAt,
        })),
      )
      .onConflict((oc) =>
        oc.column('paper_id').doUpdateSet((eb) => ({
          first_seen: eb.ref('excluded.first_seen'),
          primary_category: eb.ref('excluded.primary_category'),
          has_code: eb.ref('excluded.has_code'),
          score_trending: eb.ref('excluded.score_trending'),
          points_window: eb.ref('excluded.points_window'),
          points_all: eb.ref('excluded.points_all'),
          detail: eb.ref('excluded.detail'),
          as_of: eb.ref('excluded.as_of'),
          computed_at: eb.ref('excluded.computed_at'),
        })),
      )
      .execute();
  }
}

const orderColumn = {
  trending: 't.score_trending',
  window: 't.points_window',
  all: 't.points_all',
} as const;

/** One page of a view over a slice, and the slice's size. */
export async function trendingPage(
  db: Db,
  q: TrendingPageQuery,
): Promise<{ total: number; rows: TrendingScoreRow[] }> {
  const anyCategory = q.category !== undefined && q.categoryMatch !== 'primary';
  const slice = (joinCategory: boolean) => {
    let b = db.selectFrom('trending_scores as t');
    if (anyCategory && joinCategory) {
      b = b.innerJoin('paper_categories as pc', (j) =>
        j.onRef('pc.paper_id', '=', 't.paper_id').on('pc.category', '=', q.category!),
      );
    }
    let f = b
      .$if(anyCategory && !joinCategory, (x) =>
        x.where((eb) =>
          eb.exists(
            eb
              .selectFrom('paper_categories as pc')
              .select('pc.paper_id')
              .whereRef('pc.paper_id', '=', 't.paper_id')
              .where('pc.category', '=', q.category!),
          ),
        ),
      )
      .$if(q.category !== undefined && q.categoryMatch === 'primary', (x) =>
        x.where('t.primary_category', '=', q.category!),
      );
    if (q.hasCode !== undefined) f = f.where('t.has_code', '=', q.hasCode ? 1 : 0);
    if (q.from) f = f.where('t.first_seen', '>=', q.from);
    if (q.to) f = f.where('t.first_seen', '<=', q.to);
    // The trending view lists what is moving now; papers with nothing recent (score 0) are not trending.
    if (q.order === 'trending') f = f.where('t.score_trending', '>', 0);
    return f;
  };
  // Rows: EXISTS lets the planner walk the order's index and stop at the page. Count: for all time (every paper)
  // the category's own index is the smaller side, so it drives; otherwise the scored rows are.
  const count =
    q.withTotal === false
      ? { n: -1 }
      : await slice(q.order === 'all')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
  const rows = await slice(false)
    .selectAll('t')
    .orderBy(orderColumn[q.order], 'desc')
    // Ties (common among papers with the prior only) go to the newer paper, then by id for a stable order.
    .orderBy('t.first_seen', 'desc')
    .orderBy('t.paper_id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  return { total: Number(count.n), rows: rows.map(toRow) };
}

/** Score rows of these papers, in the order given. */
export async function trendingScoresFor(db: Db, ids: string[]): Promise<TrendingScoreRow[]> {
  const byId = new Map<string, TrendingScoreRow>();
  for (const part of chunks([...new Set(ids)], ROWS_PER_INSERT * 2)) {
    const rows = await db.selectFrom('trending_scores').selectAll().where('paper_id', 'in', part).execute();
    for (const r of rows) byId.set(r.paper_id, toRow(r));
  }
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Paper ids in trending or all-time order. */
export async function trendingRankedIds(db: Db, order: 'trending' | 'all', limit: number): Promise<string[]> {
  const column = order === 'trending' ? 'score_trending' : 'points_all';
  const rows = await db
    .selectFrom('trending_scores')
    .select('paper_id')
    .$if(order === 'trending', (q) => q.where('score_trending', '>', 0))
    .orderBy(column, 'desc')
    .orderBy('first_seen', 'desc')
    .orderBy('paper_id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.paper_id);
}

/** Row count and newest as_of / computed_at of the score table. */
export async function trendingStatus(db: Db) {
  const r = await db
    .selectFrom('trending_scores')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.max('as_of').as('as_of'),
      eb.fn.max('computed_at').as('computed_at'),
    ])
    .executeTakeFirstOrThrow();
  return {
    rows: Number(r.n),
    asOf: (r.as_of as string | null) ?? undefined,
    computedAt: (r.computed_at as string | null) ?? undefined,
  };
}

/** Records views once per (paper, day, visitor); returns the new totals of papers that gained a view. */
export async function recordPaperViews(
  db: Db,
  views: { paperId: string; day: string; visitor: string }[],
): Promise<{ paperId: string; total: number }[]> {
  if (views.length === 0) return [];
  return db.transaction().execute(async (trx) => {
    const known = new Set<string>();
    for (const part of chunks([...new Set(views.map((v) => v.paperId))], ROWS_PER_INSERT)) {
      const rows = await trx.selectFrom('papers').select('id').where('id', 'in', part).execute();
      for (const r of rows) known.add(r.id);
    }
    const gained = new Set<string>();
    for (const part of chunks(
      views.filter((v) => known.has(v.paperId)),
      ROWS_PER_INSERT,
    )) {
      const inserted = await trx
        .insertInto('paper_views')
        .values(part.map((v) => ({ paper_id: v.paperId, day: v.day, visitor: v.visitor })))
        .onConflict((oc) => oc.columns(['paper_id', 'day', 'visitor']).doNothing())
        .returning('paper_id')
        .execute();
      for (const r of inserted) gained.add(r.paper_id);
    }
    if (gained.size === 0) return [];
    const counts = await trx
      .selectFrom('paper_views')
      .select((eb) => ['paper_id', eb.fn.countAll<number>().as('n')])
      .where('paper_id', 'in', [...gained])
      .groupBy('paper_id')
      .execute();
    return counts.map((c) => ({ paperId: c.paper_id, total: Number(c.n) }));
  });
}
