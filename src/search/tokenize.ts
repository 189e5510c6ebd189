// Text -> index terms: Unicode-aware word splitting, case and accent folding, stop words, stemming.
import { porterStem, sStem } from './stem.js';
import { stopWords } from './stop-words.js';

/** One word of a text with its place, for snippets and phrase checks. */
export interface Token {
  /** The folded, unstemmed word. */
  word: string;
  /** UTF-16 offsets into the original text. */
  start: number;
  end: number;
}

// Letters and digits in any script; marks stay with their letter (e.g. Devanagari vowel signs).
const wordRe = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;
const combiningMarks = /\p{M}+/gu;

/** Lowercase, NFKD-decomposed without combining marks: "Schrödinger" and "schrodinger" meet. */
export function fold(word: string): string {
  const lower = word.toLowerCase();
  // ASCII is by far the common case; skip the normalisation work for it.
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(lower) ? lower : lower.normalize('NFKD').replace(combiningMarks, '');
}

/** True for text of ASCII characters only (lowercasing then keeps offsets, and words are [a-z0-9]+). */
// eslint-disable-next-line no-control-regex
export const asciiOnly = /^[\x00-\x7f]*$/;

/**
 * Calls `fn` with each folded word of `text`, in order: what tokenize() finds, without offsets. ASCII text (most
 * abstracts) takes a fast path that scans character codes instead of running the Unicode regex.
 */
export function forEachWord(text: string, fn: (word: string) => void): void {
  if (!asciiOnly.test(text)) {
    for (const m of text.matchAll(wordRe)) {
      const word = fold(m[0]);
      if (word) fn(word);
    }
    return;
  }
  const lower = text.toLowerCase();
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 0;
    const wordChar = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (wordChar) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      fn(lower.slice(start, i));
      start = -1;
    }
  }
}

/** The words of `text` with their offsets (no stop-word removal, no stemming). */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  if (asciiOnly.test(text)) {
    // Lowercasing ASCII keeps offsets; scanning codes is several times faster than the Unicode regex.
    const lower = text.toLowerCase();
    let start = -1;
    for (let i = 0; i <= lower.length; i++) {
      const c = i < lower.length ? lower.charCodeAt(i) : 0;
      if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
        if (start < 0) start = i;
      } else if (start >= 0) {
        out.push({ word: lower.slice(start, i), start, end: i });
        start = -1;
      }
    }
    return out;
  }
  for (const m of text.matchAll(wordRe)) {
    const word = fold(m[0]);
    if (word) out.push({ word, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Maps a folded word to its index term (undefined = not indexed). The index records which one it used. */
export interface Analyzer {
  readonly name: 'porter' | 's-stem' | 'none';
  term(word: string): string | undefined;
}

function cachedAnalyzer(name: Analyzer['name'], stem: (w: string) => string): Analyzer {
  // Stems repeat a lot within a corpus; caching them halves tokenising time on abstracts.
  const cache = new Map<string, string>();
  return {
    name,
    term(word) {
      if (stopWords.has(word)) return undefined;
      let t = cache.get(word);
      if (t === undefined) {
        // Very long "words" (base64, DNA strings) are cut so one record cannot bloat the dictionary.
        t = stem(word.length > 64 ? word.slice(0, 64) : word);
        if (cache.size > 500_000) cache.clear();
        cache.set(word, t);
      }
      return t;
    },
  };
}

/** The analyzers the index can use; `porter` is the default (best on SciFact, see docs/architecture.md). */
export const analyzers: Record<Analyzer['name'], Analyzer> = {
  porter: cachedAnalyzer('porter', porterStem),
  's-stem': cachedAnalyzer('s-stem', sStem),
  none: cachedAnalyzer('none', (w) => w),
};

export const defaultAnalyzer = analyzers.porter;

/** The index terms of `text`, in order, stop words dropped (what BM25 counts). */
export function analyze(text: string, analyzer: Analyzer = defaultAnalyzer): string[] {
  const out: string[] = [];
  forEachWord(text, (word) => {
    const t = analyzer.term(word);
    if (t) out.push(t);
  });
  return out;
}
