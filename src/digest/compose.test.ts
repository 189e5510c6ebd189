// Composition is a pure function of the pool and the reader's preferences: table-style cases on a small pool.
import { describe, expect, it } from 'vitest';
import { buildPool } from './pool.js';
import { compose, MATCH, type ComposeInput } from './compose.js';
import { paper } from '../../test/helpers/papers.js';
import type { Paper } from '../model/paper.js';
import { defaultPreferences } from '../model/subscriber.js';

const p = (id: string, over: Partial<Paper>): Paper => ({ ...paper(id), firstSeen: '2026-11-30', ...over });

const papers = [
  p('2611.00001', {
    title: 'Diffusion Models for Protein Design',
    abstract: 'We train a diffusion model on protein backbones.',
    authors: ['Grace Hopper', 'Alan Turing'],
    categories: ['cs.LG', 'q-bio.BM'],
    primaryCategory: 'cs.LG',
    firstSeen: '2026-11-29',
  }),
  p('2611.00002', {
    title: 'Sparse attention for long context',
    abstract: 'A KV cache that grows sublinearly with context length.',
    categories: ['cs.CL'],
    primaryCategory: 'cs.CL',
  }),
  p('2611.00003', {
    title: 'Vision transformers at scale',
    abstract: 'Scaling laws for image models.',
    categories: ['cs.CV', 'cs.LG'],
    primaryCategory: 'cs.CV',
    firstSeen: '2026-11-28',
  }),
  p('2611.00004', {
    title: 'Policy gradients revisited',
    abstract: 'Reinforcement learning without a critic.',
    authors: ['Émile Borel'],
    categories: ['cs.LG'],
    primaryCategory: 'cs.LG',
  }),
  p('2610.00005', {
    title: 'An older paper whose code took off',
    abstract: 'Cache eviction for model serving.',
    categories: ['cs.DC'],
    primaryCategory: 'cs.DC',
    firstSeen: '2026-10-01',
  }),
  p('2610.00006', {
    title: 'An older paper nobody reacts to',
    abstract: 'Diffusion of heat.',
    categories: ['cs.LG'],
    primaryCategory: 'cs.LG',
    firstSeen: '2026-10-02',
  }),
];
const scores: Record<string, number> = {
  '2611.00001': 8,
  '2611.00002': 2,
  '2611.00003': 30,
  '2611.00004': 0,
  '2610.00005': 50,
  '2610.00006': 0,
};
const pool = buildPool(
  '2026-11-30',
  '2026-11-30T12:00:00.000Z',
  papers.map((paper) => ({
    paper,
    score: scores[paper.id]!,
    detail: undefined,
    trendingNow: paper.id.startsWith('2610'),
  })),
);

const input = (prefs: Partial<ComposeInput['prefs']>, over: Partial<ComposeInput> = {}): ComposeInput => ({
  prefs: { ...defaultPreferences(), ...prefs },
  since: '2026-11-28',
  received: new Set(),
  saved: [],
  ...over,
});
const ids = (i: ComposeInput) => compose(pool, i).map((x) => x.paper.id);

describe('compose', () => {
  it('without preferences: new listings and papers trending now, by trending score', () => {
    // 2610.00006 is old and not trending (score 0): left out; 2610.00005 is old but trending now: in.
    expect(ids(input({}))).toEqual(['2610.00005', '2611.00003', '2611.00001', '2611.00002', '2611.00004']);
  });

  it('categories filter (primary or cross-list; an archive name covers its categories)', () => {
    expect(ids(input({ categories: ['cs.LG'] }))).toEqual(['2611.00003', '2611.00001', '2611.00004']);
    expect(ids(input({ categories: ['q-bio'] }))).toEqual(['2611.00001']);
  });

  it('keywords narrow by stemmed phrase, in order; a followed author is always in and comes first', () => {
    // "diffusion models" matches "a diffusion model" (stems), not "Diffusion of heat" (old anyway).
    expect(ids(input({ keywords: ['diffusion models'] }))).toEqual(['2611.00001']);
    expect(ids(input({ keywords: ['models diffusion'] }))).toEqual([]);
    expect(ids(input({ keywords: ['kv cache', 'the'] }))).toEqual(['2611.00002']);
    // Author names match without case or accents; the author's paper outranks a far more trending one.
    expect(ids(input({ categories: ['cs.CV'], authors: ['emile borel'] }))).toEqual([
      '2611.00004',
      '2611.00003',
    ]);
    const [first] = compose(pool, input({ keywords: ['diffusion model'], authors: ['Grace Hopper'] }));
    expect(first!.why.slice(0, 2)).toEqual(['by Grace Hopper, whom you follow', 'matches “diffusion model”']);
    expect(first!.rank).toBeGreaterThan(MATCH.author + MATCH.keyword);
  });

  it('never repeats a received paper, honours since and maxPapers', () => {
    const received = new Set(['2610.00005', '2611.00003']);
    expect(ids(input({}, { received }))).toEqual(['2611.00001', '2611.00002', '2611.00004']);
    expect(ids(input({}, { since: '2026-11-30' }))).toEqual(['2610.00005', '2611.00002', '2611.00004']);
    expect(ids(input({ maxPapers: 2 }))).toEqual(['2610.00005', '2611.00003']);
  });

  it('lifts papers close to what the reader saved', () => {
    const saved = [p('2601.00009', { authors: ['Alan Turing'], primaryCategory: 'cs.LG' })];
    const plain = compose(pool, input({ categories: ['cs.LG'] }));
    const lifted = compose(pool, input({ categories: ['cs.LG'] }, { saved }));
    const rank = (list: typeof plain, id: string) => list.find((x) => x.paper.id === id)!.rank;
    expect(rank(lifted, '2611.00001') - rank(plain, '2611.00001')).toBeCloseTo(
      MATCH.savedAuthor + MATCH.savedCategory,
    );
    expect(rank(lifted, '2611.00004') - rank(plain, '2611.00004')).toBeCloseTo(MATCH.savedCategory);
  });

  it('tells why a paper without a score row is there: its listing age', () => {
    const item = compose(pool, input({ categories: ['cs.LG'], keywords: ['policy gradient'] }))[0]!;
    expect(item.why).toEqual(['matches “policy gradient”', 'listed today']);
  });
});
