// The Kaggle/Cornell arXiv metadata snapshot (arxiv-metadata-oai-snapshot.json): one JSON object per line.
import { z } from 'zod';
import { githubUrlsIn } from '../../model/code-links.js';
import { arxivId, categories, check, cleanText, isoDate, requireText, type ImportFormat } from '../record.js';

const row = z.object({
  id: z.string(),
  title: z.string().nullish(),
  abstract: z.string().nullish(),
  authors: z.string().nullish(),
  authors_parsed: z.array(z.array(z.string())).nullish(),
  categories: z.string().default(''),
  comments: z.string().nullish(),
  'journal-ref': z.string().nullish(),
  doi: z.string().nullish(),
  versions: z.array(z.object({ version: z.string(), created: z.string() })).default([]),
  update_date: z.string().nullish(),
});

// authors_parsed is [last, first, suffix]; the display form is "First Last Suffix".
const authorName = (parts: string[]) =>
  cleanText([parts[1] ?? '', parts[0] ?? '', parts[2] ?? ''].filter(Boolean).join(' '));

export const kaggle: ImportFormat = {
  name: 'kaggle',
  matches: (v) => typeof v === 'object' && v !== null && 'versions' in v && 'authors_parsed' in v,
  parse(value) {
    const r = check(row, value);
    const { id } = arxivId(r.id);
    const text = requireText(r.title, r.abstract);
    const cats = categories(r.categories.split(/\s+/));
    const versions = r.versions
      .map((v) => ({ n: Number(v.version.replace(/^v/, '')), at: isoDate(v.created, 'versions.created') }))
      .filter((v) => Number.isInteger(v.n))
      .sort((a, b) => a.n - b.n);
    const first = versions[0];
    const last = versions.at(-1);
    const authors = r.authors_parsed?.length
      ? r.authors_parsed.map(authorName)
      : (r.authors ?? '').split(/,\s*|\s+and\s+/).map(cleanText);
    return {
      paper: {
        id,
        version: last?.n ?? null,
        ...text,
        authors: authors.filter(Boolean),
        categories: cats,
        primaryCategory: cats[0] ?? null,
        published: first?.at ?? null,
        updated: last && last !== first ? last.at : null,
        comment: r.comments ? cleanText(r.comments) : null,
        doi: r.doi ? r.doi.trim() : null,
        journalRef: r['journal-ref'] ? cleanText(r['journal-ref']) : null,
        codeUrls: githubUrlsIn(text.abstract, r.comments),
        source: 'kaggle',
        firstSeen: first?.at?.slice(0, 10) ?? r.update_date ?? null,
      },
      signals: [],
    };
  },
};
