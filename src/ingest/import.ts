// Bulk import: files -> records -> validated papers and signals -> the store, in batched transactions.
// Idempotent (the store merges and reports unchanged rows); bad records are reported and skipped, never fatal.
import path from 'node:path';
import type { Store } from '../store/store.js';
import { UserError } from '../errors.js';
import { detectFormat, formatByName } from './formats/index.js';
import { readRecords } from './read-records.js';
import { RejectError, type ImportFormat, type ParsedRecord } from './record.js';

export interface Rejection {
  file: string;
  /** Line number in the file, or item number inside a JSON array document. */
  line: number;
  reason: string;
}

export interface ImportSummary {
  files: number;
  records: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  signals: number;
}

export interface ImportOptions {
  /** A format name or 'auto' (recognise each file from its first record). */
  format: string;
  /** Records per transaction. */
  batchSize?: number;
  onReject?: (r: Rejection) => void;
  onBytes?: (n: number) => void;
  /** Called after each committed batch with the running totals. */
  onBatch?: (s: ImportSummary) => void;
}

/** Thrown when a file cannot be imported at all; what was committed before stays committed. */
export class ImportError extends UserError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, 'failure', options);
  }
}

export const emptySummary = (): ImportSummary => ({
  files: 0,
  records: 0,
  inserted: 0,
  updated: 0,
  unchanged: 0,
  rejected: 0,
  signals: 0,
});

/** Imports one file into the store, adding to `summary`; throws FileError/ImportError when the file is unusable. */
export async function importFile(
  store: Store,
  file: string,
  opts: ImportOptions,
  summary: ImportSummary = emptySummary(),
): Promise<ImportSummary> {
  const batchSize = opts.batchSize ?? 1000;
  const fileDay = /(\d{4}-\d{2}-\d{2})/.exec(path.basename(file))?.[1];
  let format: ImportFormat | undefined = opts.format === 'auto' ? undefined : formatByName(opts.format);
  if (!format && opts.format !== 'auto') throw new ImportError(`Unknown format "${opts.format}"`);
  let batch: ParsedRecord[] = [];
  let lastLine = 0;
  let committedLine = 0;

  const reject = (line: number, reason: string) => {
    summary.rejected++;
    opts.onReject?.({ file, line, reason });
  };
  const flush = async () => {
    if (batch.length === 0) return;
    try {
      const result = await store.importBatch({
        papers: batch.map((r) => r.paper),
        signals: batch.flatMap((r) => r.signals),
      });
      for (const o of result.outcomes) summary[o]++;
      summary.signals += result.signalsChanged;
    } catch (cause) {
      // When the first batch fails nothing was saved; "Lines 1-0 were saved" would read like a typo.
      const saved =
        committedLine > 0 ? `Lines 1-${committedLine} were saved` : 'Nothing from this file was saved';
      throw new ImportError(
        `Writing records up to line ${lastLine} of ${file} failed: ${(cause as Error).message}. ` +
          `${saved}; fix the problem and run the same import again (it skips what is saved).`,
        { cause },
      );
    }
    committedLine = lastLine;
    batch = [];
    opts.onBatch?.(summary);
  };

  summary.files++;
  try {
    await readAll();
  } catch (e) {
    // Keep what was read before the file broke off: a re-run after fixing it skips the saved part.
    if (!(e instanceof ImportError)) await flush();
    throw e;
  }
  await flush();
  return summary;

  async function readAll() {
    for await (const rec of readRecords(file, opts.onBytes)) {
      summary.records++;
      lastLine = rec.line;
      if ('error' in rec) {
        reject(rec.line, rec.error);
        continue;
      }
      if (!format) {
        format = detectFormat(rec.value);
        if (!format) {
          throw new ImportError(
            `Cannot tell the format of ${file} from line ${rec.line}; pass --format (one of paperpulse, arxiv-corpus, kaggle, hf-daily, seed-page)`,
          );
        }
      }
      try {
        batch.push(format.parse(rec.value, { fileDay: rec.day ?? fileDay }));
      } catch (e) {
        if (!(e instanceof RejectError)) throw e;
        reject(rec.line, e.message);
      }
      if (batch.length >= batchSize) await flush();
    }
  }
}
