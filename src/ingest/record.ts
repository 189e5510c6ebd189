// What every import format turns one input record into, and the shared helpers formats use to build it.
import type { z } from 'zod';
import type { PaperInput, Signal, SignalKind } from '../model/paper.js';
import { parseArxivId } from '../model/ids.js';

/** One parsed input record: a paper and the signal observations that came with it. */
export interface ParsedRecord {
  paper: PaperInput;
  signals: Signal[];
}

/** Context a format may need beyond the record itself (e.g. the day a raw Hugging Face file was saved). */
export interface RecordContext {
  /** YYYY-MM-DD taken from the file (name or wrapper), when the format's records do not carry it. */
  fileDay?: string;
}

/** An import format: recognises and parses one record; `parse` throws RejectError for unusable records. */
export interface ImportFormat {
  name: string;
  /** True when `value` looks like a record of this format (used by --format auto). */
  matches(value: unknown): boolean;
  parse(value: unknown, ctx: RecordContext): ParsedRecord;
}

/** A record that cannot be imported; the message is shown to the user with file and line. */
export class RejectError extends Error {
  override name = 'RejectError';
}

/** Parses `value` with a zod schema or throws RejectError naming every bad field. */
export function check<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const parts = r.error.issues.slice(0, 3).map((i) => {
    if (i.path.length === 0)
      return `expected a JSON object, got ${Array.isArray(value) ? 'an array' : typeof value}`;
    const where = i.path.join('.');
    return i.code === 'invalid_type' && i.input === undefined ? `missing ${where}` : `${where}: ${i.message}`;
  });
  throw new RejectError(parts.join('; '));
}

// C0/C1 control characters other than whitespace carry no meaning in metadata and break XML feeds.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlChar = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/;
const controlChars = new RegExp(controlChar.source, 'g');

/** Collapses runs of whitespace (arXiv hard-wraps titles and abstracts), drops control characters, and trims. */
export const cleanText = (s: string) => {
  const t = controlChar.test(s) ? s.replace(controlChars, '') : s;
  // Most rows are already clean; testing first avoids rebuilding every abstract string.
  return /\s\s|[^\S ]/.test(t) ? t.replace(/\s+/g, ' ').trim() : t.trim();
};

/** The arXiv id and version from a raw id, or a RejectError. */
export function arxivId(raw: string): { id: string; version: number | null } {
  const parsed = parseArxivId(raw);
  if (!parsed) throw new RejectError(`"${raw.slice(0, 40)}" is not an arXiv id`);
  return parsed;
}

/** An ISO 8601 timestamp from any date string Date can read, null when absent, RejectError when invalid. */
export function isoDate(raw: string | null | undefined, field: string): string | null {
  if (raw === null || raw === undefined || raw === '') return null;
  const t = Date.parse(raw);
  if (Number.isNaN(t)) throw new RejectError(`${field}: "${raw.slice(0, 40)}" is not a date`);
  return new Date(t).toISOString();
}

/** The YYYY-MM-DD day of an ISO timestamp (UTC). */
export const dayOf = (iso: string | null) => (iso ? iso.slice(0, 10) : null);

const category = /^[a-z-]+(\.[A-Za-z-]+)?$/;
/**
 * The arXiv category names in `raw`. Other entries are dropped, not rejected: real listings mix ACM classes
 * ("I.2.7") and MSC codes into categories, and the paper is still good.
 */
export function categories(raw: string[]): string[] {
  return [...new Set(raw.map((c) => c.trim()).filter((c) => category.test(c)))];
}

/** Signal observations for the numbers that are present (null/undefined values are simply not observed). */
export function signals(
  paperId: string,
  observedAt: string | null,
  source: string,
  values: Partial<Record<SignalKind, number | null | undefined>>,
): Signal[] {
  if (!observedAt) return [];
  return Object.entries(values)
    .filter((e): e is [SignalKind, number] => typeof e[1] === 'number' && Number.isFinite(e[1]) && e[1] >= 0)
    .map(([kind, value]) => ({ paperId, kind, value, observedAt, source }));
}

/** Requires a non-empty title and abstract, which every page and digest shows. */
export function requireText(title: string | null | undefined, abstract: string | null | undefined) {
  const t = cleanText(title ?? '');
  const a = cleanText(abstract ?? '');
  if (!t) throw new RejectError('missing title');
  if (!a) throw new RejectError('missing abstract');
  return { title: t, abstract: a };
}
