import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePythonLiteral, PythonLiteralError } from './pyrepr.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url), 'utf8');

// Day files whose items are Python repr strings rather than objects (see test/fixtures/README.md).
const reprDays = ['2024-12-11', '2024-12-12'];
const reprItems = (day: string): string[] => JSON.parse(fixture(`hf-raw/${day}.json`)) as string[];

interface Item {
  paper: { id: string; upvotes: number; title: string };
  title: string;
  numComments: number;
}

// String.raw keeps the inputs exactly as Python printed them, backslashes included.
const valid: [name: string, input: string, expected: unknown][] = [
  [
    'real author entry (2024-12-11)',
    String.raw`{'_id': '67590ae29500a8d4bb970a6b', 'name': 'Zongyu Lin', 'hidden': False}`,
    { _id: '67590ae29500a8d4bb970a6b', name: 'Zongyu Lin', hidden: false },
  ],
  [
    'real title with \\n (2024-12-11)',
    String.raw`{'title': 'DiffSensei: Bridging Multi-Modal LLMs and Diffusion Models for\n  Customized Manga Generation'}`,
    {
      title: 'DiffSensei: Bridging Multi-Modal LLMs and Diffusion Models for\n  Customized Manga Generation',
    },
  ],
  [
    'real double-quoted name with apostrophe',
    String.raw`{'name': "Felice Dell'Orletta"}`,
    { name: "Felice Dell'Orletta" },
  ],
  [
    "real \\' escapes (2024-12-12)",
    String.raw`'[IDK] ("I don\'t know") token to the model\'s vocabulary'`,
    `[IDK] ("I don't know") token to the model's vocabulary`,
  ],
  [
    'real escaped backslash (2024-12-11)',
    String.raw`'alignment.\\url{https://codearenaeval.github.io/ }'`,
    'alignment.\\url{https://codearenaeval.github.io/ }',
  ],
  ['double-quoted string with \\"', String.raw`"say \"hi\""`, 'say "hi"'],
  ['tab, carriage return, bell, backspace', String.raw`'a\tb\rc\ad\b'`, 'a\tb\rc\x07d\b'],
  ['\\xNN escapes', String.raw`'\x00\x1b\x7f\xa0'`, '\x00\x1b\x7f\xa0'],
  ['\\uNNNN escapes', String.raw`'\u200b\u2028\uFFFD'`, '\u200b\u2028\uFFFD'],
  ['\\UNNNNNNNN escape outside the BMP', String.raw`'\U0001f600'`, '\u{1f600}'],
  ['octal escape', String.raw`'\0\101'`, '\0A'],
  ['unescaped non-ASCII text', `'é ü 中文 😀'`, 'é ü 中文 😀'],
  ['empty strings', `['', ""]`, ['', '']],
  ['True, False, None', '[True, False, None]', [true, false, null]],
  ['integers', '[0, 42, -7, +3, 12345678]', [0, 42, -7, 3, 12345678]],
  [
    'floats as Python prints them',
    '[0.1, -2.5, 3.0, 1e-05, 1.5e+300, -0.0]',
    [0.1, -2.5, 3, 1e-5, 1.5e300, -0],
  ],
  ['floats Python accepts but repr never prints', '[.5, 5., 1E3]', [0.5, 5, 1000]],
  ['tuples become arrays', '((1,), (), (1, 2))', [[1], [], [1, 2]]],
  ['empty containers', '[{}, [], ()]', [{}, [], []]],
  ['nested', "{'a': {'b': [None, {'c': (1, 'x')}]}}", { a: { b: [null, { c: [1, 'x'] }] } }],
  ['trailing commas', "{'a': [1, 2,], 'b': 3,}", { a: [1, 2], b: 3 }],
  ['whitespace around tokens', " \n{ 'a' :\t[ 1 ,2 ] }\r\n", { a: [1, 2] }],
  ['duplicate keys: the last wins, as in Python', "{'a': 1, 'a': 2}", { a: 2 }],
  ['a bare scalar', "'just a string'", 'just a string'],
];

// Offsets are pinned so a change in where errors are reported is a visible test change.
const invalid: [name: string, input: string, offset: number, message: RegExp][] = [
  ['empty input', '', 0, /expected a value but found end of input/],
  ['only whitespace', '  \n', 3, /expected a value but found end of input/],
  [
    'string cut mid-way',
    String.raw`{'_id': '67590ae29500a8d4bb970a6b', 'name': 'Zongyu`,
    51,
    /unterminated string opened at offset 44: reached end of input/,
  ],
  ['dict cut after a value', "{'a': 1", 7, /unclosed '\{' opened at offset 0: reached end of input/],
  ['list cut after a comma', '[1, 2,', 6, /expected a value but found end of input/],
  ['tuple cut', '(1, 2', 5, /unclosed '\(' opened at offset 0/],
  ['cut inside an escape', "'don\\", 4, /unterminated escape sequence/],
  ['cut inside a \\u escape', String.raw`'\u20`, 1, /escape \\u needs 4 hex digits/],
  ['missing colon', "{'a' 1}", 5, /expected ':' after dict key but found character "1"/],
  ['missing comma', '[1 2]', 3, /expected ',' or '\]' but found character "2"/],
  ['double comma', '[1,,2]', 3, /expected a value but found character ","/],
  ['lone comma', '[,]', 1, /expected a value/],
  ['non-string dict key', '{1: 2}', 1, /dict key is not a string/],
  ['a set', "{'a', 'b'}", 4, /expected ':' after dict key/],
  ['JSON spelling of true', '[true]', 1, /unexpected name 'true'/],
  ['nan', '[nan]', 1, /unexpected name 'nan'/],
  ['a call', "{'a': set()}", 6, /unexpected name 'set'/],
  ['bytes literal', "b'x'", 0, /unexpected name 'b'/],
  ['unknown escape', String.raw`'a\qb'`, 2, /unknown escape sequence \\q/],
  ['short \\x escape', String.raw`'\x4'`, 1, /escape \\x needs 2 hex digits/],
  ['\\U beyond U+10FFFF', String.raw`'\U00110000'`, 1, /beyond U\+10FFFF/],
  ['raw newline inside a string', "'a\nb'", 2, /unterminated string opened at offset 0: reached a newline/],
  ['unbalanced closer', "{'a': [1}", 8, /expected ',' or '\]' but found character "}"/],
  ['trailing garbage', '{} x', 3, /unexpected character "x" after the value/],
  ['two values', '1 2', 2, /after the value/],
  ['number with two dots', '1.2.3', 0, /malformed number/],
  ['exponent without digits', '1e', 0, /malformed number/],
  ['digits glued to a name', '12abc', 0, /malformed number/],
  ['double sign', '--1', 0, /malformed number/],
  ['overflowing float', '1e999', 0, /number out of range/],
  ['nesting too deep', '['.repeat(600), 500, /nesting deeper than 500 levels/],
];

describe('parsePythonLiteral', () => {
  it.each(valid)('parses %s', (_name, input, expected) => {
    expect(parsePythonLiteral(input)).toEqual(expected);
  });

  it.each(invalid)('rejects %s', (_name, input, offset, message) => {
    let error: unknown;
    try {
      parsePythonLiteral(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PythonLiteralError);
    expect((error as PythonLiteralError).offset).toBe(offset);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain(`at offset ${offset}`);
  });

  it('keeps a __proto__ key as plain data', () => {
    const value = parsePythonLiteral("{'__proto__': {'polluted': True}}") as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe.each(reprDays)('real Python-repr day file %s', (day) => {
  const items = reprItems(day);

  it('holds only repr strings', () => {
    expect(items.length).toBeGreaterThan(10);
    for (const item of items) expect(typeof item).toBe('string');
  });

  it.each(items.map((text, i) => [i, text] as const))(
    'item %i parses to a paper with id and upvotes',
    (_i, text) => {
      const item = parsePythonLiteral(text) as Item;
      expect(item.paper.id).toMatch(/^\d{4}\.\d{5}$/);
      expect(Number.isInteger(item.paper.upvotes)).toBe(true);
      expect(typeof item.title).toBe('string');
    },
  );
});

describe('real repr items against their flattened rows', () => {
  // hf-daily-sample.jsonl was flattened upstream with Python's ast.literal_eval, so it is an independent oracle.
  const rows = fixture('hf-daily-sample.jsonl')
    .split('\n')
    .filter((line) => line !== '')
    .map(
      (line) =>
        JSON.parse(line) as {
          daily_date: string;
          arxiv_id: string;
          upvotes: number;
          num_comments: number;
          title: string;
        },
    )
    .filter((row) => reprDays.includes(row.daily_date));

  it('has rows to compare', () => {
    expect(rows.length).toBeGreaterThan(0);
  });

  it.each(rows.map((row) => [row.arxiv_id, row] as const))('%s matches', (_id, row) => {
    const items = reprItems(row.daily_date).map((text) => parsePythonLiteral(text) as Item);
    const item = items.find((it) => it.paper.id === row.arxiv_id);
    expect(item).toBeDefined();
    expect(item?.paper.upvotes).toBe(row.upvotes);
    expect(item?.numComments).toBe(row.num_comments);
    expect(item?.title).toBe(row.title);
  });
});

describe('truncated real input', () => {
  const items = reprItems('2024-12-11');
  const shortest = items.reduce((a, b) => (b.length < a.length ? b : a));

  it('rejects every proper prefix of a real item with an offset inside the text', () => {
    const wrong: string[] = [];
    for (let end = 0; end < shortest.length; end++) {
      try {
        parsePythonLiteral(shortest.slice(0, end));
        wrong.push(`prefix of length ${end} parsed`);
      } catch (e) {
        if (!(e instanceof PythonLiteralError) || e.offset > end)
          wrong.push(`prefix of length ${end}: ${String(e)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
