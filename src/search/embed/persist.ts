// The semantic model and doc vectors on disk, beside the keyword index: semantic.json (format, model id and
// settings, change cursor, sections, SHA-256) and one semantic-*.bin. Written file first, manifest renamed last.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { LsaModel } from './embedder.js';
import type { IvfArrays } from './ivf.js';
import { VectorSet, dequantize, quantize } from './vectors.js';

/** Bumped whenever the layout or a field's meaning changes; other versions are retrained. */
export const SEMANTIC_FORMAT = 2;

const manifestSchema = z.object({
  format: z.literal(SEMANTIC_FORMAT),
  file: z.string().regex(/^semantic-[\w.-]+\.bin$/),
  bytes: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  modelId: z.string(),
  settings: z.object({
    dimension: z.number().int().min(1),
    bigrams: z.boolean(),
    minDf: z.number().int().min(1),
    maxFeatures: z.number().int().min(1),
    power: z.number().int().min(0),
    seed: z.number().int(),
  }),
  cursor: z.number().int().min(0),
  docCount: z.number().int().min(0),
  features: z.number().int().min(0),
  /** IVF cells (0: no ANN index, the set is searched exactly). */
  ivfLists: z.number().int().min(0),
  createdAt: z.string(),
  sections: z.array(
    z.object({ name: z.string(), offset: z.number().int().min(0), bytes: z.number().int().min(0) }),
  ),
});
export type SemanticManifest = z.infer<typeof manifestSchema>;

/** Why the files cannot be used; the caller retrains and logs why. */
export class SemanticUnusable extends Error {}

const MANIFEST = 'semantic.json';

/** int8 codes and one scale per row, as the store and the files keep vectors. */
export interface Quantized {
  codes: Int8Array;
  scales: Float32Array;
}

/**
 * Writes the model and the vectors reached up to change `cursor` into `dir`, atomically. `q` are the vectors'
 * int8 codes when the caller has them (as stored), so the file holds exactly those bytes.
 */
export function writeSemantic(
  dir: string,
  model: LsaModel,
  vectors: VectorSet,
  cursor: number,
  q: Quantized = quantize(vectors.data, vectors.size, vectors.dimension),
): SemanticManifest {
  fs.mkdirSync(dir, { recursive: true });
  const view = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const parts = [
    { name: 'vocab', bytes: Buffer.from(model.vocab.join('\n'), 'utf8') },
    { name: 'ids', bytes: Buffer.from(vectors.ids.join('\n'), 'utf8') },
    { name: 'idf', bytes: view(model.idf) },
    { name: 'projection', bytes: view(model.projection) },
    { name: 'scales', bytes: view(q.scales) },
    { name: 'vectors', bytes: view(q.codes) },
  ];
  if (vectors.seqs) parts.push({ name: 'seqs', bytes: view(vectors.seqs) });
  const ivf = vectors.ivf?.a;
  if (ivf) {
    parts.push(
      { name: 'ivf.centroids', bytes: view(ivf.centroids) },
      { name: 'ivf.listStart', bytes: view(ivf.listStart) },
      { name: 'ivf.order', bytes: view(ivf.order) },
      { name: 'ivf.codes', bytes: view(ivf.codes) },
      { name: 'ivf.scales', bytes: view(ivf.scales) },
    );
  }
  const file = `semantic-${cursor}-${Date.now()}.bin`;
  const hash = createHash('sha256');
  const sections: SemanticManifest['sections'] = [];
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const p of parts) {
    // 8-byte aligned sections, so typed arrays can view the loaded buffer without copying.
    const padding = (8 - (p.bytes.byteLength % 8)) % 8;
    sections.push({ name: p.name, offset, bytes: p.bytes.byteLength });
    chunks.push(p.bytes, new Uint8Array(padding));
    offset += p.bytes.byteLength + padding;
  }
  for (const c of chunks) hash.update(c);
  const tmp = path.join(dir, `${file}.tmp`);
  const fd = fs.openSync(tmp, 'w');
  try {
    for (const c of chunks) fs.writeSync(fd, c);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, path.join(dir, file));
  const manifest: SemanticManifest = {
    format: SEMANTIC_FORMAT,
    file,
    bytes: offset,
    sha256: hash.digest('hex'),
    modelId: model.id,
    settings: model.settings,
    cursor,
    docCount: vectors.size,
    features: model.vocab.length,
    ivfLists: ivf ? ivf.listStart.length - 1 : 0,
    createdAt: new Date().toISOString(),
    sections,
  };
  const mtmp = path.join(dir, `${MANIFEST}.tmp`);
  fs.writeFileSync(mtmp, JSON.stringify(manifest, null, 1));
  fs.renameSync(mtmp, path.join(dir, MANIFEST));
  for (const f of fs.readdirSync(dir)) {
    if (f !== file && /^semantic-.*\.bin(\.tmp)?$/.test(f)) fs.rmSync(path.join(dir, f), { force: true });
  }
  return manifest;
}

/** Loads the model and vectors in `dir`; throws SemanticUnusable when missing, damaged or inconsistent. */
export function readSemantic(dir: string): {
  model: LsaModel;
  vectors: VectorSet;
  manifest: SemanticManifest;
  quantized: Quantized;
} {
  const mpath = path.join(dir, MANIFEST);
  if (!fs.existsSync(mpath)) throw new SemanticUnusable('no semantic model yet');
  let m: SemanticManifest;
  try {
    m = manifestSchema.parse(JSON.parse(fs.readFileSync(mpath, 'utf8')));
  } catch (e) {
    throw new SemanticUnusable(`${MANIFEST} is unreadable or from another format version`, { cause: e });
  }
  const fpath = path.join(dir, m.file);
  if (!fs.existsSync(fpath)) throw new SemanticUnusable(`${m.file} is missing`);
  const buf = fs.readFileSync(fpath);
  if (buf.byteLength !== m.bytes) throw new SemanticUnusable(`${m.file} has the wrong size`);
  if (createHash('sha256').update(buf).digest('hex') !== m.sha256) {
    throw new SemanticUnusable(`${m.file} does not match its checksum`);
  }
  const bytes = buf.byteOffset % 8 === 0 ? buf : Buffer.from(Uint8Array.prototype.slice.call(buf));
  const at = (name: string) => {
    const s = m.sections.find((x) => x.name === name);
    if (!s || s.offset + s.bytes > bytes.byteLength) throw new SemanticUnusable(`section ${name} is missing`);
    return s;
  };
  const text = (name: string) => {
    const s = at(name);
    const str = bytes.toString('utf8', s.offset, s.offset + s.bytes);
    return str === '' ? [] : str.split('\n');
  };
  const f32 = (name: string) => {
    const s = at(name);
    return new Float32Array(bytes.buffer, bytes.byteOffset + s.offset, s.bytes / 4);
  };
  const s = at('vectors');
  const data = new Int8Array(bytes.buffer, bytes.byteOffset + s.offset, s.bytes);
  const vocab = text('vocab');
  const ids = text('ids');
  const model = new LsaModel(m.settings, vocab, f32('idf'), f32('projection'));
  // The id is recomputed from the loaded bytes: a model that does not hash to its recorded id is not that model.
  if (model.id !== m.modelId) throw new SemanticUnusable('the model does not match its recorded id');
  if (ids.length !== m.docCount || data.length !== ids.length * model.dimension) {
    throw new SemanticUnusable('the vectors do not match the manifest');
  }
  const scales = f32('scales');
  if (scales.length !== ids.length) throw new SemanticUnusable('the vector scales do not match the manifest');
  let ivf: IvfArrays | undefined;
  if (m.ivfLists > 0) {
    const u32 = (name: string) => {
      const x = at(name);
      return new Uint32Array(bytes.buffer, bytes.byteOffset + x.offset, x.bytes / 4);
    };
    const c = at('ivf.codes');
    ivf = {
      dimension: model.dimension,
      centroids: f32('ivf.centroids'),
      listStart: u32('ivf.listStart'),
      order: u32('ivf.order'),
      codes: new Int8Array(bytes.buffer, bytes.byteOffset + c.offset, c.bytes),
      scales: f32('ivf.scales'),
    };
    if (
      ivf.listStart.length !== m.ivfLists + 1 ||
      ivf.order.length !== ids.length ||
      ivf.codes.length !== data.length ||
      ivf.listStart[m.ivfLists] !== ids.length
    ) {
      throw new SemanticUnusable('the ANN index does not match the vectors');
    }
  }
  let seqs: Float64Array | undefined;
  if (m.sections.some((x) => x.name === 'seqs')) {
    const x = at('seqs');
    seqs = new Float64Array(bytes.buffer, bytes.byteOffset + x.offset, x.bytes / 8);
    if (seqs.length !== ids.length) throw new SemanticUnusable('the change numbers do not match the vectors');
  }
  const floats = dequantize(data, scales, model.dimension);
  const vectors = new VectorSet(ids, model.dimension, floats, ivf, seqs);
  return { model, vectors, manifest: m, quantized: { codes: data, scales } };
}
