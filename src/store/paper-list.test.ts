// The paper-listing part of the store contract, on both backends: newest-first lists with every filter and
// keyset cursors (checked against a plain filter over the inputs), category counts, the author directory, and
// the migration backfill of paper_authors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type { PaperInput } from '../model/paper.js';
import type { Store } from './store.js';
import type { PaperListQuery } from './paper-list-store.js';
import { backfillAuthors } from './author-rows.js';
import { backends, tempStore, type TempStore } from '../../test/helpers/store.js';
import { paper } from '../../test/helpers/papers.js';

const days = ['2025-09-24', '2025-09-25', '2025-09-26', '2025-09-29', '2025-09-30'];
const cats = ['cs.LG', 'cs.CL', 'cs.CV', 'stat.ML'];
const people = ['Ada Lovelace', 'Émile Borel', 'Alan Turing', 'Grace Hopper', 'Alonzo Church'];

/** 60 papers whose days, categories, authors and code links vary independently. */
const inputs: PaperInput[] = Array.from({ length: 60 }, (_, i) => {
  const id = `2509.${String(10000 + i * 7).padStart(5, '0')}`;
  return paper(id, {
    firstSeen: days[i % days.length]!,
    categories: i % 3 === 0 ? [cats[i % 4]!, 'cs.AI'] : [cats[i % 4]!],
    primaryCategory: cats[i % 4]!,
    authors: [people[i % 5]!, people[(i * 2 + 1) % 5]!, `Solo Author ${i}`],
    codeUrls: i % 4 === 0 ? [`https://github.com/org/repo${i}`] : [],
  });
});

/** What a newest-first list with these filters must hold, computed without SQL. */
function expected(q: Omit<PaperListQuery, 'limit' | 'after'>): string[] {
  return inputs
    .filter(
      (p) =>
        (!q.category || p.categories.includes(q.category)) &&
        (!q.author || p.authors.includes(q.author)) &&
        (q.hasCode === undefined || p.codeUrls.length > 0 === q.hasCode) &&
        (!q.from || p.firstSeen! >= q.from) &&
        (!q.to || p.firstSeen! <= q.to),
    )
    .sort((a, b) =>
      a.firstSeen === b.firstSeen ? (a.id < b.id ? 1 : -1) : a.firstSeen! < b.firstSeen! ? 1 : -1,
    )
    .map((p) => p.id);
}

describe.each(backends)('%s store: paper lists', (backend) => {
  let t: TempStore;
  let store: Store;
  beforeAll(async () => {
    t = await tempStore(backend);
    store = t.store;
    await store.importBatch({ papers: inputs, signals: [] });
  });
  afterAll(() => t?.cleanup());

  /** Every page of a filtered list, following cursors, 7 at a time. */
  async function allPages(q: Omit<PaperListQuery, 'limit' | 'after'>): Promise<string[]> {
    const ids: string[] = [];
    let after: PaperListQuery['after'];
    for (let pages = 0; pages < 50; pages++) {
      const page = await store.listPapers({ ...q, limit: 7, after });
      ids.push(...page.map((p) => p.id));
      if (page.length < 7) break;
      const last = page.at(-1)!;
      after = { firstSeen: last.firstSeen, id: last.id };
    }
    return ids;
  }

  it.each<[string, Omit<PaperListQuery, 'limit' | 'after'>]>([
    ['no filter', {}],
    ['category', { category: 'cs.CL' }],
    ['cross-listed category', { category: 'cs.AI' }],
    ['author', { author: 'Émile Borel' }],
    ['has code', { hasCode: true }],
    ['without code', { hasCode: false }],
    ['date range', { from: '2025-09-25', to: '2025-09-29' }],
    ['everything at once', { category: 'cs.LG', author: 'Ada Lovelace', hasCode: true, from: '2025-09-25' }],
    ['author and category', { author: 'Alan Turing', category: 'cs.AI', to: '2025-09-29' }],
    ['nothing matches', { category: 'q-bio.NC' }],
  ])('lists %s newest first, and cursors page through without gaps or repeats', async (_, q) => {
    const want = expected(q);
    expect(await allPages(q)).toEqual(want);
    const first = await store.listPapers({ ...q, limit: 3 });
    expect(first.map((p) => p.id)).toEqual(want.slice(0, 3));
  });

  it('keeps category and author rows in step when a paper changes', async () => {
    const p = inputs[1]!;
    await store.importBatch({
      papers: [{ ...p, source: 'arxiv-api', authors: ['New Person'], categories: ['q-bio.NC'] }],
      signals: [],
    });
    expect((await store.listPapers({ category: 'q-bio.NC', limit: 10 })).map((x) => x.id)).toEqual([p.id]);
    expect((await store.listPapers({ author: 'New Person', limit: 10 })).map((x) => x.id)).toEqual([p.id]);
    expect((await store.listPapers({ author: p.authors[2]!, limit: 10 })).map((x) => x.id)).toEqual([]);
    expect((await store.papersByAuthor('New Person', 10, 0)).map((x) => x.id)).toEqual([p.id]);
    await store.importBatch({ papers: [{ ...p, source: 'arxiv-api' }], signals: [] });
  });

  it('counts papers per category, most first', async () => {
    const counts = await store.categoryCounts();
    const want = new Map<string, number>();
    for (const p of inputs) for (const c of new Set(p.categories)) want.set(c, (want.get(c) ?? 0) + 1);
    expect(counts).toEqual(
      [...want]
        .map(([category, papers]) => ({ category, papers }))
        .sort((a, b) => b.papers - a.papers || (a.category < b.category ? -1 : 1)),
    );
  });

  it('looks authors up by prefix, ignoring case and accents, most papers first', async () => {
    const count = (name: string) => inputs.filter((p) => p.authors.includes(name)).length;
    const al = [
      { name: 'Alan Turing', papers: count('Alan Turing') },
      { name: 'Alonzo Church', papers: count('Alonzo Church') },
    ].sort((a, b) => b.papers - a.papers || (a.name < b.name ? -1 : 1));
    expect(await store.authorsByPrefix('al', 10)).toEqual(al);
    expect(await store.authorsByPrefix('EMILE', 10)).toEqual([
      { name: 'Émile Borel', papers: count('Émile Borel') },
    ]);
    expect(await store.authorsByPrefix('solo author 1', 3)).toEqual([
      { name: 'Solo Author 1', papers: 1 },
      { name: 'Solo Author 10', papers: 1 },
      { name: 'Solo Author 11', papers: 1 },
    ]);
    expect(await store.authorsByPrefix('zzz', 10)).toEqual([]);
    expect(await store.authorsByPrefix('   ', 10)).toEqual([]);
  });

  it('summarises an author: count, dates, categories and co-authors', async () => {
    const s = await store.authorSummary('Grace Hopper');
    const mine = inputs.filter((p) => p.authors.includes('Grace Hopper'));
    expect(s).toMatchObject({
      name: 'Grace Hopper',
      papers: mine.length,
      firstSeen: mine.map((p) => p.firstSeen).sort()[0],
      lastSeen: mine
        .map((p) => p.firstSeen)
        .sort()
        .at(-1),
    });
    expect(s!.categories.reduce((n, c) => n + c.papers, 0)).toBe(
      mine.reduce((n, p) => n + new Set(p.categories).size, 0),
    );
    expect(s!.coauthors[0]!.papers).toBeGreaterThan(1);
    expect(s!.coauthors.map((c) => c.name)).not.toContain('Grace Hopper');
    expect(await store.authorSummary('Nobody')).toBeUndefined();
  });

  it('the migration backfill rebuilds paper_authors from the papers', async () => {
    const db =
      backend === 'sqlite'
        ? new Kysely<unknown>({
            dialect: new SqliteDialect({ database: new Database(t.url.slice('sqlite:'.length)) }),
          })
        : new Kysely<unknown>({
            dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: t.url, max: 1 }) }),
          });
    try {
      const before = await store.authorsByPrefix('a', 50);
      await sql`delete from paper_authors`.execute(db);
      expect(await store.authorsByPrefix('a', 50)).toEqual([]);
      await backfillAuthors(db);
      expect(await store.authorsByPrefix('a', 50)).toEqual(before);
      expect(await allPages({ author: 'Émile Borel' })).toEqual(expected({ author: 'Émile Borel' }));
    } finally {
      await db.destroy();
    }
  });
});
