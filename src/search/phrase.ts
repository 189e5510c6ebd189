// Phrase checks against a paper's text: the index knows which words a paper has, not where, so candidates are
// confirmed by reading their title, abstract and authors.
import type { Paper } from '../model/paper.js';
import { analyze, defaultAnalyzer, type Analyzer } from './tokenize.js';

/** True when `haystack` contains `needle` as a contiguous run. */
function containsRun(haystack: string[], needle: string[]): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * True when every phrase occurs in one of the paper's fields, compared as index terms (so "neural networks"
 * matches "neural network" and stop words between words do not count).
 */
export function hasPhrases(paper: Paper, phrases: string[][], analyzer: Analyzer = defaultAnalyzer): boolean {
  if (!phrases.length) return true;
  const fields = [paper.title, paper.abstract, ...paper.authors].map((t) => analyze(t, analyzer));
  return phrases.every((words) => {
    const needle = words.map((w) => analyzer.term(w)).filter((t): t is string => t !== undefined);
    return needle.length === 0 || fields.some((f) => containsRun(f, needle));
  });
}
