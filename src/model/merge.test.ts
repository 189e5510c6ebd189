import { describe, it, expect } from 'vitest';
import { mergePaper, paperHash } from './merge.js';
import type { Paper, PaperInput } from './paper.js';

const today = '2025-10-01';

// Metadata of arXiv 2509.20427 (Seedream 4.0), listed 2025-09-26 and also featured on Hugging Face.
const stored: Paper = {
  id: '2509.20427',
  version: 1,
  title: 'Seedream 4.0: Toward Next-generation Multimodal Image Generation',
  abstract:
    'We introduce Seedream 4.0, an efficient and high-performance multimodal image generation system.',
  authors: ['Team Seedream'],
  categories: ['cs.CV'],
  primaryCategory: 'cs.CV',
  published: null,
  updated: null,
  comment: 'Seedream 4.0 Technical Report',
  doi: null,
  journalRef: null,
  codeUrls: [],
  source: 'arxiv-corpus',
  firstSeen: '2025-09-26',
};

const incoming = (over: Partial<PaperInput>): PaperInput => ({
  ...stored,
  title: 'Incoming title',
  abstract: 'Incoming abstract.',
  firstSeen: null,
  ...over,
});

describe('mergePaper: which source may overwrite metadata', () => {
  it.each([
    { why: 'higher authority overwrites', ex: 'hf-daily', exV: 1, inp: 'arxiv-corpus', inV: 1, wins: true },
    {
      why: 'arXiv API outranks the corpus',
      ex: 'arxiv-corpus',
      exV: 1,
      inp: 'arxiv-api',
      inV: 1,
      wins: true,
    },
    {
      why: 'lower authority does not overwrite',
      ex: 'arxiv-corpus',
      exV: 1,
      inp: 'hf-daily',
      inV: 1,
      wins: false,
    },
    {
      why: 'equal authority, other source',
      ex: 'arxiv-corpus',
      exV: 1,
      inp: 'paperpulse',
      inV: 1,
      wins: false,
    },
    {
      why: 'equal authority at the lowest rank',
      ex: 'seed-page',
      exV: null,
      inp: 'hf-daily',
      inV: null,
      wins: false,
    },
    { why: 'same source overwrites', ex: 'hf-daily', exV: 1, inp: 'hf-daily', inV: 1, wins: true },
    { why: 'same source, newer version', ex: 'kaggle', exV: 1, inp: 'kaggle', inV: 2, wins: true },
    {
      why: 'same source, older version',
      ex: 'arxiv-corpus',
      exV: 3,
      inp: 'arxiv-corpus',
      inV: 2,
      wins: false,
    },
    {
      why: 'higher authority, older version',
      ex: 'arxiv-corpus',
      exV: 2,
      inp: 'kaggle',
      inV: 1,
      wins: false,
    },
    { why: 'unknown source ranks lowest', ex: 'seed-page', exV: 1, inp: 'somewhere', inV: 1, wins: false },
    { why: 'equal authority, newer version', ex: 'arxiv-api', exV: 1, inp: 'arxiv-rss', inV: 2, wins: true },
    { why: 'lower authority, newer version', ex: 'arxiv-api', exV: 1, inp: 'hf-daily', inV: 2, wins: false },
  ])('$why ($ex v$exV <- $inp v$inV)', ({ ex, exV, inp, inV, wins }) => {
    const existing: Paper = { ...stored, source: ex, version: exV };
    const merged = mergePaper(existing, incoming({ source: inp, version: inV }), today);
    expect(merged.title).toBe(wins ? 'Incoming title' : stored.title);
    expect(merged.abstract).toBe(wins ? 'Incoming abstract.' : stored.abstract);
    expect(merged.source).toBe(wins ? inp : ex);
  });

  it('a record that does not win still fills empty fields, never blanks filled ones', () => {
    const merged = mergePaper(
      stored,
      incoming({
        source: 'hf-daily',
        published: '2025-09-24T17:59:04.000Z',
        doi: '10.48550/arXiv.2509.20427',
        comment: null,
        categories: [],
        codeUrls: [],
      }),
      today,
    );
    expect(merged.title).toBe(stored.title);
    expect(merged.published).toBe('2025-09-24T17:59:04.000Z');
    expect(merged.doi).toBe('10.48550/arXiv.2509.20427');
    expect(merged.comment).toBe(stored.comment);
    expect(merged.categories).toEqual(['cs.CV']);
  });

  it('an older version fills gaps but keeps the newer version number', () => {
    const existing: Paper = { ...stored, version: 3, journalRef: null };
    const merged = mergePaper(
      existing,
      incoming({ source: 'kaggle', version: 1, journalRef: 'CVPR 2026' }),
      today,
    );
    expect(merged.version).toBe(3);
    expect(merged.title).toBe(stored.title);
    expect(merged.journalRef).toBe('CVPR 2026');
  });

  it('even a winning record leaves fields it does not know untouched', () => {
    const merged = mergePaper(stored, incoming({ source: 'kaggle', comment: null, categories: [] }), today);
    expect(merged.title).toBe('Incoming title');
    expect(merged.comment).toBe(stored.comment);
    expect(merged.categories).toEqual(stored.categories);
  });

  it.each([
    { exV: null, inV: 2, expected: 2 },
    { exV: 2, inV: null, expected: 2 },
    { exV: 1, inV: 4, expected: 4 },
    { exV: 4, inV: 1, expected: 4 },
    { exV: null, inV: null, expected: null },
  ])('version: stored v$exV + incoming v$inV -> v$expected', ({ exV, inV, expected }) => {
    const merged = mergePaper({ ...stored, version: exV }, incoming({ version: inV }), today);
    expect(merged.version).toBe(expected);
  });
});

describe('mergePaper: code links and first_seen', () => {
  it('code URLs are the union, stored ones first, from any source', () => {
    const existing: Paper = { ...stored, codeUrls: ['https://github.com/a/one'] };
    const merged = mergePaper(
      existing,
      incoming({ source: 'hf-daily', codeUrls: ['https://github.com/b/two', 'https://github.com/a/one'] }),
      today,
    );
    expect(merged.codeUrls).toEqual(['https://github.com/a/one', 'https://github.com/b/two']);
  });

  it.each([
    { why: 'an earlier day replaces it', inFirst: '2025-09-20', expected: '2025-09-20' },
    { why: 'a later day does not', inFirst: '2025-09-30', expected: '2025-09-26' },
    { why: 'an unknown day does not', inFirst: null, expected: '2025-09-26' },
  ])('first_seen keeps the earliest day: $why', ({ inFirst, expected }) => {
    // Even a winning source must not move first_seen later: "new this week" would otherwise change.
    const merged = mergePaper(stored, incoming({ source: 'kaggle', firstSeen: inFirst }), today);
    expect(merged.firstSeen).toBe(expected);
  });

  it('a new paper takes its own first_seen, or today when nobody knows it', () => {
    expect(mergePaper(undefined, incoming({ firstSeen: '2025-09-25' }), today).firstSeen).toBe('2025-09-25');
    expect(mergePaper(undefined, incoming({ firstSeen: null }), today).firstSeen).toBe(today);
  });

  it('a new paper has its duplicate code URLs removed', () => {
    const codeUrls = ['https://github.com/a/one', 'https://github.com/a/one', 'https://github.com/b/two'];
    expect(mergePaper(undefined, incoming({ codeUrls }), today).codeUrls).toEqual([
      'https://github.com/a/one',
      'https://github.com/b/two',
    ]);
  });
});

describe('paperHash', () => {
  it('is stable: the same content in another key order hashes the same', () => {
    const reordered = Object.fromEntries(Object.entries(stored).reverse()) as unknown as Paper;
    expect(paperHash(reordered)).toBe(paperHash(stored));
    expect(paperHash({ ...stored, authors: [...stored.authors] })).toBe(paperHash(stored));
  });

  it('re-merging the stored paper with itself changes nothing', () => {
    const again = mergePaper(stored, { ...stored }, today);
    expect(paperHash(again)).toBe(paperHash(stored));
  });

  it.each<[keyof Paper, unknown]>([
    ['version', 2],
    ['title', 'Another title'],
    ['abstract', 'Another abstract.'],
    ['authors', ['Team Seedream', 'Someone Else']],
    ['categories', ['cs.CV', 'cs.AI']],
    ['primaryCategory', 'cs.AI'],
    ['published', '2025-09-24T17:59:04.000Z'],
    ['updated', '2025-09-25T00:00:00.000Z'],
    ['comment', null],
    ['doi', '10.48550/arXiv.2509.20427'],
    ['journalRef', 'CVPR 2026'],
    ['codeUrls', ['https://github.com/a/one']],
    ['source', 'kaggle'],
    ['firstSeen', '2025-09-25'],
  ])('changes when %s changes', (field, value) => {
    expect(paperHash({ ...stored, [field]: value })).not.toBe(paperHash(stored));
  });
});
