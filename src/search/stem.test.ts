import { describe, expect, it } from 'vitest';
import { porterStem, sStem } from './stem.js';
import { analyze, fold, tokenize } from './tokenize.js';

describe('porterStem', () => {
  // Pairs from Porter's paper and its published vocabulary.
  it.each([
    ['caresses', 'caress'],
    ['ponies', 'poni'],
    ['cats', 'cat'],
    ['feed', 'feed'],
    ['agreed', 'agre'],
    ['plastered', 'plaster'],
    ['motoring', 'motor'],
    ['sing', 'sing'],
    ['conflated', 'conflat'],
    ['troubled', 'troubl'],
    ['sized', 'size'],
    ['hopping', 'hop'],
    ['falling', 'fall'],
    ['filing', 'file'],
    ['happy', 'happi'],
    ['relational', 'relat'],
    ['conditional', 'condit'],
    ['generalization', 'gener'],
    ['networks', 'network'],
    ['learning', 'learn'],
    ['optimization', 'optim'],
    ['transformers', 'transform'],
    ['probabilistic', 'probabilist'],
    ['controlling', 'control'],
    ['generate', 'gener'],
    ['sky', 'sky'],
  ])('%s -> %s', (word, stem) => expect(porterStem(word)).toBe(stem));

  it('leaves short, numeric and non-Latin words alone', () => {
    for (const w of ['is', 'gpt4', '2024', 'δίκτυο', 'сети']) expect(porterStem(w)).toBe(w);
  });
});

describe('sStem', () => {
  it.each([
    ['queries', 'query'],
    ['networks', 'network'],
    ['glasses', 'glasse'],
    ['virus', 'virus'],
    ['class', 'class'],
  ])('%s -> %s', (word, stem) => expect(sStem(word)).toBe(stem));
});

describe('tokenize and analyze', () => {
  it('splits on anything but letters and digits, keeps offsets', () => {
    const text = 'GPT-4o: état-of-the-art, 3D 視覚';
    const toks = tokenize(text);
    expect(toks.map((t) => t.word)).toEqual(['gpt', '4o', 'etat', 'of', 'the', 'art', '3d', '視覚']);
    expect(toks.map((t) => text.slice(t.start, t.end))).toContain('état');
  });

  it('finds the same words and offsets on the ASCII fast path', () => {
    const text = 'KV-cache (v2): 3x faster!';
    expect(tokenize(text).map((t) => [t.word, text.slice(t.start, t.end)])).toEqual([
      ['kv', 'KV'],
      ['cache', 'cache'],
      ['v2', 'v2'],
      ['3x', '3x'],
      ['faster', 'faster'],
    ]);
  });

  it('folds case and accents', () => expect(fold('SCHRÖDINGER')).toBe('schrodinger'));

  it('drops stop words and stems', () => {
    expect(analyze('The Learning of Neural Networks')).toEqual(['learn', 'neural', 'network']);
  });
});
