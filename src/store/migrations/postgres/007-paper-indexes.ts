// The indexes of ../sqlite/007-paper-indexes.ts (keyset listing by day, by category, by author, with code; the
// author directory) in PostgreSQL's types: first_seen is a date, ids and names compare byte-wise (collate "C").
import { sql, type Kysely } from 'kysely';
import { backfillAuthors } from '../../author-rows.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index papers_day_id on papers (first_seen, id)`.execute(db);
  await sql`create index papers_code_day_id on papers (first_seen, id) where code_urls <> '[]'::jsonb`.execute(
    db,
  );
  await sql`alter table paper_categories add column first_seen date`.execute(db);
  await sql`update paper_categories pc set first_seen = p.first_seen from papers p where p.id = pc.paper_id`.execute(
    db,
  );
  await sql`alter table paper_categories alter column first_seen set not null`.execute(db);
  await sql`create index paper_categories_day on paper_categories (category, first_seen, paper_id)`.execute(
    db,
  );
  await sql`create table paper_authors (
    name text collate "C" not null,
    name_key text collate "C" not null,
    paper_id text collate "C" not null references papers (id) on delete cascade,
    first_seen date not null
  )`.execute(db);
  // Rows first, keys after (see the SQLite migration): one sorted index build instead of random inserts.
  await backfillAuthors(db);
  await sql`alter table paper_authors add primary key (name, first_seen, paper_id)`.execute(db);
  await sql`create index paper_authors_paper on paper_authors (paper_id)`.execute(db);
  await sql`create index paper_authors_key on paper_authors (name_key, name)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table paper_authors`.execute(db);
  await sql`drop index paper_categories_day`.execute(db);
  await sql`alter table paper_categories drop column first_seen`.execute(db);
  await sql`drop index papers_code_day_id`.execute(db);
  await sql`drop index papers_day_id`.execute(db);
}
