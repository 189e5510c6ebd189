// The trending page paperpulse grew from (../shared/data/seed-page): rank, title, abstract, some arXiv metadata.
import { z } from 'zod';
import { githubUrlsIn, normalizeGithubUrl } from '../../model/code-links.js';
import {
  RejectError,
  arxivId,
  categories,
  check,
  cleanText,
  isoDate,
  requireText,
  signals,
  type ImportFormat,
} from '../record.js';

const row = z.object({
  rank: z.number().int(),
  title: z.string().nullish(),
  abstract: z.string().nullish(),
  arxiv_id: z.string().nullish(),
  authors: z.array(z.string()).nullish(),
  categories: z.array(z.string()).nullish(),
  first_seen: z.string().nullish(),
  published_at: z.string().nullish(),
  hf_upvotes: z.number().nullish(),
  github_repo: z.string().nullish(),
  github_stars: z.number().nullish(),
  links_in_abstract: z.array(z.string()).default([]),
});

export const seedPage: ImportFormat = {
  name: 'seed-page',
  matches: (v) => typeof v === 'object' && v !== null && 'rank' in v && 'links_in_abstract' in v,
  parse(value) {
    const r = check(row, value);
    if (!r.arxiv_id) throw new RejectError('no arxiv_id (paperpulse keys every paper by its arXiv id)');
    const { id, version } = arxivId(r.arxiv_id);
    const text = requireText(r.title, r.abstract);
    const cats = categories(r.categories ?? []);
    const published = isoDate(r.published_at, 'published_at');
    const firstSeen = r.first_seen
      ? isoDate(r.first_seen, 'first_seen')!.slice(0, 10)
      : (published?.slice(0, 10) ?? null);
    const repo = r.github_repo ? normalizeGithubUrl(r.github_repo) : undefined;
    const links = r.links_in_abstract.map((u) => normalizeGithubUrl(u)).filter((u): u is string => !!u);
    return {
      paper: {
        id,
        version,
        ...text,
        authors: (r.authors ?? []).map(cleanText).filter(Boolean),
        categories: cats,
        primaryCategory: cats[0] ?? null,
        published,
        updated: null,
        comment: null,
        doi: null,
        journalRef: null,
        codeUrls: [...new Set([...(repo ? [repo] : []), ...links, ...githubUrlsIn(text.abstract)])],
        source: 'seed-page',
        firstSeen,
      },
      // The page carries no capture date, so its counts are recorded as seen on the paper's first listing day.
      signals: signals(id, firstSeen ? `${firstSeen}T00:00:00.000Z` : null, 'seed-page', {
        hf_upvotes: r.hf_upvotes,
        github_stars: repo ? r.github_stars : undefined,
      }),
    };
  },
};
