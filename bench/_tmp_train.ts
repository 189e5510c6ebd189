import fs from 'node:fs'; import zlib from 'node:zlib'; import readline from 'node:readline';
import { corpusFiles } from './import.js';
import { paperText, trainLsa } from '../src/search/embed/train.js';
import { writeSemantic } from '../src/search/embed/persist.js';
import { VectorSet } from '../src/search/embed/vectors.js';
const docs: { id: string; text: string }[] = [];
for (const f of corpusFiles()!) {
  const rl = readline.createInterface({ input: fs.createReadStream(f).pipe(zlib.createGunzip()), crlfDelay: Infinity });
  for await (const l of rl) if (l.trim()) { const r = JSON.parse(l); docs.push({ id: r.id, text: paperText(r) }); }
}
const t = performance.now();
const tr = trainLsa(docs);
console.log('trained', docs.length, (performance.now() - t) / 1000);
writeSemantic('/tmp/ppsem/idx', tr.model, new VectorSet(tr.ids, tr.model.dimension, tr.vectors), 0);
console.log('written');
