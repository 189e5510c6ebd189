// Small, valid papers and signals for store tests; override any field.
import type { PaperInput, Signal } from '../../src/model/paper.js';
import { smallCorpus } from '../../src/search/embed/fixtures.js';

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

/** A paper of the semantic fixture corpus's shape: its text as title, no abstract, cs.LG, listed 2025-03-02. */
export const corpusPaper = (id: string, title: string): PaperInput =>
  paper(id, {
    title,
    abstract: '',
    categories: ['cs.LG'],
    primaryCategory: 'cs.LG',
    published: '2025-03-01T00:00:00Z',
    source: 'paperpulse',
    firstSeen: '2025-03-02',
  });

/** The semantic fixture corpus (src/search/embed/fixtures.ts) as papers 2503.00001… in topic order. */
export const smallCorpusPapers = (): PaperInput[] =>
  smallCorpus.map((d, i) => corpusPaper(`2503.${String(i + 1).padStart(5, '0')}`, d.text));
