// Task "ingest-source": runs one ingest source (what `paperpulse ingest SOURCE` runs) as a job. The source resumes
// from its own checkpoints in the store; the job's progress records the pages done for operators and retries.
import { z } from 'zod';
import { UserError } from '../../errors.js';
import { createHttpClient, HttpError } from '../../ingest/http.js';
import { sources } from '../../ingest/sources/index.js';
import { runSource } from '../../ingest/sources/run.js';
import type { SourceOptions } from '../../ingest/sources/source.js';
import { PermanentJobError, RetryLaterError, type Task, type TaskContext } from '../task.js';

const Payload = z.object({
  source: z.string(),
  /** A mirror or test server instead of the source's public one. */
  baseUrl: z.url().optional(),
  categories: z.array(z.string()).default([]),
  from: z.iso.date().optional(),
  until: z.iso.date().optional(),
  limit: z.number().int().positive().optional(),
  intervalMs: z.number().int().nonnegative().optional(),
});
export type IngestPayload = z.input<typeof Payload>;

// The same politeness as the ingest command's defaults: arXiv asks for 3 s between requests.
const intervalMs: Record<string, number> = { 'hf-daily': 1000, 'github-stars': 250, 'pwc-links': 0 };

/** Runs the source named in `payload`; throws RetryLaterError when the server said when to come back. */
export async function ingest(payload: unknown, ctx: TaskContext, token?: string): Promise<void> {
  const parsed = Payload.safeParse(payload);
  if (!parsed.success) throw new PermanentJobError(`bad ingest payload: ${parsed.error.message}`);
  const p = parsed.data;
  const source = sources[p.source];
  if (!source) throw new PermanentJobError(`unknown ingest source "${p.source}"`);
  const options: SourceOptions = { ...p, token };
  const http = createHttpClient({ minIntervalMs: p.intervalMs ?? intervalMs[p.source] ?? 3000 });
  const note = (line: string) => ctx.log.info({ job: ctx.job.id, source: p.source }, line);
  try {
    const s = await runSource(
      ctx.store,
      source,
      { http, options, now: ctx.now, signal: ctx.signal, note },
      {
        onReject: (r) => note(`${r.position}: rejected: ${r.reason}`),
        onPage: (page, totals) => void ctx.saveProgress({ lastPage: page.label, ...totals }),
      },
    );
    ctx.log.info({ job: ctx.job.id, ...s }, `${p.source}: ${s.inserted} new, ${s.updated} updated`);
  } catch (e) {
    const cause = (e as Error).cause;
    if (cause instanceof HttpError && cause.retryAt) {
      throw new RetryLaterError((e as Error).message, cause.retryAt, { cause: e });
    }
    if (e instanceof UserError && e.kind !== 'failure') throw new PermanentJobError(e.message, { cause: e });
    throw e;
  }
}

/** Kind "ingest-source", payload `{ source, baseUrl?, categories?, from?, until?, limit? }`. */
export const ingestSource: Task = { kind: 'ingest-source', run: (payload, ctx) => ingest(payload, ctx) };
