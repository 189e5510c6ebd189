// Worker-thread entry for the semantic index's heavy work (see thread.ts):
// - `train`: LSA on the corpus, quantize, build the IVF index, write the local files;
// - `load`: read and verify the local files;
// - `index`: vectors read from the store (int8) → floats + IVF index (+ the local files for the built-in model).
// Each answers with typed arrays, transferred, so the main thread only wraps them.
import { parentPort, workerData } from 'node:worker_threads';
import { decodeLsa } from './codec.js';
import type { LsaModel, LsaSettings } from './embedder.js';
import { buildIvf, type IvfArrays } from './ivf.js';
import { SemanticUnusable, readSemantic, writeSemantic, type Quantized } from './persist.js';
import { buffersOf, decodeLines, encodeLines } from './thread.js';
import { trainLsa, type TrainDoc } from './train.js';
import { IVF_MIN, VectorSet, dequantize, quantize } from './vectors.js';

export type SemanticJob =
  | {
      task: 'train';
      settings: LsaSettings;
      /** DATA_DIR/index. */
      dir: string;
      cursor: number;
      /** Pages of docs, each encodeLines([id, text, id, text, …]) (texts without newlines). */
      pages: Uint8Array[];
      /** Each doc's change number, in the pages' order. */
      seqs: Float64Array;
    }
  | { task: 'load'; dir: string }
  | {
      task: 'index';
      /** The built-in model's stored weights (codec.ts), or null for an external provider's vectors. */
      model: Uint8Array | null;
      dimension: number;
      /** Where to write the local files (built-in model only). */
      dir: string;
      cursor: number;
      ids: Uint8Array;
      codes: Int8Array;
      scales: Float32Array;
      seqs: Float64Array;
    };

/** The built-in model as plain arrays. */
export interface ModelParts {
  modelId: string;
  settings: LsaSettings;
  vocab: Uint8Array;
  idf: Float32Array;
  projection: Float32Array;
}

/** A model (built-in only) and its vectors as plain arrays (the main thread wraps them). */
export interface SemanticParts {
  model?: ModelParts;
  ids: Uint8Array;
  dimension: number;
  /** rows × dimension, unit rows, exactly dequantized from `quantized` (so every process has the same). */
  vectors: Float32Array;
  quantized: Quantized;
  seqs: Float64Array;
  /** The ANN index over `vectors` (large sets only). */
  ivf?: IvfArrays;
  cursor: number;
  /** Seconds the work took in the thread. */
  seconds: number;
}

export type SemanticAnswer = { parts: SemanticParts } | { unusable: string };

/** Own copies (a loaded index views one shared file buffer; each part must be transferable on its own). */
const copyIvf = (a: IvfArrays): IvfArrays => ({
  dimension: a.dimension,
  centroids: a.centroids.slice(),
  listStart: a.listStart.slice(),
  order: a.order.slice(),
  codes: a.codes.slice(),
  scales: a.scales.slice(),
});

const modelParts = (m: LsaModel): ModelParts => ({
  modelId: m.id,
  settings: m.settings,
  vocab: encodeLines(m.vocab),
  idf: m.idf.slice(),
  projection: m.projection.slice(),
});

function partsOf(
  model: LsaModel | undefined,
  vectors: VectorSet,
  q: Quantized,
  cursor: number,
  started: number,
): SemanticParts {
  return {
    ...(model ? { model: modelParts(model) } : {}),
    ids: encodeLines(vectors.ids),
    dimension: vectors.dimension,
    vectors: vectors.data.slice(),
    quantized: { codes: q.codes.slice(), scales: q.scales.slice() },
    seqs: (vectors.seqs ?? new Float64Array(vectors.size)).slice(),
    ...(vectors.ivf ? { ivf: copyIvf(vectors.ivf.a) } : {}),
    cursor,
    seconds: (performance.now() - started) / 1000,
  };
}

/** The served vector set: floats from the int8 codes, and an IVF index when the set is large. */
function served(ids: string[], d: number, q: Quantized, seqs: Float64Array): VectorSet {
  const data = dequantize(q.codes, q.scales, d);
  return new VectorSet(ids, d, data, ids.length >= IVF_MIN ? buildIvf(data, d) : undefined, seqs);
}

function run(job: SemanticJob): SemanticAnswer {
  const started = performance.now();
  if (job.task === 'load') {
    try {
      const { model, vectors, manifest, quantized } = readSemantic(job.dir);
      return { parts: partsOf(model, vectors, quantized, manifest.cursor, started) };
    } catch (e) {
      if (e instanceof SemanticUnusable) return { unusable: e.message };
      return { unusable: `cannot read it: ${(e as Error).message}` };
    }
  }
  if (job.task === 'index') {
    const model = job.model ? decodeLsa(job.model) : undefined;
    const d = model?.dimension ?? job.dimension;
    const vectors = served(decodeLines(job.ids), d, job, job.seqs);
    if (model) writeSemantic(job.dir, model, vectors, job.cursor, job);
    return { parts: partsOf(model, vectors, job, job.cursor, started) };
  }
  const docs: TrainDoc[] = [];
  for (const page of job.pages) {
    const lines = decodeLines(page);
    for (let i = 0; i + 1 < lines.length; i += 2) docs.push({ id: lines[i]!, text: lines[i + 1]! });
  }
  job.pages.length = 0;
  const t = trainLsa(docs, job.settings);
  const d = t.model.dimension;
  // Served vectors are the int8 ones (as stored and as loaded from the file), so all processes rank alike.
  const q = quantize(t.vectors, t.ids.length, d);
  const vectors = served(t.ids, d, q, job.seqs);
  writeSemantic(job.dir, t.model, vectors, job.cursor, q);
  return { parts: partsOf(t.model, vectors, q, job.cursor, started) };
}

/** Every buffer of an answer, for the transfer list. */
function transferOf(p: SemanticParts): ArrayBuffer[] {
  const arrays: ArrayBufferView[] = [p.ids, p.vectors, p.quantized.codes, p.quantized.scales, p.seqs];
  if (p.model) arrays.push(p.model.vocab, p.model.idf, p.model.projection);
  if (p.ivf) arrays.push(p.ivf.centroids, p.ivf.listStart, p.ivf.order, p.ivf.codes, p.ivf.scales);
  return buffersOf(...arrays);
}

if (parentPort) {
  try {
    const answer = run(workerData as SemanticJob);
    parentPort.postMessage(answer, 'parts' in answer ? transferOf(answer.parts) : []);
  } catch (e) {
    parentPort.postMessage({ error: (e as Error).stack ?? String(e) });
  }
}
