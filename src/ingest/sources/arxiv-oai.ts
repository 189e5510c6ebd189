// arxiv-oai: full harvests through OAI-PMH ListRecords in arXivRaw (all versions with dates), by set and
// datestamp window. The resumption token is checkpointed after every committed page, so a killed harvest
// resumes with the next page. noRecordsMatch is an empty window; badResumptionToken (expired) restarts the
// window from its first page, which is safe because the store merges what it has already seen.
import { UserError } from '../../errors.js';
import { expectOk } from '../http.js';
import { addDays, checkRange, dayOfDate } from './dates.js';
import { parseOaiPage } from './oai-page.js';
import type { Source, SourceContext, SourcePage } from './source.js';

export const DEFAULT_OAI_BASE = 'https://oaipmh.arxiv.org/oai';
export const DEFAULT_SETS = ['cs'];

/** Saved per set under `ingest:arxiv-oai:<set>`. */
export interface OaiState {
  from: string;
  until: string;
  /** The token of the next page to ask for; absent before the first page and after the last. */
  resumptionToken?: string;
  /** Records read in this window so far (deleted ones included). */
  harvested: number;
  done: boolean;
}

export const oaiCheckpointKey = (set: string) => `ingest:arxiv-oai:${set}`;

/** The OAI set of an arXiv archive or category: cs -> cs, cs.LG -> cs:cs:LG, math.GT -> math:math:GT. */
export function setSpecOf(category: string): string {
  const m = /^([a-z-]+)\.([A-Za-z-]+)$/.exec(category);
  return m ? `${m[1]}:${m[1]}:${m[2]}` : category;
}

async function startState(ctx: SourceContext, set: string): Promise<OaiState | undefined> {
  const { from, until } = ctx.options;
  const raw = await ctx.store.getMeta(oaiCheckpointKey(set));
  const saved = raw ? (JSON.parse(raw) as OaiState) : undefined;
  if (saved && !saved.done && (!from || from === saved.from) && (!until || until === saved.until))
    return saved;
  // After a finished window, start again on its last day: records stamped later that day were not in it.
  const start = from ?? saved?.until;
  if (!start) {
    throw new UserError(
      `arxiv-oai has no checkpoint for set ${set} yet: pass --from YYYY-MM-DD for the first harvest`,
      'usage',
    );
  }
  const end = until ?? addDays(dayOfDate(ctx.now()), -1);
  if (start > end) return undefined;
  return { from: start, until: end, harvested: 0, done: false };
}

async function* harvest(ctx: SourceContext, set: string): AsyncGenerator<SourcePage> {
  const state = await startState(ctx, set);
  if (!state) {
    ctx.note(`set ${set}: already harvested up to yesterday.`);
    return;
  }
  const base = (ctx.options.baseUrl ?? DEFAULT_OAI_BASE).replace(/\/$/, '');
  const key = oaiCheckpointKey(set);
  let restarts = 0;
  let n = 0;
  while (!state.done) {
    const params: Record<string, string> = state.resumptionToken
      ? { verb: 'ListRecords', resumptionToken: state.resumptionToken }
      : { verb: 'ListRecords', metadataPrefix: 'arXivRaw', set, from: state.from, until: state.until };
    const url = `${base}?${new URLSearchParams(params).toString()}`;
    const what = `set ${set} ${state.from}..${state.until} page ${++n}${state.resumptionToken ? ` (token ${state.resumptionToken})` : ''}`;
    const res = expectOk(await ctx.http.get(url, { signal: ctx.signal }), 'OAI-PMH');
    const page = parseOaiPage(res.text(), what);
    if (page.error?.code === 'badResumptionToken') {
      // Tokens expire; the only way on is to ask for the window again from its start.
      if (++restarts > 1) {
        throw new UserError(
          `${what}: the repository rejected the resumption token twice (${page.error.message})`,
          'failure',
        );
      }
      ctx.note(
        `set ${set}: the resumption token expired; restarting the window ${state.from}..${state.until}.`,
      );
      state.resumptionToken = undefined;
      state.harvested = 0;
      continue;
    }
    if (page.error && page.error.code !== 'noRecordsMatch') {
      throw new UserError(`${what}: OAI-PMH error ${page.error.code}: ${page.error.message}`, 'failure');
    }
    if (page.error) ctx.note(`set ${set}: no records changed in ${state.from}..${state.until}.`);
    for (const id of page.deleted) ctx.note(`${id}: deleted in the repository; kept here as it was`);
    state.harvested += page.records.length + page.rejected.length + page.deleted.length;
    state.resumptionToken = page.token;
    state.done = page.token === undefined;
    yield {
      label: what,
      records: page.records,
      rejected: page.rejected,
      skipped: page.deleted.length,
      checkpoints: [[key, JSON.stringify(state)]],
      expectedPages:
        page.size && page.records.length
          ? Math.ceil(page.size / Math.max(page.records.length, 1))
          : undefined,
    };
  }
}

export const arxivOai: Source = {
  name: 'arxiv-oai',
  async *pages(ctx) {
    checkRange(ctx.options.from, ctx.options.until);
    const sets = (ctx.options.categories.length ? ctx.options.categories : DEFAULT_SETS).map(setSpecOf);
    for (const set of sets) yield* harvest(ctx, set);
  },
};
