// Runs one source: writes each page through Store.importBatch (idempotent), then saves the page's checkpoint.
// A crash between the two only means the page is fetched and merged again ("unchanged"), never lost or doubled.
import type { Store } from '../../store/store.js';
import { UserError } from '../../errors.js';
import { HttpError } from '../http.js';
import type { Source, SourceContext, SourcePage, SourceRejection } from './source.js';

export interface IngestSummary {
  source: string;
  pages: number;
  records: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  skipped: number;
  signals: number;
}

export interface RunHooks {
  onReject?: (r: SourceRejection) => void;
  /** After each committed page (and its checkpoint), with the running totals. */
  onPage?: (page: SourcePage, s: IngestSummary) => void;
}

/** The source stopped on a page; what came before is saved and the checkpoint points just after it. */
export class IngestError extends UserError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, 'failure', options);
  }
}

const BATCH = 1000;

/** Ingests every page `source` yields into `store`; returns the totals or throws IngestError/HttpError. */
export async function runSource(
  store: Store,
  source: Source,
  ctx: Omit<SourceContext, 'store'>,
  hooks: RunHooks = {},
): Promise<IngestSummary> {
  const s: IngestSummary = {
    source: source.name,
    pages: 0,
    records: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    skipped: 0,
    signals: 0,
  };
  let lastGood: string | undefined;
  try {
    for await (const page of source.pages({ ...ctx, store })) {
      for (let i = 0; i < Math.max(page.records.length, 1); i += BATCH) {
        const part = page.records.slice(i, i + BATCH);
        const signals = [...part.flatMap((r) => r.signals), ...(i === 0 ? (page.signals ?? []) : [])];
        if (part.length === 0 && signals.length === 0) continue;
        const result = await store.importBatch({ papers: part.map((r) => r.paper), signals });
        for (const o of result.outcomes) s[o]++;
        s.signals += result.signalsChanged;
      }
      for (const [key, value] of page.checkpoints) await store.setMeta(key, value);
      s.pages++;
      s.records += page.records.length;
      s.rejected += page.rejected.length;
      s.skipped += page.skipped ?? 0;
      for (const r of page.rejected) hooks.onReject?.(r);
      lastGood = page.label;
      hooks.onPage?.(page, s);
    }
  } catch (e) {
    // An interruption, or wrong usage/configuration, is reported as it is: nothing was fetched for it.
    if (ctx.signal?.aborted || (e instanceof UserError && e.kind !== 'failure')) throw e;
    const saved = lastGood
      ? `Everything up to ${lastGood} is saved and the checkpoint points after it`
      : 'Nothing was saved from this run';
    const why = e instanceof Error ? e.message.replace(/\.?$/, '.') : String(e);
    const when = e instanceof HttpError && e.retryAt ? ` after ${e.retryAt.toISOString()}` : '';
    throw new IngestError(
      `${source.name} stopped: ${why} ${saved}; run the same command again${when} to resume.`,
      {
        cause: e,
      },
    );
  }
  return s;
}
