// Hugging Face daily papers: flattened rows (papers.jsonl) and raw /api/daily_papers items, including the
// Python-repr strings some saved responses contain instead of objects.
import { z } from 'zod';
import { normalizeGithubUrl, githubUrlsIn } from '../../model/code-links.js';
import { parsePythonLiteral } from '../pyrepr.js';
import {
  RejectError,
  arxivId,
  check,
  cleanText,
  isoDate,
  requireText,
  signals,
  type ImportFormat,
  type ParsedRecord,
  type RecordContext,
} from '../record.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');
const count = z.number().nonnegative().nullish();

const flat = z.object({
  daily_date: day,
  arxiv_id: z.string(),
  title: z.string().nullish(),
  summary: z.string().nullish(),
  authors: z.array(z.string()).nullish(),
  published_at: z.string().nullish(),
  upvotes: count,
  num_comments: count,
  github_repo: z.string().nullish(),
  github_stars: count,
});

const raw = z
  .object({
    paper: z
      .object({
        id: z.string(),
        authors: z.array(z.object({ name: z.string().nullish() }).loose()).nullish(),
        publishedAt: z.string().nullish(),
        submittedOnDailyAt: z.string().nullish(),
        title: z.string().nullish(),
        summary: z.string().nullish(),
        upvotes: count,
        githubRepo: z.string().nullish(),
        githubStars: count,
      })
      .loose(),
    title: z.string().nullish(),
    summary: z.string().nullish(),
    publishedAt: z.string().nullish(),
    numComments: count,
  })
  .loose();

interface Fields {
  id: string;
  title?: string | null;
  summary?: string | null;
  authors: string[];
  publishedAt?: string | null;
  day: string;
  upvotes?: number | null;
  comments?: number | null;
  repo?: string | null;
  stars?: number | null;
}

function toRecord(f: Fields): ParsedRecord {
  const { id, version } = arxivId(f.id);
  const text = requireText(f.title, f.summary);
  const published = isoDate(f.publishedAt, 'published_at');
  const repo = f.repo ? normalizeGithubUrl(f.repo) : undefined;
  return {
    paper: {
      id,
      version,
      ...text,
      authors: f.authors.map(cleanText).filter(Boolean),
      categories: [],
      primaryCategory: null,
      published,
      updated: null,
      comment: null,
      doi: null,
      journalRef: null,
      codeUrls: [...new Set([...(repo ? [repo] : []), ...githubUrlsIn(text.abstract)])],
      source: 'hf-daily',
      firstSeen: published ? published.slice(0, 10) : f.day,
    },
    // Each saved day is one observation: upvotes are a snapshot of that day, never a final total.
    signals: signals(id, `${f.day}T00:00:00.000Z`, 'hf-daily', {
      hf_upvotes: f.upvotes,
      hf_comments: f.comments,
      github_stars: repo ? f.stars : undefined,
    }),
  };
}

function fromRaw(value: unknown, ctx: RecordContext): ParsedRecord {
  let v = value;
  if (typeof v === 'string') {
    try {
      v = parsePythonLiteral(v);
    } catch (e) {
      throw new RejectError(`unreadable Python-repr item: ${(e as Error).message}`);
    }
  }
  const r = check(raw, v);
  const day = ctx.fileDay ?? r.paper.submittedOnDailyAt?.slice(0, 10);
  if (!day) throw new RejectError('no daily date: name the file YYYY-MM-DD.json or use the flattened format');
  return toRecord({
    id: r.paper.id,
    title: r.paper.title ?? r.title,
    summary: r.paper.summary ?? r.summary,
    authors: (r.paper.authors ?? []).map((a) => a.name ?? '').filter(Boolean),
    publishedAt: r.paper.publishedAt ?? r.publishedAt,
    day,
    upvotes: r.paper.upvotes,
    comments: r.numComments,
    repo: r.paper.githubRepo,
    stars: r.paper.githubStars,
  });
}

const isRawItem = (v: unknown) =>
  (typeof v === 'object' && v !== null && 'paper' in v) ||
  (typeof v === 'string' && v.startsWith("{'paper'"));

export const hfDaily: ImportFormat = {
  name: 'hf-daily',
  matches: (v) =>
    isRawItem(v) || (typeof v === 'object' && v !== null && 'daily_date' in v && 'arxiv_id' in v),
  parse(value, ctx) {
    if (isRawItem(value)) return fromRaw(value, ctx);
    const r = check(flat, value);
    return toRecord({
      id: r.arxiv_id,
      title: r.title,
      summary: r.summary,
      authors: r.authors ?? [],
      publishedAt: r.published_at,
      day: r.daily_date,
      upvotes: r.upvotes,
      comments: r.num_comments,
      repo: r.github_repo,
      stars: r.github_stars,
    });
  },
};
