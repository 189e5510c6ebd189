// The import formats by name, and recognition of a file's format from its first record.
import type { ImportFormat } from '../record.js';
import { arxivCorpus } from './arxiv-corpus.js';
import { hfDaily } from './hf-daily.js';
import { kaggle } from './kaggle.js';
import { paperpulse } from './paperpulse.js';
import { seedPage } from './seed-page.js';

// Order matters for detection: the most specific shapes first, our own generic schema last.
export const formats: readonly ImportFormat[] = [kaggle, hfDaily, seedPage, arxivCorpus, paperpulse];

export const formatNames = ['auto', ...formats.map((f) => f.name)] as const;

/** The format with this name, or undefined. */
export const formatByName = (name: string) => formats.find((f) => f.name === name);

/** The first format whose shape matches this record, or undefined. */
export const detectFormat = (value: unknown) => formats.find((f) => f.matches(value));
