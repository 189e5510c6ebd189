// Streams the records of one input file in constant memory: JSON lines (plain or gzip), or a JSON document
// holding an array of records (raw API responses, optionally wrapped as {data: [...]}).
import fs from 'node:fs';
import readline from 'node:readline';
import { createGunzip } from 'node:zlib';
import { UserError } from '../errors.js';

/** One record read from a file: its line (or array item) number and the parsed value, or why it failed. */
export type RawRecord = { line: number; value: unknown; day?: string } | { line: number; error: string };

/** The file cannot be read (missing, unreadable, corrupt compression); the message says what to do. */
export class FileError extends UserError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, 'input', options);
  }
}

// Raw API responses are read whole; anything bigger than this should be JSON lines.
const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;

/** Reads `file` record by record; `onBytes` reports progress in bytes of the file on disk. */
export async function* readRecords(file: string, onBytes?: (n: number) => void): AsyncGenerator<RawRecord> {
  let fd: fs.promises.FileHandle;
  try {
    fd = await fs.promises.open(file, 'r');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why =
      err.code === 'ENOENT' ? 'no such file' : err.code === 'EACCES' ? 'permission denied' : err.message;
    throw new FileError(`Cannot read ${file}: ${why}`, { cause: e });
  }
  const magic = Buffer.alloc(2);
  try {
    await fd.read(magic, 0, 2, 0);
  } catch (e) {
    // A directory opens fine on Linux and fails only here: close the handle (it would leak) and say what it is.
    await fd.close();
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'EISDIR' ? 'it is a directory, not a file' : err.message;
    throw new FileError(`Cannot read ${file}: ${why}`, { cause: e });
  }
  const gzipped = magic[0] === 0x1f && magic[1] === 0x8b;
  const raw = fd.createReadStream({ start: 0 });
  if (onBytes) raw.on('data', (chunk) => onBytes(chunk.length));
  const text = gzipped ? raw.pipe(createGunzip()) : raw;
  raw.on('error', (e) => text.destroy(e));
  const lines = readline.createInterface({ input: text, crlfDelay: Infinity });

  let n = 0;
  let documentText: string[] | undefined;
  let documentBytes = 0;
  try {
    for await (const line of lines) {
      n++;
      if (documentText) {
        documentBytes += line.length + 1;
        if (documentBytes > MAX_DOCUMENT_BYTES) {
          throw new FileError(
            `${file} is a single JSON document over 256 MB: convert it to JSON lines first`,
          );
        }
        documentText.push(line);
        continue;
      }
      const trimmed = line.trim();
      // A lone bracket on the first line means a pretty-printed JSON document, not JSON lines.
      if (n === 1 && (trimmed.startsWith('[') || trimmed === '{')) {
        documentText = [line];
        documentBytes = line.length;
        continue;
      }
      if (trimmed === '') continue;
      try {
        yield { line: n, value: JSON.parse(trimmed) as unknown };
      } catch (e) {
        yield { line: n, error: `not valid JSON (${(e as Error).message})` };
      }
    }
  } catch (e) {
    if (e instanceof FileError) throw e;
    const err = e as NodeJS.ErrnoException;
    const why =
      err.code === 'Z_BUF_ERROR' || /unexpected end/i.test(err.message)
        ? 'the gzip data ends early (the file is truncated)'
        : gzipped
          ? `the gzip data is corrupt (${err.message})`
          : err.message;
    throw new FileError(`Cannot read ${file} past line ${n}: ${why}`, { cause: e });
  } finally {
    lines.close();
    await fd.close();
  }
  if (documentText) yield* documentRecords(file, documentText.join('\n'));
}

function* documentRecords(file: string, text: string): Generator<RawRecord> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new FileError(`${file} is not valid JSON: ${(e as Error).message}`, { cause: e });
  }
  let items: unknown[];
  let day: string | undefined;
  if (Array.isArray(doc)) items = doc;
  else if (typeof doc === 'object' && doc !== null && Array.isArray((doc as { data?: unknown }).data)) {
    items = (doc as { data: unknown[] }).data;
    const d = (doc as { date?: unknown }).date;
    if (typeof d === 'string' && /^\d{4}-\d{2}-\d{2}/.test(d)) day = d.slice(0, 10);
  } else {
    throw new FileError(
      `${file} holds one JSON object, not a list of records (expected an array or {"data": [...]})`,
    );
  }
  for (let i = 0; i < items.length; i++) yield { line: i + 1, value: items[i], ...(day ? { day } : {}) };
}
