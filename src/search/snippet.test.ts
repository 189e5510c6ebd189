import { describe, expect, it } from 'vitest';
import { highlightAll, snippet, snippetPieces, termSet } from './snippet.js';

const abstract =
  'Large language models are expensive to serve. We study many systems questions about throughput. ' +
  'Our method moves the KV cache to CPU memory and overlaps transfers with compute, which cuts GPU memory use ' +
  'by half. Experiments on several benchmarks confirm it.';

describe('snippet', () => {
  it('picks the passage where the query terms cluster and marks them', () => {
    const s = snippet(abstract, termSet(['kv', 'caching', 'memory']), 20);
    expect(s.text.startsWith('… ')).toBe(true);
    expect(s.text.endsWith(' …')).toBe(true);
    const marked = snippetPieces(s)
      .filter((p) => p.mark)
      .map((p) => p.text);
    expect(marked).toEqual(['KV', 'cache', 'memory', 'memory']);
  });

  it('starts at the beginning when nothing matches', () => {
    const s = snippet(abstract, termSet(['zebra']), 8);
    expect(s.text).toBe('Large language models are expensive to serve. We …');
    expect(s.highlights).toEqual([]);
  });

  it('keeps markup as text: pieces are rendered escaped by the view', () => {
    const s = highlightAll('<b>Cache</b> & "more"', termSet(['cache']));
    expect(snippetPieces(s)).toEqual([
      { text: '<b>', mark: false },
      { text: 'Cache', mark: true },
      { text: '</b> & "more"', mark: false },
    ]);
  });
});
