// `npm run bench [-- import|startup ...]`: runs the named benchmarks (default: all) against the built CLI.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { removeDir, root } from '../test/helpers/server.js';
import { importBench } from './import.js';
import { startupBench } from './startup.js';

const known = ['import', 'startup'];
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
