// pwc-links: the Papers with Code dump links-between-papers-and-code.json(.gz): one JSON array of
// {paper_arxiv_id, repo_url, is_official, mentioned_in_paper, ...}. Links are added to papers already in the
// store (the dump has no abstracts, and a paper is never stored without one); official links or links the
// paper itself mentions only, since reimplementations' stars say little about the paper. The dump's ETag is
// saved so an unchanged dump is not downloaded again.
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import { normalizeGithubUrl } from '../../model/code-links.js';
import { parseArxivId } from '../../model/ids.js';
import { expectOk } from '../http.js';
import type { ParsedRecord } from '../record.js';
import { MalformedPageError } from './xml.js';
import type { Source, SourceRejection } from './source.js';

export const DEFAULT_PWC_URL =
  'https://production-media.paperswithcode.com/about/links-between-papers-and-code.json.gz';
export const PWC_CHECKPOINT = 'ingest:pwc-links';
const CHUNK = 1000;

const link = z
  .object({
    paper_arxiv_id: z.string().nullish(),
    repo_url: z.string().nullish(),
    is_official: z.boolean().nullish(),
    mentioned_in_paper: z.boolean().nullish(),
  })
  .loose();

function parseDump(body: Buffer, what: string): unknown[] {
  // Served gzipped as a file (not as Content-Encoding), so gunzip by magic bytes.
  let text: string;
  try {
    text = (body[0] === 0x1f && body[1] === 0x8b ? gunzipSync(body) : body).toString('utf8');
  } catch (e) {
    throw new MalformedPageError(`${what} is corrupt or truncated gzip: ${(e as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new MalformedPageError(`${what} is not valid JSON (truncated?): ${(e as Error).message}`);
  }
  if (!Array.isArray(doc)) throw new MalformedPageError(`${what} is JSON but not an array of links`);
  return doc;
}

export const pwcLinks: Source = {
  name: 'pwc-links',
  async *pages(ctx) {
    const url = ctx.options.baseUrl
      ? `${ctx.options.baseUrl.replace(/\/$/, '')}/links-between-papers-and-code.json.gz`
      : DEFAULT_PWC_URL;
    const saved = await ctx.store.getMeta(PWC_CHECKPOINT);
    const etag = saved ? (JSON.parse(saved) as { etag?: string }).etag : undefined;
    const res = expectOk(
      await ctx.http.get(url, { headers: etag ? { 'if-none-match': etag } : {}, signal: ctx.signal }),
      'Papers with Code dump',
      [304],
    );
    if (res.status === 304) {
      ctx.note('The Papers with Code dump has not changed since the last run; nothing to do.');
      return;
    }
    const items = parseDump(res.body, `the dump ${url}`);
    const chunks = Math.ceil(items.length / CHUNK);
    let kept = 0;
    for (let c = 0; c < chunks; c++) {
      const part = items.slice(c * CHUNK, (c + 1) * CHUNK);
      const rejected: SourceRejection[] = [];
      const wanted = new Map<string, string[]>();
      let skipped = 0;
      part.forEach((item, i) => {
        const position = `the dump, item ${c * CHUNK + i + 1}`;
        const r = link.safeParse(item);
        if (!r.success) {
          rejected.push({ position, reason: 'not a link object (paper_arxiv_id, repo_url expected)' });
          return;
        }
        const id = r.data.paper_arxiv_id ? parseArxivId(r.data.paper_arxiv_id)?.id : undefined;
        const repo = r.data.repo_url ? normalizeGithubUrl(r.data.repo_url) : undefined;
        // Not arXiv papers, non-GitHub hosts and third-party reimplementations are skipped, not errors.
        if (!id || !repo || !(r.data.is_official || r.data.mentioned_in_paper)) {
          skipped++;
          return;
        }
        wanted.set(id, [...(wanted.get(id) ?? []), repo]);
      });
      const papers = await ctx.store.papersByIds([...wanted.keys()]);
      skipped += [...wanted.keys()].length - papers.length;
      const records: ParsedRecord[] = papers.map((p) => ({
        // Same metadata, new links: the merge keeps the paper's source and adds the URLs.
        paper: { ...p, codeUrls: wanted.get(p.id)!, source: 'pwc-links' },
        signals: [],
      }));
      kept += records.length;
      const last = c === chunks - 1;
      yield {
        label: `the dump, items ${c * CHUNK + 1}-${c * CHUNK + part.length}`,
        records,
        rejected,
        skipped,
        // The ETag is saved only once the whole dump is in: a stopped run downloads it again.
        checkpoints: last
          ? [
              [
                PWC_CHECKPOINT,
                JSON.stringify({
                  etag: res.headers.get('etag') ?? undefined,
                  items: items.length,
                  linked: kept,
                  readAt: ctx.now().toISOString(),
                }),
              ],
            ]
          : [],
        expectedPages: chunks,
      };
    }
  },
};
