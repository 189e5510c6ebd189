// Worker-thread entry for the semantic index's heavy work (see thread.ts): `train` (LSA on the corpus, then
// write the files) and `load` (read and verify the files). Both answer with the model and vectors as typed
// arrays, transferred, so the main thread only wraps them.
import { parentPort, workerData } from 'node:worker_threads';
import type { LsaModel, LsaSettings } from './embedder.js';
import { SemanticUnusable, readSemantic, writeSemantic } from './persist.js';
import { buffersOf, decodeLines, encodeLines } from './thread.js';
import { trainLsa, type TrainDoc } from './train.js';
import { buildIvf, type IvfArrays } from './ivf.js';
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
    }
  | { task: 'load'; dir: string };

/** A model and its vectors as plain arrays (see partsOf / the main thread's fromParts). */
export interface SemanticParts {
  modelId: string;
  settings: LsaSettings;
  vocab: Uint8Array;
  idf: Float32Array;
  projection: Float32Array;
  ids: Uint8Array;
  /** rows × dimension, unit rows, exactly as the int8 file holds them (so every process has the same). */
  vectors: Float32Array;
  /** The ANN index over `vectors` (large sets only). */
  ivf?: IvfArrays;
  cursor: number;
  /** Seconds the work took in the thread. */
  seconds: number;
}

export type SemanticAnswer = { parts: SemanticParts } | { unusable: string };

function partsOf(model: LsaModel, vectors: VectorSet, cursor: number, started: number): SemanticParts {
  return {
    modelId: model.id,
    settings: model.settings,
    vocab: encodeLines(model.vocab),
    idf: model.idf.slice(),
    projection: model.projection.slice(),
    ids: encodeLines(vectors.ids),
    vectors: vectors.data.slice(),
    ...(vectors.ivf ? { ivf: copyIvf(vectors.ivf.a) } : {}),
    cursor,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Own copies (a loaded index views one shared file buffer; each part must be transferable on its own). */
const copyIvf = (a: IvfArrays): IvfArrays => ({
  dimension: a.dimension,
  centroids: a.centroids.slice(),
  listStart: a.listStart.slice(),
  order: a.order.slice(),
  codes: a.codes.slice(),
  scales: a.scales.slice(),
});

function run(job: SemanticJob): SemanticAnswer {
  const started = performance.now();
  if (job.task === 'load') {
    try {
      const { model, vectors, manifest } = readSemantic(job.dir);
      return { parts: partsOf(model, vectors, manifest.cursor, started) };
    } catch (e) {
      if (e instanceof SemanticUnusable) return { unusable: e.message };
      return { unusable: `cannot read it: ${(e as Error).message}` };
    }
  }
  const docs: TrainDoc[] = [];
  for (const page of job.pages) {
    const lines = decodeLines(page);
    for (let i = 0; i + 1 < lines.length; i += 2) docs.push({ id: lines[i]!, text: lines[i + 1]! });
  }
  job.pages.length = 0;
  const t = trainLsa(docs, job.settings);
  const d = t.model.dimension;
  // Served vectors are the int8 ones (as loaded from the file), so a fresh and a loaded index rank alike.
  const q = quantize(t.vectors, t.ids.length, d);
  const data = dequantize(q.codes, q.scales, d);
  const vectors = new VectorSet(t.ids, d, data, t.ids.length >= IVF_MIN ? buildIvf(data, d) : undefined);
  writeSemantic(job.dir, t.model, vectors, job.cursor);
  return { parts: partsOf(t.model, vectors, job.cursor, started) };
}

if (parentPort) {
  try {
    const answer = run(workerData as SemanticJob);
    const transfer =
      'parts' in answer
        ? buffersOf(
            answer.parts.vocab,
            answer.parts.idf,
            answer.parts.projection,
            answer.parts.ids,
            answer.parts.vectors,
            ...(answer.parts.ivf
              ? [
                  answer.parts.ivf.centroids,
                  answer.parts.ivf.listStart,
                  answer.parts.ivf.order,
                  answer.parts.ivf.codes,
                  answer.parts.ivf.scales,
                ]
              : []),
          )
        : [];
    parentPort.postMessage(answer, transfer);
  } catch (e) {
    parentPort.postMessage({ error: (e as Error).stack ?? String(e) });
  }
}
