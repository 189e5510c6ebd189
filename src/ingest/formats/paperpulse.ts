// paperpulse's own JSON-lines schema: a paper with optional signal observations (also what export writes).
import { z } from 'zod';
import { externalSignalKinds } from '../../model/paper.js';
import { githubUrlsIn, normalizeGithubUrl } from '../../model/code-links.js';
import { arxivId, categories, check, cleanText, isoDate, requireText, type ImportFormat } from '../record.js';

const row = z.object({
  id: z.string(),
  version: z.number().int().positive().nullish(),
  title: z.string().nullish(),
  abstract: z.string().nullish(),
  authors: z.array(z.string()).default([]),
  categories: z.array(z.string()).default([]),
  primary_category: z.string().nullish(),
  published: z.string().nullish(),
  updated: z.string().nullish(),
  comment: z.string().nullish(),
  doi: z.string().nullish(),
  journal_ref: z.string().nullish(),
  code_urls: z.array(z.string()).default([]),
  first_seen: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
    .nullish(),
  signals: z
    .array(
      z.object({
        kind: z.enum(externalSignalKinds),
        value: z.number().nonnegative(),
        observed_at: z.string(),
      }),
    )
    .default([]),
});

export const paperpulse: ImportFormat = {
  name: 'paperpulse',
  matches: (v) => typeof v === 'object' && v !== null && 'id' in v && 'title' in v && 'abstract' in v,
  parse(value) {
    const r = check(row, value);
    const parsed = arxivId(r.id);
    const text = requireText(r.title, r.abstract);
    const cats = categories(r.categories);
    const code = r.code_urls.map((u) => normalizeGithubUrl(u) ?? u.trim()).filter(Boolean);
    return {
      paper: {
        id: parsed.id,
        version: r.version ?? parsed.version,
        ...text,
        authors: r.authors.map(cleanText).filter(Boolean),
        categories: cats,
        primaryCategory: r.primary_category ?? cats[0] ?? null,
        published: isoDate(r.published, 'published'),
        updated: isoDate(r.updated, 'updated'),
        comment: r.comment ? cleanText(r.comment) : null,
        doi: r.doi ?? null,
        journalRef: r.journal_ref ?? null,
        codeUrls: [...new Set([...code, ...githubUrlsIn(text.abstract, r.comment)])],
        source: 'paperpulse',
        firstSeen: r.first_seen ?? null,
      },
      signals: r.signals.map((s) => ({
        paperId: parsed.id,
        kind: s.kind,
        value: s.value,
        observedAt: isoDate(s.observed_at, 'signals.observed_at')!,
        source: 'paperpulse',
      })),
    };
  },
};
