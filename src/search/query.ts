// The search query language: words, "exact phrases", -exclusions and field operators. Never throws: anything it
// cannot read as an operator or phrase is read as plain words.
import { dayNumber } from './doc.js';
import { tokenize } from './tokenize.js';

export const sortOrders = ['relevance', 'date', 'trending'] as const;
export type SortOrder = (typeof sortOrders)[number];

export interface ParsedQuery {
  /** Folded words that rank results (plain words and phrase words), in query order, repeats kept. */
  words: string[];
  /** Each phrase's folded words (two or more); a result must contain each phrase. */
  phrases: string[][];
  /** Groups of folded words: a doc holding every word of a group is excluded. */
  excluded: string[][];
  /** Author names; a result must have an author matching each (all name parts, any order). */
  authors: string[];
  /** arXiv categories; a result must be in at least one. */
  categories: string[];
  /** Exclusive bounds on the paper's date, as yyyymmdd. */
  after?: number;
  before?: number;
  hasCode: boolean;
  sort?: SortOrder;
}

/** Longest query read; the rest is ignored (a search box needs no more, and it bounds the work per query). */
export const MAX_QUERY_CHARS = 1000;
const MAX_WORDS = 32;
const MAX_GROUPS = 8;

/** What an arXiv category looks like (cs.LG, math.OC, hep-th). */
export const categoryRe = /^[a-z-]+(\.[a-z-]+)?$/i;
// eslint-disable-next-line no-control-regex
const controlChars = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]+/g;

/** The first and last day (yyyymmdd) of "YYYY", "YYYY-MM" or "YYYY-MM-DD"; undefined when not a real date. */
export function dateSpan(s: string): [number, number] | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), m[2] ? Number(m[2]) : undefined, m[3] ? Number(m[3]) : undefined];
  if (y < 1900 || y > 2999 || (mo !== undefined && (mo < 1 || mo > 12))) return undefined;
  if (mo === undefined) return [y * 10000 + 101, y * 10000 + 1231];
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d === undefined) return [y * 10000 + mo * 100 + 1, y * 10000 + mo * 100 + last];
  if (d < 1 || d > last) return undefined;
  const day = dayNumber(`${m[1]}-${m[2]}-${m[3]}`);
  return [day, day];
}

const words = (s: string) => tokenize(s).map((t) => t.word);

/** Applies one `key:value` operator to `q`; false when it is not a valid operator (then it is read as words). */
function applyOperator(q: ParsedQuery, key: string, value: string): boolean {
  const v = value.trim();
  if (!v) return false;
  switch (key.toLowerCase()) {
    case 'author':
    case 'au':
      if (!words(v).length || q.authors.length >= MAX_GROUPS) return false;
      q.authors.push(v);
      return true;
    case 'cat':
    case 'category':
      if (!categoryRe.test(v) || q.categories.length >= MAX_GROUPS) return false;
      q.categories.push(v);
      return true;
    case 'year':
    case 'after':
    case 'before': {
      const span = dateSpan(v);
      if (!span || (key === 'year' && !/^\d{4}$/.test(v))) return false;
      const k = key.toLowerCase();
      // "after:X" means after the whole of X ends; "before:X" before it starts; "year:X" within it.
      if (k !== 'before') q.after = Math.max(q.after ?? 0, k === 'year' ? span[0] - 1 : span[1]);
      if (k !== 'after') q.before = Math.min(q.before ?? 99999999, k === 'year' ? span[1] + 1 : span[0]);
      return true;
    }
    case 'has':
      if (v.toLowerCase() !== 'code') return false;
      q.hasCode = true;
      return true;
    case 'sort': {
      const s = sortOrders.find((o) => o === v.toLowerCase());
      if (!s) return false;
      q.sort = s;
      return true;
    }
    default:
      return false;
  }
}

/** Parses a user's query; any input gives a usable (possibly empty) query. */
export function parseQuery(input: string): ParsedQuery {
  const q: ParsedQuery = {
    words: [],
    phrases: [],
    excluded: [],
    authors: [],
    categories: [],
    hasCode: false,
  };
  const s = String(input).slice(0, MAX_QUERY_CHARS).replace(controlChars, ' ');
  const addWords = (ws: string[]) => {
    for (const w of ws) if (q.words.length < MAX_WORDS) q.words.push(w);
  };
  let i = 0;
  while (i < s.length) {
    while (i < s.length && /\s/.test(s[i]!)) i++;
    if (i >= s.length) break;
    const negated = s[i] === '-' && i + 1 < s.length && !/\s/.test(s[i + 1]!);
    if (negated) i++;
    // A token runs to the next space, except that a quote opens a span that runs to its closing quote.
    let token = '';
    let quoted = false;
    while (i < s.length && !/\s/.test(s[i]!)) {
      if (s[i] === '"') {
        const close = s.indexOf('"', i + 1);
        if (close < 0) {
          i++; // An unbalanced quote is ignored; what follows is read as plain words.
          continue;
        }
        token += s.slice(i + 1, close);
        quoted = true;
        i = close + 1;
      } else token += s[i++];
    }
    const op = /^([a-z]+):(.+)$/is.exec(token);
    if (op && !negated && applyOperator(q, op[1]!, op[2]!)) continue;
    const ws = words(token);
    if (!ws.length) continue;
    if (negated) {
      if (q.excluded.length < MAX_GROUPS) q.excluded.push(ws.slice(0, MAX_WORDS));
    } else {
      if (quoted && ws.length > 1 && q.phrases.length < MAX_GROUPS) q.phrases.push(ws.slice(0, MAX_WORDS));
      addWords(ws);
    }
  }
  return q;
}

/** True when the query asks for nothing at all (no words and no filters). */
export const isEmptyQuery = (q: ParsedQuery) =>
  q.words.length === 0 &&
  q.authors.length === 0 &&
  q.categories.length === 0 &&
  q.after === undefined &&
  q.before === undefined &&
  !q.hasCode;
