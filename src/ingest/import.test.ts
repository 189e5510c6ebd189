import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import { fixturePath, jsonFile } from '../../test/helpers/fixtures.js';
import { tempStore, type TempStore } from '../../test/helpers/store.js';
import { openSqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/store.js';
import { emptySummary, importFile, ImportError, type Rejection } from './import.js';
import { parsePythonLiteral } from './pyrepr.js';
import { FileError } from './read-records.js';

type Row = Record<string, unknown>;

// --- What each fixture should import as, worked out from the raw file here rather than by the importer. ---

interface Expected {
  /** Non-blank lines, or items of a JSON document. */
  records: number;
  /** The arXiv id of every record that should be accepted, in file order (a paper may come twice). */
  accepted: string[];
  rejected: number;
  /** Distinct signal observations, as "id|kind|day". */
  observations: Set<string>;
}

const textOf = (name: string) => {
  const bytes = fs.readFileSync(fixturePath(name));
  return (name.endsWith('.gz') ? zlib.gunzipSync(bytes) : bytes).toString('utf8');
};
const linesOf = (name: string) =>
  textOf(name)
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Row);

function observe(into: Set<string>, id: string, day: string | undefined, counts: Record<string, unknown>) {
  if (!day) return;
  for (const [kind, value] of Object.entries(counts))
    if (typeof value === 'number') into.add(`${id}|${kind}|${day}`);
}

function expectRows(rows: Row[], idKey: string, observeRow?: (r: Row, into: Set<string>) => void): Expected {
  const good = rows.filter((r) => typeof r[idKey] === 'string');
  const observations = new Set<string>();
  for (const r of good) observeRow?.(r, observations);
  return {
    records: rows.length,
    accepted: good.map((r) => r[idKey] as string),
    rejected: rows.length - good.length,
    observations,
  };
}

/** Raw Hugging Face items (objects or Python-repr strings) observed on `day`. */
function expectRawItems(items: unknown[], day: string): Expected {
  const rows = items.map((i) => (typeof i === 'string' ? parsePythonLiteral(i) : i) as Row);
  return expectRows(
    rows.map((r) => ({ ...r, id: (r.paper as Row).id })),
    'id',
    (r, into) => {
      const p = r.paper as Row;
      observe(into, p.id as string, day, {
        hf_upvotes: p.upvotes,
        hf_comments: r.numComments,
        github_stars: p.githubRepo ? p.githubStars : undefined,
      });
    },
  );
}

const expectations: Record<string, () => Expected> = {
  'arxiv-corpus-sample.jsonl': () => expectRows(linesOf('arxiv-corpus-sample.jsonl'), 'id'),
  'arxiv-corpus-sample.jsonl.gz': () => expectRows(linesOf('arxiv-corpus-sample.jsonl.gz'), 'id'),
  'kaggle-sample.jsonl': () => expectRows(linesOf('kaggle-sample.jsonl'), 'id'),
  // Rows without an arxiv_id are rejected; counts are observed on the paper's first listing day.
  'seed-page.jsonl': () =>
    expectRows(linesOf('seed-page.jsonl'), 'arxiv_id', (r, into) => {
      const day = ((r.first_seen ?? r.published_at) as string | undefined)?.slice(0, 10);
      observe(into, r.arxiv_id as string, day, {
        hf_upvotes: r.hf_upvotes,
        github_stars: r.github_repo ? r.github_stars : undefined,
      });
    }),
  'hf-daily-sample.jsonl': () =>
    expectRows(linesOf('hf-daily-sample.jsonl'), 'arxiv_id', (r, into) => {
      observe(into, r.arxiv_id as string, r.daily_date as string, {
        hf_upvotes: r.upvotes,
        hf_comments: r.num_comments,
        github_stars: r.github_repo ? r.github_stars : undefined,
      });
    }),
  // Raw days are observed on the day in the file name ...
  'hf-raw/2024-09-16.json': () =>
    expectRawItems(jsonFile('hf-raw/2024-09-16.json') as unknown[], '2024-09-16'),
  'hf-raw/2024-12-11.json': () =>
    expectRawItems(jsonFile('hf-raw/2024-12-11.json') as unknown[], '2024-12-11'),
  'hf-raw/2024-12-12.json': () =>
    expectRawItems(jsonFile('hf-raw/2024-12-12.json') as unknown[], '2024-12-12'),
  // ... unless a wrapper names the day, which wins over the file name (see test/fixtures/README.md).
  'hf-raw/wrapped-2025-01-10.json': () => {
    const doc = jsonFile('hf-raw/wrapped-2025-01-10.json') as { date: string; data: unknown[] };
    return expectRawItems(doc.data, doc.date);
  },
};

async function importInto(store: Store, name: string, opts: { format?: string; batchSize?: number } = {}) {
  const rejections: Rejection[] = [];
  const summary = await importFile(store, fixturePath(name), {
    format: 'auto',
    ...opts,
    onReject: (r) => rejections.push(r),
  });
  return { summary, rejections };
}

/** Everything stored about the given papers: the papers themselves and their latest signals. */
async function snapshot(store: Store, ids: string[]) {
  const unique = [...new Set(ids)].sort();
  const papers = await store.papersByIds(unique);
  const signals = await Promise.all(
    unique.map((id) => store.signalsForPaper(id, '2100-01-01T00:00:00.000Z')),
  );
  return { papers, signals };
}

const fixtures = Object.keys(expectations);

describe('importFile with format auto', () => {
  it.each(fixtures)('imports %s with the expected counts; a re-import changes nothing', async (name) => {
    const e = expectations[name]!();
    const distinct = new Set(e.accepted).size;
    const t = await tempStore();
    try {
      const first = await importInto(t.store, name);
      expect(first.summary).toEqual({
        files: 1,
        records: e.records,
        inserted: distinct,
        updated: expect.any(Number),
        unchanged: expect.any(Number),
        rejected: e.rejected,
        signals: e.observations.size,
      });
      expect(first.summary.updated + first.summary.unchanged).toBe(e.accepted.length - distinct);
      expect(first.rejections).toHaveLength(e.rejected);
      expect(await t.store.paperCount()).toBe(distinct);
      expect((await t.store.papersByIds(e.accepted)).length).toBe(e.accepted.length);

      const seq = await t.store.changeSeq();
      const again = await importInto(t.store, name);
      expect(again.summary).toEqual({
        files: 1,
        records: e.records,
        inserted: 0,
        updated: 0,
        unchanged: e.accepted.length,
        rejected: e.rejected,
        signals: 0,
      });
      expect(await t.store.paperCount()).toBe(distinct);
      expect(await t.store.changeSeq()).toBe(seq);
    } finally {
      await t.cleanup();
    }
  });

  it.each(['hf-daily-sample.jsonl', 'seed-page.jsonl', 'arxiv-corpus-sample.jsonl'])(
    'batches of 7 store exactly what one batch stores (%s)',
    async (name) => {
      const e = expectations[name]!();
      const [one, small] = [await tempStore(), await tempStore()];
      try {
        const whole = await importInto(one.store, name);
        let batches = 0;
        const rejections: Rejection[] = [];
        const inSevens = await importFile(small.store, fixturePath(name), {
          format: 'auto',
          batchSize: 7,
          onReject: (r) => rejections.push(r),
          onBatch: () => batches++,
        });
        expect(batches).toBe(Math.ceil(e.accepted.length / 7));
        expect(inSevens).toEqual(whole.summary);
        expect(rejections).toEqual(whole.rejections);
        expect(await snapshot(small.store, e.accepted)).toEqual(await snapshot(one.store, e.accepted));
      } finally {
        await one.cleanup();
        await small.cleanup();
      }
    },
  );

  it('gzip and plain copies of a file give identical stored results', async () => {
    const [plain, gz] = [await tempStore(), await tempStore()];
    try {
      const a = await importInto(plain.store, 'arxiv-corpus-sample.jsonl');
      const b = await importInto(gz.store, 'arxiv-corpus-sample.jsonl.gz');
      expect(b.summary).toEqual(a.summary);
      const ids = expectations['arxiv-corpus-sample.jsonl']!().accepted;
      const stored = await snapshot(gz.store, ids);
      expect(stored.papers).toHaveLength(ids.length);
      expect(stored).toEqual(await snapshot(plain.store, ids));
    } finally {
      await plain.cleanup();
      await gz.cleanup();
    }
  });
});

describe('importFile into one store', () => {
  let t: TempStore;
  let store: Store;
  beforeAll(async () => {
    t = await tempStore();
    store = t.store;
  });
  afterAll(() => t.cleanup());

  it('joins sources: hf-daily adds signals to corpus papers without overwriting their metadata', async () => {
    await importInto(store, 'arxiv-corpus-sample.jsonl');
    const corpus = linesOf('arxiv-corpus-sample.jsonl');
    const daily = linesOf('hf-daily-sample.jsonl');
    const shared = daily.filter((d) => corpus.some((c) => c.id === d.arxiv_id));
    expect(shared.map((d) => d.arxiv_id)).toEqual(['2509.20427', '2509.20414', '2509.20706']);

    const { summary } = await importInto(store, 'hf-daily-sample.jsonl');
    expect(summary.updated).toBeGreaterThanOrEqual(shared.length);
    for (const d of shared) {
      const paper = await store.paperById(d.arxiv_id as string);
      const row = corpus.find((c) => c.id === d.arxiv_id)!;
      expect(paper?.source).toBe('arxiv-corpus');
      expect(paper?.categories).toEqual(row.categories);
      expect(paper?.published).toBe(d.published_at);
      const signals = await store.signalsForPaper(
        d.arxiv_id as string,
        `${String(d.daily_date)}T00:00:00.000Z`,
      );
      expect(signals.hf_upvotes).toBe(d.upvotes);
    }
  });

  it('a paper featured on two days has a signal time series', async () => {
    // hf-daily-sample.jsonl (imported above) features 2608.12313 on 2026-08-13 and 2026-08-19.
    const cases: [string, object][] = [
      ['2026-08-12T23:59:59.999Z', {}],
      ['2026-08-13T00:00:00.000Z', { hf_upvotes: 2, hf_comments: 0 }],
      ['2026-08-20T00:00:00.000Z', { hf_upvotes: 27, hf_comments: 3, github_stars: 1 }],
    ];
    for (const [asOf, expected] of cases)
      expect(await store.signalsForPaper('2608.12313', asOf)).toEqual(expected);
  });

  it('a wrapped raw file is observed on the day inside it, not the day in its name', async () => {
    await importInto(store, 'hf-raw/wrapped-2025-01-10.json');
    expect(await store.signalsForPaper('2502.01718', '2025-02-04T23:59:59.999Z')).toEqual({});
    expect(await store.signalsForPaper('2502.01718', '2025-02-05T00:00:00.000Z')).toEqual({
      hf_upvotes: 11,
      hf_comments: 1,
    });
  });

  it('mixed-bad.jsonl: stores the good rows and reports each bad line with its number and reason', async () => {
    const file = fixturePath('bad/mixed-bad.jsonl');
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    // Good rows: lines that are JSON objects with a title and a new-style arXiv id.
    const good = lines.flatMap((l) => {
      try {
        const v = JSON.parse(l) as Row;
        return v.title && /^\d{4}\.\d{5}$/.test(String(v.id)) ? [v.id as string] : [];
      } catch {
        return [];
      }
    });
    const before = await store.paperCount();
    const { summary, rejections } = await importInto(store, 'bad/mixed-bad.jsonl');
    expect(rejections).toEqual([
      { file, line: 3, reason: expect.stringMatching(/^not valid JSON \(Unterminated string/) },
      { file, line: 5, reason: 'missing title' },
      { file, line: 9, reason: '"not-an-id" is not an arXiv id' },
      { file, line: 11, reason: 'expected a JSON object, got an array' },
    ]);
    // Blank and whitespace-only lines (7 and 13) are neither records nor rejections.
    expect(summary.records).toBe(lines.filter((l) => l.trim()).length);
    expect(summary.inserted).toBe(good.length);
    expect(await store.paperCount()).toBe(before + good.length);
    expect((await store.papersByIds(good)).map((p) => p.id)).toEqual(good);
  });

  it('not-json.txt: every prose line is rejected as not valid JSON and nothing is stored', async () => {
    const file = fixturePath('bad/not-json.txt');
    const prose = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .map((l, i) => ({ l, line: i + 1 }))
      .filter(({ l }) => l.trim());
    const before = await store.paperCount();
    const { summary, rejections } = await importInto(store, 'bad/not-json.txt');
    expect(rejections.map((r) => r.line)).toEqual(prose.map((p) => p.line));
    for (const r of rejections) expect(r.reason).toMatch(/^not valid JSON/);
    expect(summary).toMatchObject({ records: prose.length, rejected: prose.length, inserted: 0 });
    expect(await store.paperCount()).toBe(before);
  });

  it('truncated.jsonl.gz: fails naming the file and the damage, keeping the rows read before the cut', async () => {
    const file = fixturePath('bad/truncated.jsonl.gz');
    // What survives the cut: the complete lines of whatever gunzip can still produce.
    const partial = zlib
      .gunzipSync(fs.readFileSync(file), { finishFlush: zlib.constants.Z_SYNC_FLUSH })
      .toString('utf8');
    const complete = partial
      .split('\n')
      .slice(0, -1)
      .map((l) => (JSON.parse(l) as Row).id as string);
    expect(complete.length).toBeGreaterThan(0);

    const run = async () => {
      const summary = emptySummary();
      const error = await importFile(store, file, { format: 'auto' }, summary).then(
        () => undefined,
        (e: unknown) => e,
      );
      return { summary, error };
    };
    const first = await run();
    expect(first.error).toBeInstanceOf(FileError);
    expect((first.error as Error).message).toContain(file);
    expect((first.error as Error).message).toMatch(new RegExp(`past line ${complete.length}: .*truncated`));
    expect(first.summary.inserted).toBe(complete.length);
    expect((await store.papersByIds(complete)).map((p) => p.id)).toEqual(complete);

    // Re-running hits the same damage, stores nothing twice and keeps what was saved.
    const count = await store.paperCount();
    const second = await run();
    expect(second.error).toBeInstanceOf(FileError);
    expect(second.summary).toMatchObject({ inserted: 0, updated: 0, unchanged: complete.length });
    expect(await store.paperCount()).toBe(count);
  });

  it('a missing file is a FileError saying so', async () => {
    const file = path.join(t.dir, 'does-not-exist.jsonl');
    const attempt = importFile(store, file, { format: 'auto' });
    await expect(attempt).rejects.toBeInstanceOf(FileError);
    await expect(attempt).rejects.toThrow(`Cannot read ${file}: no such file`);
  });

  it('a directory is a FileError saying so', async () => {
    const attempt = importFile(store, t.dir, { format: 'auto' });
    await expect(attempt).rejects.toBeInstanceOf(FileError);
    await expect(attempt).rejects.toThrow(`Cannot read ${t.dir}: it is a directory, not a file`);
  });

  it('an unknown format name is an ImportError', async () => {
    await expect(importFile(store, fixturePath('kaggle-sample.jsonl'), { format: 'bibtex' })).rejects.toThrow(
      new ImportError('Unknown format "bibtex"'),
    );
  });

  it('a named format rejects records of another format instead of guessing', async () => {
    const rows = linesOf('kaggle-sample.jsonl');
    const before = await store.paperCount();
    const { summary, rejections } = await importInto(store, 'kaggle-sample.jsonl', { format: 'hf-daily' });
    expect(summary).toMatchObject({ records: rows.length, rejected: rows.length, inserted: 0 });
    expect(rejections[0]?.reason).toMatch(/^missing daily_date; missing arxiv_id/);
    expect(await store.paperCount()).toBe(before);
  });
});

describe('importFile when the disk fills up', () => {
  const name = 'hf-daily-sample.jsonl';
  const PAGE_BYTES = 4096; // SQLite's default page size

  /** Pages the database file takes after `fill`, measured on a closed (checkpointed) file. */
  async function pagesAfter(fill: (s: Store) => Promise<unknown>): Promise<number> {
    const t = await tempStore();
    try {
      await fill(t.store);
      await t.store.close();
      return fs.statSync(path.join(t.dir, 'paperpulse.db')).size / PAGE_BYTES;
    } finally {
      await t.cleanup();
    }
  }

  it('stops with an ImportError saying which lines were saved; a re-run without the limit completes', async () => {
    const e = expectations[name]!();
    const rows = linesOf(name);
    // Room for about half of the file's data beyond the empty schema.
    const empty = await pagesAfter(async () => {});
    const full = await pagesAfter((s) => importInto(s, name));
    const limit = empty + Math.floor((full - empty) / 2);

    const t = await tempStore();
    const file = path.join(t.dir, 'paperpulse.db');
    await t.store.close();
    const small = openSqliteStore(file, { maxPageCount: limit });
    const summary = emptySummary();
    let error: unknown;
    try {
      await importFile(small, fixturePath(name), { format: 'auto', batchSize: 5 }, summary);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ImportError);
    const message = (error as Error).message;
    expect(message).toMatch(/database or disk is full/);
    expect(message).toMatch(/fix the problem and run the same import again/);
    const saved = Number(/Lines 1-(\d+) were saved/.exec(message)?.[1]);
    expect(saved).toBeGreaterThan(0);
    expect(saved).toBeLessThan(rows.length);

    // Exactly the committed batches are stored, intact.
    const savedIds = new Set(rows.slice(0, saved).map((r) => r.arxiv_id as string));
    expect(await small.paperCount()).toBe(savedIds.size);
    expect(summary.inserted).toBe(savedIds.size);
    for (const r of rows.slice(0, saved)) {
      const p = await small.paperById(r.arxiv_id as string);
      expect(p?.title).toBe(String(r.title).replace(/\s+/g, ' ').trim());
    }
    await small.close();

    const store = openSqliteStore(file);
    try {
      const rerun = await importFile(store, fixturePath(name), { format: 'auto', batchSize: 5 });
      const distinct = new Set(e.accepted).size;
      expect(rerun.inserted).toBe(distinct - savedIds.size);
      expect(rerun.signals).toBe(e.observations.size - summary.signals);
      expect(await store.paperCount()).toBe(distinct);
      const after = await importFile(store, fixturePath(name), { format: 'auto' });
      expect(after).toMatchObject({ inserted: 0, updated: 0, signals: 0, unchanged: e.accepted.length });
    } finally {
      await store.close();
      await t.cleanup();
    }
  });

  it('says nothing was saved when the first batch already fails', async () => {
    const t = await tempStore();
    const file = path.join(t.dir, 'paperpulse.db');
    await t.store.close();
    const empty = fs.statSync(file).size / PAGE_BYTES;
    const small = openSqliteStore(file, { maxPageCount: empty });
    try {
      await expect(importFile(small, fixturePath(name), { format: 'auto' })).rejects.toThrow(
        /failed: database or disk is full\. Nothing from this file was saved; fix the problem/,
      );
      expect(await small.paperCount()).toBe(0);
    } finally {
      await small.close();
      await t.cleanup();
    }
  });
});
