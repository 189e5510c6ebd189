// Snippets: the passage of a text where the query's terms cluster, with the matched words' offsets. The view
// wraps those ranges in <mark>; the text itself is always escaped by JSX (no HTML is built here).
import { defaultAnalyzer, tokenize, type Analyzer } from './tokenize.js';

/** A piece of text and the [start, end) ranges of matched words in it. */
export interface Snippet {
  text: string;
  highlights: [number, number][];
}

/** The index terms of the query words, for matching against text. */
export function termSet(words: string[], analyzer: Analyzer = defaultAnalyzer): Set<string> {
  const out = new Set<string>();
  for (const w of words) {
    const t = analyzer.term(w);
    if (t) out.add(t);
  }
  return out;
}

/** All of `text` with every word whose term is in `terms` highlighted (for titles). */
export function highlightAll(
  text: string,
  terms: Set<string>,
  analyzer: Analyzer = defaultAnalyzer,
): Snippet {
  const highlights: [number, number][] = [];
  for (const t of tokenize(text)) {
    const term = analyzer.term(t.word);
    if (term && terms.has(term)) highlights.push([t.start, t.end]);
  }
  return { text, highlights };
}

/**
 * About `maxWords` words of `text` around the densest cluster of query terms (most distinct terms, then most
 * hits), cut at word boundaries with "…" where text was left out. Without any hit: the opening words.
 */
export function snippet(
  text: string,
  terms: Set<string>,
  maxWords = 36,
  analyzer: Analyzer = defaultAnalyzer,
): Snippet {
  const tokens = tokenize(text);
  if (tokens.length === 0) return { text: text.slice(0, 300), highlights: [] };
  const hit = tokens.map((t) => {
    const term = analyzer.term(t.word);
    return term && terms.has(term) ? term : undefined;
  });
  let best = 0;
  let bestKey = -1;
  for (let s = 0; s < tokens.length; s++) {
    if (s > 0 && !hit[s]) continue; // Windows start at a hit (or at the beginning).
    const seen = new Set<string>();
    let hits = 0;
    for (let i = s; i < Math.min(tokens.length, s + maxWords); i++) {
      if (hit[i]) {
        seen.add(hit[i]!);
        hits++;
      }
    }
    const key = seen.size * 1000 + hits;
    if (key > bestKey) [best, bestKey] = [s, key];
  }
  // Start a few words before the first hit so it reads in context.
  const first = Math.max(0, best - (best > 0 ? 4 : 0));
  const last = Math.min(tokens.length, first + maxWords) - 1;
  const from = first === 0 ? 0 : tokens[first]!.start;
  const to = last === tokens.length - 1 ? text.length : tokens[last]!.end;
  const lead = from > 0 ? '… ' : '';
  const body = text.slice(from, to);
  const highlights: [number, number][] = [];
  for (let i = first; i <= last; i++) {
    if (hit[i]) highlights.push([tokens[i]!.start - from + lead.length, tokens[i]!.end - from + lead.length]);
  }
  return { text: lead + body + (to < text.length ? ' …' : ''), highlights };
}

/** Splits a snippet into plain and marked pieces, in order (what the view renders). */
export function snippetPieces(s: Snippet): { text: string; mark: boolean }[] {
  const out: { text: string; mark: boolean }[] = [];
  let at = 0;
  for (const [start, end] of s.highlights) {
    if (start < at) continue;
    if (start > at) out.push({ text: s.text.slice(at, start), mark: false });
    out.push({ text: s.text.slice(start, end), mark: true });
    at = end;
  }
  if (at < s.text.length) out.push({ text: s.text.slice(at), mark: false });
  return out;
}
