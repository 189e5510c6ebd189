// Trains the LSA model on a corpus: features with enough docs, tf-idf rows, truncated SVD.
import { LsaModel, defaultLsa, features, normalize, tfidf, type LsaSettings } from './embedder.js';
import type { Csr } from './sparse.js';
import { truncatedSvd } from './svd.js';

export interface TrainDoc {
  id: string;
  text: string;
}

/** Doc vectors (rows × dimension, unit rows) in the docs' order, with the model that embeds queries alike. */
export interface Trained {
  model: LsaModel;
  ids: string[];
  vectors: Float32Array;
}

/** The text a paper is embedded from. */
export const paperText = (p: { title: string; abstract: string }) => `${p.title}. ${p.abstract}`;

/** Trains on `docs`; the same docs and settings give the same model id and the same vectors. */
export function trainLsa(docs: TrainDoc[], settings: LsaSettings = defaultLsa): Trained {
  const feats = docs.map((d) => features(d.text, settings.bigrams));
  const df = new Map<string, number>();
  for (const fs of feats) for (const f of new Set(fs)) df.set(f, (df.get(f) ?? 0) + 1);
  // Most frequent first, ties by name: the vocabulary must not depend on Map iteration or doc order quirks.
  const vocab = [...df]
    .filter(([, n]) => n >= settings.minDf)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, settings.maxFeatures)
    .map(([f]) => f)
    .sort();
  const index = new Map(vocab.map((t, i) => [t, i]));
  const n = docs.length;
  const idf = Float32Array.from(vocab, (t) => Math.log((n + 1) / (df.get(t)! + 1)) + 1);
  const start = new Uint32Array(n + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  feats.forEach((fs, r) => {
    const w = tfidf(fs, index, idf);
    for (let i = 0; i < w.cols.length; i++) {
      cols.push(w.cols[i]!);
      vals.push(w.vals[i]!);
    }
    start[r + 1] = cols.length;
  });
  const a: Csr = {
    rows: n,
    cols: vocab.length,
    start,
    col: Uint32Array.from(cols),
    val: Float32Array.from(vals),
  };
  const rank = Math.min(settings.dimension, vocab.length, n);
  const svd = truncatedSvd(a, { rank, power: settings.power, seed: settings.seed });
  const d = svd.sigma.length;
  const model = new LsaModel(settings, vocab, idf, svd.v);
  // Rows of A·V are exactly what model.embed gives for each doc's text, before normalising.
  for (let r = 0; r < n; r++) normalize(svd.us.subarray(r * d, (r + 1) * d));
  return { model, ids: docs.map((x) => x.id), vectors: svd.us };
}
