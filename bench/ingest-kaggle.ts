// Kaggle snapshot benchmark: the real CLI imports a synthetic arxiv-metadata-oai-snapshot.json (JSON lines, the
// Kaggle layout) built from real rows of ../shared/data, at two sizes. Constant memory shows as the same peak RSS
// for 10x the lines. Size: PAPERPULSE_KAGGLE_LINES (default 1,000,000; the small run is a tenth of it).
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { createGunzip } from 'node:zlib';
import { once } from 'node:events';
import { removeDir, tempDir } from '../test/helpers/server.js';
import { timedImport } from './import.js';

const data = process.env.PAPERPULSE_SHARED_DATA ?? '/work/shared/data';
const kaggleSample = path.join(
  data,
  'raw-formats/kaggle-snapshot-sample/arxiv-metadata-oai-snapshot.sample-200.jsonl',
);
const corpusFile = path.join(data, 'arxiv-corpus/corpus-2025-09.jsonl.gz');

interface CorpusRow {
  title: string;
  abstract: string;
  authors: string[];
  categories: string[];
  published: string | null;
  first_seen: string;
  comment: string | null;
}

/** Real rows in the Kaggle layout: the 200-line sample as is, plus corpus rows reshaped (ids are replaced later). */
async function baseRows(): Promise<Record<string, unknown>[]> {
  const rows = fs
    .readFileSync(kaggleSample, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  if (!fs.existsSync(corpusFile)) return rows;
  const lines = readline.createInterface({ input: fs.createReadStream(corpusFile).pipe(createGunzip()) });
  for await (const line of lines) {
    const r = JSON.parse(line) as CorpusRow;
    const created = new Date(r.published ?? `${r.first_seen}T12:00:00Z`).toUTCString();
    rows.push({
      submitter: r.authors[0] ?? null,
      authors: r.authors.join(', '),
      title: r.title,
      comments: r.comment,
      'journal-ref': null,
      doi: null,
      'report-no': null,
      categories: r.categories.join(' '),
      license: 'http://creativecommons.org/licenses/by/4.0/',
      abstract: r.abstract,
      versions: [{ version: 'v1', created }],
      update_date: r.first_seen,
      authors_parsed: r.authors.map((a) => {
        const parts = a.split(' ');
        return [parts.at(-1) ?? a, parts.slice(0, -1).join(' '), ''];
      }),
    });
    if (rows.length >= 20_000) break;
  }
  return rows;
}

/** A unique new-style id for line i: months from 2015-01 on, 99,999 papers each. */
function idFor(i: number): string {
  const month = Math.floor(i / 99_999);
  const yy = 15 + Math.floor(month / 12);
  const mm = (month % 12) + 1;
  return `${yy}${String(mm).padStart(2, '0')}.${String((i % 99_999) + 1).padStart(5, '0')}`;
}

/** Writes `lines` Kaggle-layout lines to `file`, cycling through the real rows with fresh ids. */
async function writeSnapshot(file: string, lines: number, rows: Record<string, unknown>[]): Promise<number> {
  const out = fs.createWriteStream(file);
  for (let i = 0; i < lines; i++) {
    const line = JSON.stringify({ ...rows[i % rows.length], id: idFor(i) }) + '\n';
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return fs.statSync(file).size;
}

/** Generates the snapshots, imports each into a fresh store, prints rate and peak RSS. */
export async function ingestKaggleBench(): Promise<void> {
  if (!fs.existsSync(kaggleSample)) {
    console.log(`ingest-kaggle skipped: ${kaggleSample} is missing (set PAPERPULSE_SHARED_DATA).`);
    return;
  }
  const big = Number(process.env.PAPERPULSE_KAGGLE_LINES ?? 1_000_000);
  const rows = await baseRows();
  const work = tempDir('paperpulse-bench-kaggle-');
  try {
    console.log(
      `ingest-kaggle: synthetic snapshots from ${rows.length.toLocaleString('en-US')} real rows, in ${work}`,
    );
    for (const lines of [Math.round(big / 10), big]) {
      const file = path.join(work, `arxiv-metadata-oai-snapshot-${lines}.json`);
      const bytes = await writeSnapshot(file, lines, rows);
      const dataDir = path.join(work, `data-${lines}`);
      const run = await timedImport(dataDir, [file]);
      console.log(`  CLI said: ${run.summary}`);
      console.log(
        `ingest-kaggle ${lines.toLocaleString('en-US')} lines (${(bytes / 1e9).toFixed(2)} GB): ${run.seconds.toFixed(1)} s, ` +
          `${Math.round(lines / run.seconds).toLocaleString('en-US')} papers/s, peak RSS ${run.peakRssMb.toFixed(0)} MB`,
      );
      fs.rmSync(file);
      removeDir(dataDir);
    }
  } finally {
    removeDir(work);
  }
}
