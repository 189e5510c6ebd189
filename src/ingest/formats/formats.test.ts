import { describe, it, expect } from 'vitest';
import { jsonFile, jsonLines } from '../../../test/helpers/fixtures.js';
import { RejectError, categories, type ParsedRecord } from '../record.js';
import { arxivCorpus } from './arxiv-corpus.js';
import { hfDaily } from './hf-daily.js';
import { kaggle } from './kaggle.js';
import { seedPage } from './seed-page.js';
import { detectFormat } from './index.js';

type Row = Record<string, unknown>;
const rows = (name: string) => jsonLines(name) as Row[];
const byKey = (list: Row[], key: string, value: string) => {
  const row = list.find((r) => r[key] === value);
  if (!row) throw new Error(`no row with ${key} = ${value}`);
  return row;
};
const midnight = (day: string) => `${day}T00:00:00.000Z`;
const kinds = (r: ParsedRecord) => Object.fromEntries(r.signals.map((s) => [s.kind, s.value]));
const hasLongSpace = (s: string) => /\s{2}|^\s|\s$/.test(s);

describe('arxiv-corpus', () => {
  const corpus = rows('arxiv-corpus-sample.jsonl');

  it('parses every fixture row into a clean paper with the row id', () => {
    for (const row of corpus) {
      const { paper, signals } = arxivCorpus.parse(row, {});
      expect(paper.id).toBe(row.id);
      expect(paper.source).toBe('arxiv-corpus');
      expect(paper.firstSeen).toBe(row.first_seen);
      expect(hasLongSpace(paper.title) || hasLongSpace(paper.abstract)).toBe(false);
      expect(paper.categories[0]).toBe(paper.primaryCategory);
      expect(signals).toEqual([]);
    }
  });

  it.each([
    {
      id: '2509.17458',
      expected: {
        categories: ['cs.CV', 'cs.CL'],
        primaryCategory: 'cs.CV',
        comment: null,
        codeUrls: [],
        version: null,
      },
    },
    {
      // The link is in the abstract and again, hard-wrapped, in the comment.
      id: '2509.20461',
      expected: {
        comment:
          'NeurIPS 2025. Code is available at https://github.com/layer6ai-labs/conformal-importance-summarization',
        codeUrls: ['https://github.com/layer6ai-labs/conformal-importance-summarization'],
      },
    },
    { id: '2509.20745', expected: { codeUrls: ['https://github.com/gy65896/Neptune-X'] } },
    // ACM classes mixed into categories are dropped, the paper is kept.
    { id: '2509.20691', expected: { categories: ['cs.CL'], primaryCategory: 'cs.CL' } },
    { id: '2509.20699', expected: { categories: ['cs.CL'], primaryCategory: 'cs.CL' } },
  ])('row $id', ({ id, expected }) => {
    expect(arxivCorpus.parse(byKey(corpus, 'id', id), {}).paper).toMatchObject(expected);
  });
});

describe('seed-page', () => {
  const page = rows('seed-page.jsonl');

  it('rejects every row without an arxiv_id, saying why', () => {
    const withoutId = page.filter((r) => !r.arxiv_id);
    expect(withoutId.length).toBeGreaterThan(0);
    for (const row of withoutId) {
      expect(() => seedPage.parse(row, {})).toThrow(RejectError);
      expect(() => seedPage.parse(row, {})).toThrow(
        'no arxiv_id (paperpulse keys every paper by its arXiv id)',
      );
    }
  });

  it('parses every row that has an arxiv_id', () => {
    const withId = page.filter((r) => r.arxiv_id);
    expect(withId.length).toBeGreaterThan(0);
    for (const row of withId) {
      const { paper } = seedPage.parse(row, {});
      expect(paper.id).toBe(row.arxiv_id);
      expect(paper.source).toBe('seed-page');
      expect(paper.firstSeen).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it.each([
    {
      why: 'repo given as a clone URL and repeated in the abstract links: one canonical URL',
      id: '2511.11007',
      paper: {
        firstSeen: '2025-11-14',
        codeUrls: ['https://github.com/YU-deep/VisMem'],
        primaryCategory: 'cs.CV',
      },
      signals: { hf_upvotes: 9, github_stars: 12 },
      observedAt: midnight('2025-11-14'),
    },
    {
      why: 'no first_seen: the day comes from published_at',
      id: '2508.18756',
      paper: {
        firstSeen: '2025-08-26',
        published: '2025-08-26T07:33:11.000Z',
        categories: [],
        primaryCategory: null,
      },
      signals: { hf_upvotes: 16, github_stars: 2 },
      observedAt: midnight('2025-08-26'),
    },
    {
      why: 'abstract links that are not GitHub repositories are not code',
      id: '2405.17428',
      paper: { codeUrls: [] },
      signals: { hf_upvotes: 7 },
      observedAt: midnight('2024-05-27'),
    },
    {
      why: 'a GitHub Pages site is not a repository',
      id: '2508.13680',
      paper: { codeUrls: [] },
      signals: {},
      observedAt: undefined,
    },
  ])('$id: $why', ({ id, paper, signals, observedAt }) => {
    const parsed = seedPage.parse(byKey(page, 'arxiv_id', id), {});
    expect(parsed.paper).toMatchObject(paper);
    expect(kinds(parsed)).toEqual(signals);
    for (const s of parsed.signals) expect(s).toMatchObject({ paperId: id, observedAt, source: 'seed-page' });
  });
});

describe('hf-daily, flattened rows', () => {
  const daily = rows('hf-daily-sample.jsonl');

  it('parses every row; signals are the counts present, stars only with a repository', () => {
    for (const row of daily) {
      const parsed = hfDaily.parse(row, {});
      expect(parsed.paper.id).toBe(row.arxiv_id);
      const expected: Record<string, unknown> = {};
      if (row.upvotes !== null) expected.hf_upvotes = row.upvotes;
      if (row.num_comments !== null) expected.hf_comments = row.num_comments;
      if (row.github_repo && row.github_stars !== null) expected.github_stars = row.github_stars;
      expect(kinds(parsed), String(row.arxiv_id)).toEqual(expected);
      for (const s of parsed.signals) expect(s.observedAt).toBe(midnight(String(row.daily_date)));
      expect(parsed.paper.codeUrls.length > 0).toBe(
        Boolean(row.github_repo) || /github\.com\/[\w-]+\/\w/.test(String(row.summary)),
      );
    }
  });

  it.each([
    {
      why: 'a plain row',
      id: '2406.12793',
      paper: {
        firstSeen: '2024-06-18',
        published: '2024-06-18T16:58:21.000Z',
        categories: [],
        source: 'hf-daily',
      },
      signals: { hf_upvotes: 12, hf_comments: 2 },
    },
    {
      // Its abstract links a repository, but HF's github_repo is null: the 0 stars belong to no repository.
      why: 'stars without a repository are not recorded',
      id: '2510.08872',
      paper: { codeUrls: ['https://github.com/ulab-uiuc/GTAlign'] },
      signals: { hf_upvotes: expect.any(Number), hf_comments: expect.any(Number) },
    },
    {
      why: 'a repository without stars is a code link and no star signal',
      id: '2503.12797',
      paper: { codeUrls: ['https://github.com/thunlp/DeepPerception'] },
      signals: { hf_upvotes: expect.any(Number), hf_comments: expect.any(Number) },
    },
  ])('$id: $why', ({ id, paper, signals }) => {
    const parsed = hfDaily.parse(byKey(daily, 'arxiv_id', id), {});
    expect(parsed.paper).toMatchObject(paper);
    expect(kinds(parsed)).toEqual(signals);
  });

  it('a paper featured on two days gives one observation per day', () => {
    const days = daily.filter((r) => r.arxiv_id === '2608.12313');
    const parsed = days.map((r) => hfDaily.parse(r, {}));
    expect(parsed.map((p) => p.signals.find((s) => s.kind === 'hf_upvotes'))).toEqual([
      expect.objectContaining({ value: 2, observedAt: midnight('2026-08-13') }),
      expect.objectContaining({ value: 27, observedAt: midnight('2026-08-19') }),
    ]);
  });
});

describe('hf-daily, raw API items', () => {
  it('parses the objects of a raw day, observed on the day the file was saved', () => {
    const items = jsonFile('hf-raw/2024-09-16.json') as Row[];
    for (const item of items) {
      const parsed = hfDaily.parse(item, { fileDay: '2024-09-16' });
      const p = item.paper as Row;
      expect(parsed.paper.id).toBe(p.id);
      expect(parsed.paper.authors).toEqual((p.authors as Row[]).map((a) => a.name));
      expect(kinds(parsed)).toEqual({ hf_upvotes: p.upvotes, hf_comments: item.numComments });
      for (const s of parsed.signals) expect(s.observedAt).toBe(midnight('2024-09-16'));
    }
  });

  it('rejects a raw item when no day is known (these items carry no submittedOnDailyAt)', () => {
    const [item] = jsonFile('hf-raw/2024-09-16.json') as Row[];
    expect(() => hfDaily.parse(item, {})).toThrow(/no daily date/);
  });

  it.each(['hf-raw/2024-12-11.json', 'hf-raw/2024-12-12.json'])(
    'parses every Python-repr string item of %s',
    (name) => {
      const items = jsonFile(name) as unknown[];
      const day = name.slice(-15, -5);
      expect(items.every((i) => typeof i === 'string')).toBe(true);
      for (const item of items) {
        const parsed = hfDaily.parse(item, { fileDay: day });
        expect(parsed.paper.id).toMatch(/^\d{4}\.\d{5}$/);
        expect(parsed.signals.length).toBeGreaterThan(0);
      }
    },
  );

  it.each([
    ['hf-raw/2024-12-11.json', '2412.07730', '2024-12-11'],
    ['hf-raw/2024-12-12.json', '2412.08467', '2024-12-12'],
  ])('a Python-repr item of %s reads the same as the flattened row for %s', (name, id, day) => {
    const item = (jsonFile(name) as string[]).find((s) => s.includes(`'id': '${id}'`));
    const flat = byKey(rows('hf-daily-sample.jsonl'), 'arxiv_id', id);
    expect(hfDaily.parse(item, { fileDay: day })).toEqual(hfDaily.parse(flat, {}));
  });

  it('rejects a damaged Python-repr item with the reason', () => {
    const [item] = jsonFile('hf-raw/2024-12-11.json') as string[];
    expect(() => hfDaily.parse(item!.slice(0, 200), { fileDay: '2024-12-11' })).toThrow(
      /^unreadable Python-repr item: /,
    );
  });

  it('parses the items of a wrapped {data: [...]} file on the day the wrapper names', () => {
    const doc = jsonFile('hf-raw/wrapped-2025-01-10.json') as { date: string; count: number; data: Row[] };
    const parsed = doc.data.map((item) => hfDaily.parse(item, { fileDay: doc.date.slice(0, 10) }));
    expect(parsed).toHaveLength(doc.count);
    expect(parsed.map((p) => p.paper.id)).toEqual(doc.data.map((d) => (d.paper as Row).id));
    for (const p of parsed) expect(p.signals.map((s) => s.observedAt)).toContain(midnight('2025-02-05'));
  });
});

describe('kaggle', () => {
  const snapshot = rows('kaggle-sample.jsonl');

  it('parses every row; the version is the last one listed', () => {
    for (const row of snapshot) {
      const { paper } = kaggle.parse(row, {});
      const versions = row.versions as { version: string }[];
      expect(paper.id).toBe(row.id);
      expect(paper.version).toBe(versions.length);
      expect(paper.source).toBe('kaggle');
      expect(paper.categories).toEqual(String(row.categories).split(' '));
    }
  });

  it.each([
    {
      id: '0704.0001',
      expected: {
        version: 2,
        title: 'Calculation of prompt diphoton production cross sections at Tevatron and LHC energies',
        authors: ['C. Balázs', 'E. L. Berger', 'P. M. Nadolsky', 'C. -P. Yuan'],
        categories: ['hep-ph'],
        primaryCategory: 'hep-ph',
        published: '2007-04-02T19:18:42.000Z',
        updated: '2007-07-24T20:10:27.000Z',
        firstSeen: '2007-04-02',
        comment: '37 pages, 15 figures; published version',
        doi: '10.1103/PhysRevD.76.013009',
        journalRef: 'Phys.Rev.D76:013009,2007',
      },
    },
    // One version: never updated. A name suffix goes last.
    {
      id: '0704.0009',
      expected: { version: 1, updated: null, authors: expect.arrayContaining(['Neal J. Evans II']) },
    },
    { id: '0704.0027', expected: { version: 4 } },
    {
      id: '0704.0021',
      expected: { categories: ['nlin.PS', 'physics.chem-ph', 'q-bio.MN'], primaryCategory: 'nlin.PS' },
    },
  ])('row $id', ({ id, expected }) => {
    expect(kaggle.parse(byKey(snapshot, 'id', id), {}).paper).toMatchObject(expected);
  });

  it('falls back to the authors string ("A and B") when authors_parsed is empty', () => {
    const row: Row = { ...byKey(snapshot, 'id', '0704.0002'), authors_parsed: [] };
    expect(row.authors).toBe('Ileana Streinu and Louis Theran');
    expect(kaggle.parse(row, {}).paper.authors).toEqual(['Ileana Streinu', 'Louis Theran']);
  });
});

describe('detectFormat', () => {
  it.each([
    ['arxiv-corpus-sample.jsonl', 'arxiv-corpus'],
    ['seed-page.jsonl', 'seed-page'],
    ['hf-daily-sample.jsonl', 'hf-daily'],
    ['kaggle-sample.jsonl', 'kaggle'],
  ])('the first line of %s is %s', (name, format) => {
    expect(detectFormat(jsonLines(name)[0])?.name).toBe(format);
  });

  it.each([
    ['hf-raw/2024-09-16.json', 'hf-daily'],
    ['hf-raw/2024-12-11.json', 'hf-daily'],
  ])('the first item of %s is %s', (name, format) => {
    expect(detectFormat((jsonFile(name) as unknown[])[0])?.name).toBe(format);
  });

  it('the first item of a wrapped file is hf-daily', () => {
    const doc = jsonFile('hf-raw/wrapped-2025-01-10.json') as { data: unknown[] };
    expect(detectFormat(doc.data[0])?.name).toBe('hf-daily');
  });

  it.each([[[1, 2]], ['This file is plain prose, not JSON lines.'], [null], [42], [{}]])(
    'recognises nothing in %j',
    (value) => {
      expect(detectFormat(value)).toBeUndefined();
    },
  );
});

describe('categories', () => {
  it.each([
    { raw: ['cs.CL', 'I.2.7'], expected: ['cs.CL'] },
    {
      raw: ['math.GT', '57M25', 'hep-th', 'cond-mat.stat-mech'],
      expected: ['math.GT', 'hep-th', 'cond-mat.stat-mech'],
    },
    { raw: [' cs.LG ', 'cs.LG', 'astro-ph'], expected: ['cs.LG', 'astro-ph'] },
    { raw: ['I.2.7', 'H.3.3', ''], expected: [] },
  ])('$raw -> $expected (non-arXiv classes are dropped, not rejected)', ({ raw, expected }) => {
    expect(categories(raw)).toEqual(expected);
  });
});
