// Small, valid papers and signals for store tests; override any field.
import type { PaperInput, Signal } from '../../src/model/paper.js';

/** A minimal paper as an importer would produce it (arxiv-corpus source, listed 2025-09-26). */
export const paper = (id: string, over: Partial<PaperInput> = {}): PaperInput => ({
  id,
  version: 1,
  title: `Paper ${id}`,
  abstract: `Abstract of ${id}.`,
  authors: ['Ada Lovelace'],
  categories: ['cs.CL'],
  primaryCategory: 'cs.CL',
  published: null,
  updated: null,
  comment: null,
  doi: null,
  journalRef: null,
  codeUrls: [],
  source: 'arxiv-corpus',
  firstSeen: '2025-09-26',
  ...over,
});

/** One Hugging Face upvote observation of `value` at `observedAt`. */
export const signal = (
  paperId: string,
  value: number,
  observedAt: string,
  over: Partial<Signal> = {},
): Signal => ({
  paperId,
  kind: 'hf_upvotes',
  value,
  observedAt,
  source: 'hf-daily',
  ...over,
});
