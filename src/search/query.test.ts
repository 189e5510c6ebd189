import { describe, expect, it } from 'vitest';
import { MAX_QUERY_CHARS, dateSpan, isEmptyQuery, parseQuery, type ParsedQuery } from './query.js';

const none: ParsedQuery = {
  words: [],
  phrases: [],
  excluded: [],
  authors: [],
  categories: [],
  hasCode: false,
};

describe('parseQuery', () => {
  const cases: [string, string, Partial<ParsedQuery>][] = [
    ['plain words, folded', 'Diffusion TRANSFORMERS', { words: ['diffusion', 'transformers'] }],
    ['accents fold', 'Schrödinger bridge', { words: ['schrodinger', 'bridge'] }],
    [
      'a phrase ranks and is required',
      '"kv cache" offload',
      { words: ['kv', 'cache', 'offload'], phrases: [['kv', 'cache']] },
    ],
    ['one-word quotes are a plain word', '"llm"', { words: ['llm'] }],
    ['exclusion', 'vision -medical', { words: ['vision'], excluded: [['medical']] }],
    [
      'excluded phrase',
      'vision -"medical imaging"',
      { words: ['vision'], excluded: [['medical', 'imaging']] },
    ],
    ['author with quotes', 'author:"Yann LeCun" energy', { words: ['energy'], authors: ['Yann LeCun'] }],
    ['category', 'cat:cs.LG', { categories: ['cs.LG'] }],
    // Bounds are exclusive numbers, so year 2025 is (20250100, 20251232): every 2025 day and nothing else.
    ['year', 'year:2025', { after: 20250100, before: 20251232 }],
    ['after a day is exclusive', 'after:2025-01-01', { after: 20250101 }],
    ['after a month means after it ends', 'after:2025-02', { after: 20250228 }],
    ['before a month means before it starts', 'before:2025-03', { before: 20250301 }],
    ['has:code and sort', 'has:code sort:date', { hasCode: true, sort: 'date' }],
    ['unknown operator is words', 'foo:bar', { words: ['foo', 'bar'] }],
    ['invalid year is words', 'year:20x5', { words: ['year', '20x5'] }],
    ['impossible date is words', 'after:2025-02-30', { words: ['after', '2025', '02', '30'] }],
    ['bad category is words', 'cat:<script>', { words: ['cat', 'script'] }],
    ['unbalanced quote reads plain words', '"kv cache offload', { words: ['kv', 'cache', 'offload'] }],
    ['only operators', 'has:code cat:cs.CL', { hasCode: true, categories: ['cs.CL'] }],
    ['regex metacharacters', '.*+?^${}()|[]\\ a(b)', { words: ['a', 'b'] }],
    [
      'control characters split words',
      'graph\u0000neural\u0007net\u202e',
      { words: ['graph', 'neural', 'net'] },
    ],
    ['a lone minus is nothing', '- -', {}],
    [
      'html is just words',
      '<img src=x onerror=alert(1)>',
      { words: ['img', 'src', 'x', 'onerror', 'alert', '1'] },
    ],
    ['negated operator is an exclusion of its words', '-cat:cs.LG', { excluded: [['cat', 'cs', 'lg']] }],
    ['empty', '', {}],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(parseQuery(input)).toEqual({ ...none, ...expected });
  });

  it('bounds huge input', () => {
    const q = parseQuery('word '.repeat(100_000) + '"' + 'x'.repeat(10_000));
    expect(q.words.length).toBeLessThanOrEqual(32);
    expect(q.words.every((w) => w === 'word')).toBe(true);
    expect(MAX_QUERY_CHARS).toBe(1000);
  });

  it('bounds the number of operator groups', () => {
    const q = parseQuery(
      Array.from({ length: 50 }, (_, i) => `-x${i} cat:cs.A${i % 2 ? 'I' : 'R'}`).join(' '),
    );
    expect(q.excluded.length).toBe(8);
    expect(q.categories.length).toBe(8);
  });

  it('never throws on random input', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = 'ab "-:\\()*\u0000\u00e9\ud83d\ude00year:author:cat:has:sort:after:2025-01';
    for (let n = 0; n < 500; n++) {
      const s = Array.from(
        { length: Math.floor(rand() * 40) },
        () => alphabet[Math.floor(rand() * alphabet.length)],
      ).join('');
      expect(() => parseQuery(s)).not.toThrow();
    }
  });

  it('knows an empty query', () => {
    expect(isEmptyQuery(parseQuery('  "" - '))).toBe(true);
    expect(isEmptyQuery(parseQuery('has:code'))).toBe(false);
  });
});

describe('dateSpan', () => {
  it.each([
    ['2024', [20240101, 20241231]],
    ['2024-02', [20240201, 20240229]],
    ['2025-12-31', [20251231, 20251231]],
    ['2025-13', undefined],
    ['1800', undefined],
    ['25-01-01', undefined],
  ] as const)('%s', (s, span) => expect(dateSpan(s)).toEqual(span));
});
