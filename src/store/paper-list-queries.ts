// SQL of the paper-listing facet (paper-list-store.ts), the same on both backends (Kysely compiles it per
// dialect). Each list is driven by the narrowest index that keeps listing order: an author's rows, a category's
// rows, or the papers' (first_seen, id) index, so a page costs an index range scan of about `limit` rows
// whatever the table size. Keyset conditions are row values, which both databases turn into one range.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Paper } from '../model/paper.js';
import { authorKey, prefixEnd } from '../model/author-key.js';
import type { Database } from './schema.js';
import { toPaper } from './rows.js';
import type { AuthorCount, AuthorSummary, CategoryCount, PaperListQuery } from './paper-list-store.js';

// Written as literals (not parameters) so that the planner can match the partial index papers_code_day_id.
const hasCodeSql = sql<boolean>`p.code_urls <> '[]'`;
const noCodeSql = sql<boolean>`p.code_urls = '[]'`;

/** Papers matching `q`, newest first; see PaperListStore.listPapers. */
export async function listPapers(db: Kysely<Database>, q: PaperListQuery): Promise<Paper[]> {
  // The driving rows: their (day, id) columns carry the order and the cursor.
  const driver: 'author' | 'category' | 'papers' = q.author ? 'author' : q.category ? 'category' : 'papers';
  const day = sql.ref(driver === 'papers' ? 'p.first_seen' : 'd.first_seen');
  const id = sql.ref(driver === 'papers' ? 'p.id' : 'd.paper_id');
  const conditions: RawBuilder<boolean>[] = [];
  if (q.from) conditions.push(sql<boolean>`${day} >= ${q.from}`);
  if (q.to) conditions.push(sql<boolean>`${day} <= ${q.to}`);
  if (q.after) conditions.push(sql<boolean>`(${day}, ${id}) < (${q.after.firstSeen}, ${q.after.id})`);
  if (q.hasCode !== undefined) conditions.push(q.hasCode ? hasCodeSql : noCodeSql);
  if (q.category && driver !== 'category') {
    conditions.push(
      sql<boolean>`exists (select 1 from paper_categories c where c.category = ${q.category} and c.paper_id = p.id)`,
    );
  }
  const base =
    driver === 'author'
      ? db
          .selectFrom('paper_authors as d')
          .innerJoin('papers as p', 'p.id', 'd.paper_id')
          .where('d.name', '=', q.author!)
      : driver === 'category'
        ? db
            .selectFrom('paper_categories as d')
            .innerJoin('papers as p', 'p.id', 'd.paper_id')
            .where('d.category', '=', q.category!)
        : db.selectFrom('papers as p');
  const rows = await base
    .selectAll('p')
    .$if(conditions.length > 0, (b) => b.where(sql<boolean>`${sql.join(conditions, sql` and `)}`))
    .orderBy(sql`${day} desc, ${id} desc`)
    .limit(q.limit)
    .execute();
  return rows.map(toPaper);
}

/** An author's papers newest first, by offset (the author page); an index range on paper_authors. */
export async function papersByAuthor(
  db: Kysely<Database>,
  name: string,
  limit: number,
  offset: number,
): Promise<Paper[]> {
  const rows = await db
    .selectFrom('paper_authors as d')
    .innerJoin('papers as p', 'p.id', 'd.paper_id')
    .selectAll('p')
    .where('d.name', '=', name)
    .orderBy('d.first_seen', 'desc')
    .orderBy('d.paper_id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map(toPaper);
}

/** Every category with its paper count, most first (ties by name). */
export async function categoryCounts(db: Kysely<Database>): Promise<CategoryCount[]> {
  const rows = await db
    .selectFrom('paper_categories')
    .select(['category', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy('category')
    .orderBy('n', 'desc')
    .orderBy('category')
    .execute();
  return rows.map((r) => ({ category: r.category, papers: Number(r.n) }));
}

/** Names whose key starts with the key of `prefix`, most papers first (ties by name). */
export async function authorsByPrefix(
  db: Kysely<Database>,
  prefix: string,
  limit: number,
): Promise<AuthorCount[]> {
  const key = authorKey(prefix);
  if (!key) return [];
  const rows = await db
    .selectFrom('paper_authors')
    .select(['name', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('name_key', '>=', key)
    .where('name_key', '<', prefixEnd(key))
    .groupBy('name')
    .orderBy('n', 'desc')
    .orderBy('name')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ name: r.name, papers: Number(r.n) }));
}

/** Counts, date range, top categories and co-authors of one exact author name. */
export async function authorSummary(db: Kysely<Database>, name: string): Promise<AuthorSummary | undefined> {
  const facts = await db
    .selectFrom('paper_authors')
    .select((eb) => [
      eb.fn.countAll<number | string>().as('n'),
      eb.fn.min('first_seen').as('first'),
      eb.fn.max('first_seen').as('last'),
    ])
    .where('name', '=', name)
    .executeTakeFirst();
  const n = Number(facts?.n ?? 0);
  if (!facts || n === 0) return undefined;
  const categories = await db
    .selectFrom('paper_authors as a')
    .innerJoin('paper_categories as c', 'c.paper_id', 'a.paper_id')
    .select(['c.category', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('a.name', '=', name)
    .groupBy('c.category')
    .orderBy('n', 'desc')
    .orderBy('c.category')
    .limit(10)
    .execute();
  const coauthors = await db
    .selectFrom('paper_authors as a')
    .innerJoin('paper_authors as o', 'o.paper_id', 'a.paper_id')
    .select(['o.name', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('a.name', '=', name)
    .where('o.name', '<>', name)
    .groupBy('o.name')
    .orderBy('n', 'desc')
    .orderBy('o.name')
    .limit(10)
    .execute();
  return {
    name,
    papers: n,
    firstSeen: String(facts.first),
    lastSeen: String(facts.last),
    categories: categories.map((r) => ({ category: r.category, papers: Number(r.n) })),
    coauthors: coauthors.map((r) => ({ name: r.name, papers: Number(r.n) })),
  };
}
