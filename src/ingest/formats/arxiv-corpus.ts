// The normalized arXiv corpus rows in ../shared/data/arxiv-corpus (one JSON object per line).
import { z } from 'zod';
import { githubUrlsIn } from '../../model/code-links.js';
import { arxivId, categories, check, cleanText, isoDate, requireText, type ImportFormat } from '../record.js';

const row = z.object({
  id: z.string(),
  title: z.string().nullish(),
  abstract: z.string().nullish(),
  authors: z.array(z.string()).default([]),
  categories: z.array(z.string()).default([]),
  primary_category: z.string().nullish(),
  published: z.string().nullish(),
  updated: z.string().nullish(),
  first_seen: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
    .nullish(),
  comment: z.string().nullish(),
  sources: z.array(z.string()),
});

export const arxivCorpus: ImportFormat = {
  name: 'arxiv-corpus',
  matches: (v) => typeof v === 'object' && v !== null && 'sources' in v && 'first_seen' in v && 'id' in v,
  parse(value) {
    const r = check(row, value);
    const { id, version } = arxivId(r.id);
    const text = requireText(r.title, r.abstract);
    const cats = categories(r.categories);
    const primary = r.primary_category ?? cats[0] ?? null;
    return {
      paper: {
        id,
        version,
        ...text,
        authors: r.authors.map(cleanText).filter(Boolean),
        categories: primary && !cats.includes(primary) ? [primary, ...cats] : cats,
        primaryCategory: primary,
        published: isoDate(r.published, 'published'),
        updated: isoDate(r.updated, 'updated'),
        comment: r.comment ? cleanText(r.comment) : null,
        doi: null,
        journalRef: null,
        codeUrls: githubUrlsIn(text.abstract, r.comment),
        source: 'arxiv-corpus',
        firstSeen: r.first_seen ?? null,
      },
      signals: [],
    };
  },
};
