// Data export of any API list: `format=jsonl` (one JSON object per line) or `format=csv` on an endpoint whose
// JSON answer has a `results` array. One middleware serves every list, so a new list endpoint exports for free
// and the rows always match the JSON results.
import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { apiError } from './errors.js';

export const exportFormats = ['json', 'jsonl', 'csv'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** The `format` query parameter, as documented on every list operation. */
export const formatParam = z
  .enum(exportFormats, { error: `must be one of ${exportFormats.join(', ')}` })
  .default('json')
  .describe(
    'json (default); jsonl: the results as JSON lines; csv: the results as a CSV table (nested fields as dotted ' +
      'columns, lists joined with "; "). Paging works as for JSON (see the Link header).',
  );

type Row = Record<string, unknown>;

/** Flattens nested objects to dotted keys; string/number lists become "a; b", other lists JSON text. */
export function flatten(value: Row, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  for (const [k, v] of Object.entries(value)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v === null || v === undefined) out[key] = '';
    else if (Array.isArray(v))
      out[key] = v.every((x) => typeof x !== 'object' || x === null) ? v.join('; ') : JSON.stringify(v);
    else if (typeof v === 'object') flatten(v as Row, key, out);
    else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[key] = String(v);
    else out[key] = JSON.stringify(v) ?? '';
  }
  return out;
}

/**
 * One CSV cell (RFC 4180: always quoted, quotes doubled). A cell that a spreadsheet would run as a formula
 * (starting with = + - @, tab or carriage return) gets a leading apostrophe, so paper text cannot inject formulas
 * (OWASP "CSV injection"). Numbers are written as they are, so negative numbers stay numbers.
 */
export function csvCell(text: string): string {
  const numeric = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(text);
  const safe = !numeric && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** The rows as CSV with a header line: columns in order of first appearance; CRLF line ends (RFC 4180). */
export function toCsv(rows: Row[]): string {
  const flat = rows.map((r) => flatten(r));
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const r of flat)
    for (const k of Object.keys(r))
      if (!seen.has(k)) {
        seen.add(k);
        columns.push(k);
      }
  const lines = [columns.map(csvCell).join(',')];
  for (const r of flat) lines.push(columns.map((c) => csvCell(r[c] ?? '')).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** The rows as JSON lines; "<" is written \u003c so no line can look like markup to a sniffing client. */
export function toJsonLines(rows: Row[]): string {
  return rows.map((r) => JSON.stringify(r).replace(/</g, '\\u003c') + '\n').join('');
}

/** Turns a list endpoint's JSON into JSON lines or CSV when `format` asks for it; 400 for an unknown format. */
export function listExport(): MiddlewareHandler {
  return async (c, next) => {
    const raw = c.req.query('format');
    if (raw === undefined) return next();
    const format = formatParam.safeParse(raw);
    if (!format.success)
      return apiError(c, 400, 'invalid_query', `format: must be one of ${exportFormats.join(', ')}`);
    await next();
    if (format.data === 'json' || c.res.status !== 200) return;
    if (!(c.res.headers.get('content-type') ?? '').startsWith('application/json')) return;
    const body = (await c.res.json()) as { results?: unknown };
    if (!Array.isArray(body.results)) {
      c.res = apiError(
        c,
        400,
        'not_a_list',
        `format=${format.data} applies to lists (responses with "results"); this endpoint returns one object.`,
      );
      return;
    }
    const rows = body.results as Row[];
    const headers = new Headers(c.res.headers);
    headers.delete('content-length');
    const name = c.req.path.replace(/^\/api\//, '').replace(/[^A-Za-z0-9]+/g, '-') || 'list';
    if (format.data === 'csv') {
      headers.set('Content-Type', 'text/csv; charset=utf-8; header=present');
      headers.set('Content-Disposition', `attachment; filename="paperpulse-${name}.csv"`);
      c.res = new Response(toCsv(rows), { status: 200, headers });
    } else {
      headers.set('Content-Type', 'application/x-ndjson; charset=utf-8');
      headers.set('Content-Disposition', `attachment; filename="paperpulse-${name}.jsonl"`);
      c.res = new Response(toJsonLines(rows), { status: 200, headers });
    }
  };
}
