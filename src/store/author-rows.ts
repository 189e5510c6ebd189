// The paper_authors rows of a paper (one per distinct author name), shared by the import write path and by the
// migration that fills the table for papers stored before it existed.
import { sql, type Kysely } from 'kysely';
import { authorKey } from '../model/author-key.js';

export interface AuthorRow {
  name: string;
  name_key: string;
  paper_id: string;
  first_seen: string;
}

/** One row per distinct author name of the paper; empty names are skipped. */
export function authorRows(p: { id: string; authors: string[]; firstSeen: string }): AuthorRow[] {
  const names = new Set(p.authors.map((a) => a.trim()).filter((a) => a.length > 0));
  return [...names].map((name) => ({
    name,
    name_key: authorKey(name),
    paper_id: p.id,
    first_seen: p.firstSeen,
  }));
}

/**
 * Fills paper_authors from every stored paper, 5,000 papers at a time in id order (for the migration that adds
 * the table; the key is computed here because SQL cannot fold accents the same way on both dialects).
 */
export async function backfillAuthors(db: Kysely<unknown>): Promise<void> {
  let after = '';
  for (;;) {
    // Cast to text on both dialects, so any pool's type parsers hand back JSON text and YYYY-MM-DD.
    const page = await sql<{ id: string; authors: string; first_seen: string }>`
      select id, cast(authors as text) as authors, cast(first_seen as text) as first_seen
      from papers where id > ${after} order by id limit 5000`.execute(db);
    if (page.rows.length === 0) return;
    const rows = page.rows.flatMap((r) =>
      authorRows({
        id: r.id,
        authors: JSON.parse(r.authors) as string[],
        firstSeen: r.first_seen,
      }),
    );
    // 4 columns × 1,000 rows stays under both dialects' bound-parameter limits.
    for (let i = 0; i < rows.length; i += 1000) {
      const part = rows.slice(i, i + 1000);
      const values = sql.join(
        part.map((r) => sql`(${r.name}, ${r.name_key}, ${r.paper_id}, ${r.first_seen})`),
      );
      await sql`insert into paper_authors (name, name_key, paper_id, first_seen) values ${values}`.execute(
        db,
      );
    }
    after = page.rows.at(-1)!.id;
  }
}
