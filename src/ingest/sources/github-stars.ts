// github-stars: polls the star count of every GitHub repository linked from a paper (GET /repos/{owner}/{repo})
// and records it as a github_stars observation for each paper linking it (a time series for star velocity).
// Polite and cheap: conditional requests with the saved ETag (a 304 costs no rate limit), GITHUB_TOKEN when
// set, the client's wait on 403/429 rate limits, and a graceful stop when the hourly allowance is used up.
//
// Polling rule (hot repositories more often than cold ones), by what the last poll showed:
//   first poll                    -> again in 12 h
//   gained >= max(10, 2 %) a day  -> 6 h   (hot: a paper being discovered)
//   gained some stars             -> 24 h
//   no change (or 304)            -> 72 h  (cold)
//   404/410/451 (gone or blocked) -> 14 days
// Each interval is stretched by up to 10 % by a hash of the repository name, so polls spread over time.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { UserError } from '../../errors.js';
import type { Signal } from '../../model/paper.js';
import { normalizeGithubUrl } from '../../model/code-links.js';
import { expectOk } from '../http.js';
import { hourOf } from './dates.js';
import { MalformedPageError } from './xml.js';
import type { Source, SourceContext } from './source.js';

export const DEFAULT_GITHUB_BASE = 'https://api.github.com';
const HOUR = 3_600_000;
const REPOS_PER_PAGE = 25;

/** Saved per repository under `ingest:github-stars:repo:<owner>/<name>` (lower case). */
export interface RepoState {
  etag?: string;
  stars?: number;
  polledAt: string;
  nextAt: string;
  gone?: boolean;
}

export const repoKey = (repo: string) => `ingest:github-stars:repo:${repo.toLowerCase()}`;

const repoJson = z
  .object({ stargazers_count: z.number().int().nonnegative(), full_name: z.string() })
  .loose();

/** Hours until the next poll, by the rule in the header comment; gains are per day since the previous poll. */
export function pollIntervalHours(
  prev: number | undefined,
  now: number | undefined,
  gone = false,
  elapsedHours = 24,
): number {
  if (gone) return 14 * 24;
  if (prev === undefined || now === undefined) return 12;
  const gainedPerDay = ((now - prev) * 24) / Math.max(elapsedHours, 1);
  if (gainedPerDay >= Math.max(10, prev * 0.02)) return 6;
  if (gainedPerDay > 0) return 24;
  return 72;
}

const spread = (repo: string) => 1 + (createHash('sha1').update(repo).digest()[0]! / 255) * 0.1;

/** Every linked GitHub repository ("owner/name" as first seen) with the papers linking it, keyed in lower case. */
async function linkedRepos(ctx: SourceContext): Promise<Map<string, { repo: string; papers: string[] }>> {
  const repos = new Map<string, { repo: string; papers: string[] }>();
  let after: { paperId: string; url: string } | undefined;
  for (;;) {
    const links = await ctx.store.codeLinks(after, 1000);
    for (const l of links) {
      const url = normalizeGithubUrl(l.url);
      if (!url) continue;
      const repo = url.slice('https://github.com/'.length);
      // GitHub names are case-insensitive: one repository however it is spelled.
      const entry = repos.get(repo.toLowerCase()) ?? { repo, papers: [] };
      if (!entry.papers.includes(l.paperId)) entry.papers.push(l.paperId);
      repos.set(repo.toLowerCase(), entry);
    }
    if (links.length < 1000) return repos;
    after = links.at(-1);
  }
}

export const githubStars: Source = {
  name: 'github-stars',
  async *pages(ctx) {
    const { options } = ctx;
    const base = (options.baseUrl ?? DEFAULT_GITHUB_BASE).replace(/\/$/, '');
    const now = ctx.now();
    const repos = await linkedRepos(ctx);
    const due: { repo: string; papers: string[]; state?: RepoState }[] = [];
    for (const { repo, papers } of repos.values()) {
      const raw = await ctx.store.getMeta(repoKey(repo));
      const state = raw ? (JSON.parse(raw) as RepoState) : undefined;
      if (options.all || !state || Date.parse(state.nextAt) <= now.getTime())
        due.push({ repo, papers, state });
    }
    // Never-polled repositories first, then the most overdue.
    due.sort((a, b) => (a.state?.nextAt ?? '').localeCompare(b.state?.nextAt ?? ''));
    const todo = options.limit !== undefined ? due.slice(0, options.limit) : due;
    ctx.note(
      `${repos.size} linked repositories, ${due.length} due for a poll${todo.length < due.length ? `, polling ${todo.length}` : ''}.`,
    );
    const pages = Math.ceil(todo.length / REPOS_PER_PAGE);
    for (let p = 0; p < pages; p++) {
      const part = todo.slice(p * REPOS_PER_PAGE, (p + 1) * REPOS_PER_PAGE);
      const signals: Signal[] = [];
      const checkpoints: [string, string][] = [];
      let exhausted: string | undefined;
      for (const { repo, papers, state } of part) {
        const headers: Record<string, string> = {
          accept: 'application/vnd.github+json',
          'x-github-api-version': '2022-11-28',
          ...(state?.etag && !state.gone ? { 'if-none-match': state.etag } : {}),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        };
        const res = await ctx.http.get(`${base}/repos/${repo}`, { headers, signal: ctx.signal });
        if (res.status === 401) {
          throw new UserError(
            'GitHub refused the token (HTTP 401): check GITHUB_TOKEN or unset it to poll anonymously',
            'config',
          );
        }
        const at = ctx.now();
        const polledAt = at.toISOString();
        const next = (hours: number) => new Date(at.getTime() + hours * HOUR * spread(repo)).toISOString();
        let stars: number | undefined;
        let etag = state?.etag;
        if ([404, 410, 451].includes(res.status)) {
          ctx.note(
            `github.com/${repo}: HTTP ${res.status} (deleted, private or blocked); next try in 14 days`,
          );
          checkpoints.push([
            repoKey(repo),
            JSON.stringify({
              polledAt,
              nextAt: next(pollIntervalHours(undefined, undefined, true)),
              gone: true,
            }),
          ]);
          continue;
        }
        if (res.status === 304 && state?.stars !== undefined) stars = state.stars;
        else {
          expectOk(res, `GitHub repository ${repo}`);
          let body: unknown;
          try {
            body = JSON.parse(res.text());
          } catch (e) {
            throw new MalformedPageError(
              `GitHub's answer for ${repo} is not valid JSON (truncated?): ${(e as Error).message}`,
            );
          }
          const parsed = repoJson.safeParse(body);
          if (!parsed.success)
            throw new MalformedPageError(`GitHub's answer for ${repo} has no stargazers_count`);
          stars = parsed.data.stargazers_count;
          etag = res.headers.get('etag') ?? undefined;
        }
        const observedAt = hourOf(at);
        for (const paperId of papers)
          signals.push({ paperId, kind: 'github_stars', value: stars, observedAt, source: 'github' });
        const state2: RepoState = {
          etag,
          stars,
          polledAt,
          nextAt: next(
            pollIntervalHours(
              state?.stars,
              stars,
              false,
              state ? (at.getTime() - Date.parse(state.polledAt)) / HOUR : 24,
            ),
          ),
        };
        checkpoints.push([repoKey(repo), JSON.stringify(state2)]);
        const reset = res.headers.get('x-ratelimit-reset');
        if (res.headers.get('x-ratelimit-remaining') === '0' && reset) {
          exhausted = new Date(Number(reset) * 1000).toISOString();
          break;
        }
      }
      yield {
        label: `repositories ${p * REPOS_PER_PAGE + 1}-${p * REPOS_PER_PAGE + part.length}`,
        records: [],
        signals,
        rejected: [],
        checkpoints,
        expectedPages: pages,
      };
      if (exhausted) {
        ctx.note(
          `GitHub's rate limit is used up until ${exhausted}; the remaining repositories stay due for the next run${options.token ? '' : ' (set GITHUB_TOKEN for 5,000 requests an hour instead of 60)'}.`,
        );
        return;
      }
    }
  },
};
