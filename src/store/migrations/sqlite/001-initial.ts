// Papers, their categories, signal observations, and a key/value meta table.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('papers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('abstract', 'text', (c) => c.notNull())
    .addColumn('authors', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('categories', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('primary_category', 'text')
    .addColumn('published', 'text')
    .addColumn('updated', 'text')
    .addColumn('comment', 'text')
    .addColumn('doi', 'text')
    .addColumn('journal_ref', 'text')
    .addColumn('code_urls', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('modified_at', 'text', (c) => c.notNull())
    .addColumn('change_seq', 'integer', (c) => c.notNull())
    .execute();
  // Windows ("this week") and "newest papers" both range-scan first_seen.
  await db.schema.createIndex('papers_first_seen').on('papers').column('first_seen').execute();
  // The change cursor that derived indexes (search) follow.
  await db.schema.createIndex('papers_change_seq').on('papers').column('change_seq').execute();

  await db.schema
    .createTable('paper_categories')
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('paper_id', 'text', (c) => c.notNull().references('papers.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('paper_categories_pk', ['category', 'paper_id'])
    .execute();
  await db.schema.createIndex('paper_categories_paper').on('paper_categories').column('paper_id').execute();

  await db.schema
    .createTable('signals')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('paper_id', 'text', (c) => c.notNull().references('papers.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'real', (c) => c.notNull())
    .addColumn('observed_at', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    // One observation per moment and source: re-importing the same file adds nothing.
    .addUniqueConstraint('signals_observation', ['paper_id', 'kind', 'observed_at', 'source'])
    .execute();
  await db.schema.createIndex('signals_observed_at').on('signals').column('observed_at').execute();

  await db.schema
    .createTable('meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  await sql`insert into meta (key, value) values ('change_seq', '0')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['signals', 'paper_categories', 'papers', 'meta']) await db.schema.dropTable(t).execute();
}
