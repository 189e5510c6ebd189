// hf-daily: Hugging Face daily papers by date range (/api/daily_papers?date=YYYY-MM-DD). Upvotes, comments and
// the linked GitHub repository's stars become signal observations stamped with the hour they were read, so
// each poll adds a point to the time series and a re-run within the hour changes nothing. Items are parsed by
// the hf-daily import format, which copes with the shapes seen in saved responses (arrays, {data: [...]}
// wrappers, Python-repr strings).
import { hfDaily as hfFormat } from '../formats/hf-daily.js';
import { expectOk } from '../http.js';
import { RejectError, type ParsedRecord } from '../record.js';
import { addDays, checkRange, dayOfDate, daysBetween, hourOf } from './dates.js';
import { MalformedPageError } from './xml.js';
import type { Source, SourcePage, SourceRejection } from './source.js';

export const DEFAULT_HF_BASE = 'https://huggingface.co';
export const HF_CHECKPOINT = 'ingest:hf-daily';
/** Days re-read by default: upvotes keep growing for a few days after a paper is featured. */
export const HF_DEFAULT_DAYS = 3;

/** The items of one daily response: a JSON array, or an object wrapping one as `data`. */
function itemsOf(text: string, what: string): unknown[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const hint = /^\s*</.test(text) ? ' (an HTML or XML page?)' : ' (truncated?)';
    throw new MalformedPageError(`${what} is not valid JSON${hint}: ${(e as Error).message}`);
  }
  if (Array.isArray(doc)) return doc;
  if (doc && typeof doc === 'object' && Array.isArray((doc as { data?: unknown }).data))
    return (doc as { data: unknown[] }).data;
  throw new MalformedPageError(
    `${what} is JSON but not a list of papers (expected an array or {"data": [...]})`,
  );
}

export const hfDaily: Source = {
  name: 'hf-daily',
  async *pages(ctx) {
    const { from, until, baseUrl } = ctx.options;
    checkRange(from, until);
    const today = dayOfDate(ctx.now());
    const end = until ?? today;
    // By default: the last few days (upvotes still move), or from the last day read if that is older.
    const saved = await ctx.store.getMeta(HF_CHECKPOINT);
    const lastDay = saved ? (JSON.parse(saved) as { lastDay: string }).lastDay : undefined;
    const recent = addDays(end, -(HF_DEFAULT_DAYS - 1));
    const days = daysBetween(from ?? (lastDay && lastDay < recent ? lastDay : recent), end);
    const base = (baseUrl ?? DEFAULT_HF_BASE).replace(/\/$/, '');
    for (const day of days) {
      const url = `${base}/api/daily_papers?date=${day}`;
      const what = `the Hugging Face daily papers of ${day}`;
      const res = expectOk(await ctx.http.get(url, { signal: ctx.signal }), 'Hugging Face API');
      const items = itemsOf(res.text(), what);
      const observedAt = hourOf(ctx.now());
      const records: ParsedRecord[] = [];
      const rejected: SourceRejection[] = [];
      items.forEach((item, i) => {
        try {
          const r = hfFormat.parse(item, { fileDay: day });
          // The format stamps file rows with their day; a live read is an observation of this hour.
          records.push({ ...r, signals: r.signals.map((s) => ({ ...s, observedAt })) });
        } catch (e) {
          if (!(e instanceof RejectError)) throw e;
          rejected.push({ position: `${what}, item ${i + 1}`, reason: e.message });
        }
      });
      if (items.length === 0) ctx.note(`${day}: no daily papers (weekends and holidays often have none).`);
      const page: SourcePage = {
        label: what,
        records,
        rejected,
        checkpoints: [[HF_CHECKPOINT, JSON.stringify({ lastDay: day, readAt: ctx.now().toISOString() })]],
        expectedPages: days.length,
      };
      yield page;
    }
  },
};
