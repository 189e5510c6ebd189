// `npm run bench [-- import|startup ...]`: runs the named benchmarks (default: all) against the built CLI.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { removeDir, root } from '../test/helpers/server.js';
import { importBench } from './import.js';
import { startupBench } from './startup.js';
import { searchBench, searchBench1M } from './search.js';
import { httpBench } from './http.js';
import { ingestKaggleBench } from './ingest-kaggle.js';
import { digestBench } from './digest.js';
import { pgBench } from './pg.js';
import { trendingEvalBench } from './trending-eval.js';
import { trendingRecomputeBench } from './trending-recompute.js';

const known = [
  'import',
  'startup',
  'search',
  'search-1m',
  'http',
  'ingest-kaggle',
  'pg',
  'digest',
  'trending-eval',
  'trending-recompute',
];
const args = process.argv.slice(2);
const unknown = args.filter((a) => !known.includes(a));
if (unknown.length) {
  console.error(`unknown benchmark ${unknown.join(', ')}; choose from: ${known.join(', ')}`);
  process.exit(64);
}
if (!fs.existsSync(path.join(root, 'dist/main.js'))) {
  console.error('paperpulse is not built: run `npm run build` first (the benchmarks run the real CLI).');
  process.exit(1);
}
const want = (name: string) => args.length === 0 || args.includes(name);

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`paperpulse bench: Node ${process.version}, ${os.cpus().length} × ${cpu}, ${os.platform()}\n`);

// The import bench's data dir is reused by startup case (c) so the corpus is imported only once.
const imported = want('import') ? await importBench() : undefined;
try {
  if (want('startup')) {
    if (imported) console.log('');
    await startupBench(imported?.dataDir);
  }
} finally {
  if (imported) removeDir(imported.dataDir);
}
if (want('search')) {
  if (want('import') || want('startup')) console.log('');
  await searchBench();
}
if (want('http')) {
  console.log('');
  await httpBench();
}
// Opt-in (minutes, several GB of memory): `npm run bench -- search-1m`.
if (args.includes('search-1m')) {
  console.log('');
  await searchBench1M();
}
// Opt-in (it writes a 1+ GB file): `npm run bench -- ingest-kaggle`.
if (args.includes('ingest-kaggle')) {
  console.log('');
  await ingestKaggleBench();
}
// Opt-in (about 10 minutes: two corpus imports, an index build, eight load runs): `npm run bench -- pg`.
if (args.includes('pg')) {
  console.log('');
  await pgBench();
}
// Opt-in (imports the corpus, then mails 10,000 digests to a local SMTP server): `npm run bench -- digest`.
if (args.includes('digest')) {
  console.log('');
  await digestBench();
}
// Opt-in (about 2 minutes, pure replay of the HF daily rows over the arXiv corpus): `npm run bench -- trending-eval`.
if (args.includes('trending-eval')) {
  console.log('');
  await trendingEvalBench();
}
// Opt-in (imports the corpus and the HF rows, then times recomputes): `npm run bench -- trending-recompute`.
if (args.includes('trending-recompute')) {
  console.log('');
  await trendingRecomputeBench();
}
