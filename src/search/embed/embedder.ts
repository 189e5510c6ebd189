// Text → vector. The Embedder interface every provider implements, and the built-in one: LSA over tf-idf,
// trained on the instance's own corpus (see train.ts), so semantic search needs no model download.
import { createHash } from 'node:crypto';
import { defaultAnalyzer, forEachWord } from '../tokenize.js';

/** Turns texts into unit-length vectors comparable by dot product. */
export interface Embedder {
  /** Names the model and its exact weights: vectors from two embedders with one id are interchangeable. */
  readonly id: string;
  /** 'lsa' (built in, trained here), 'http' (an OpenAI-compatible endpoint) or 'onnx' (a local model). */
  readonly kind: string;
  readonly dimension: number;
  /** Texts per embed() call that the provider handles well (callers batch by it). */
  readonly batchSize: number;
  /** One unit vector per text, in order (external providers answer asynchronously and may throw). */
  embed(texts: string[], signal?: AbortSignal): Float32Array[] | Promise<Float32Array[]>;
  /** What to record about the model in the store (JSON). */
  describe(): unknown;
}

/** What the LSA model was trained with; part of its id. */
export interface LsaSettings {
  dimension: number;
  /** Also count adjacent term pairs ("kv cach") as features. */
  bigrams: boolean;
  /** A term (or pair) must occur in this many docs to be a feature. */
  minDf: number;
  /** At most this many features, most frequent first. */
  maxFeatures: number;
  power: number;
  seed: number;
}

export const defaultLsa: LsaSettings = {
  dimension: 128,
  bigrams: false,
  minDf: 2,
  maxFeatures: 100_000,
  power: 2,
  seed: 1,
};

/** The features of a text, in order: stemmed terms (the keyword analyzer's), then adjacent pairs. */
export function features(text: string, bigrams: boolean): string[] {
  const out: string[] = [];
  let prev: string | undefined;
  const pairs: string[] = [];
  forEachWord(text, (word) => {
    const t = defaultAnalyzer.term(word);
    // A stop word breaks a pair: "cost of training" does not make "cost train".
    if (t === undefined) {
      prev = undefined;
      return;
    }
    out.push(t);
    if (bigrams && prev !== undefined) pairs.push(`${prev} ${t}`);
    prev = t;
  });
  return pairs.length ? out.concat(pairs) : out;
}

/** A trained LSA model: feature → idf and feature → coordinates (row-major, features × dimension). */
export class LsaModel implements Embedder {
  readonly id: string;
  readonly kind = 'lsa';
  readonly batchSize = 1000;
  readonly dimension: number;
  private readonly index: Map<string, number>;

  constructor(
    readonly settings: LsaSettings,
    readonly vocab: string[],
    readonly idf: Float32Array,
    readonly projection: Float32Array,
    /** The id computed by whoever built or verified these arrays (a worker thread): skips re-hashing ~50 MB. */
    knownId?: string,
  ) {
    this.dimension = vocab.length ? projection.length / vocab.length : settings.dimension;
    this.index = new Map(vocab.map((t, i) => [t, i]));
    if (knownId) {
      this.id = knownId;
      return;
    }
    // The vocabulary and settings fix the features; the projection's bytes fix the rest.
    const h = createHash('sha256').update(JSON.stringify(settings)).update(vocab.join('\n'));
    h.update(new Uint8Array(projection.buffer, projection.byteOffset, projection.byteLength));
    h.update(new Uint8Array(idf.buffer, idf.byteOffset, idf.byteLength));
    this.id = `lsa-${h.digest('hex').slice(0, 16)}`;
  }

  describe(): unknown {
    return this.settings;
  }

  /** The tf-idf weights of a text, unit length, as (feature, weight) pairs; empty when no feature is known. */
  weights(text: string): { cols: number[]; vals: number[] } {
    return tfidf(features(text, this.settings.bigrams), this.index, this.idf);
  }

  /** One unit vector per text (all zeros when the text has no known feature). */
  embed(texts: string[]): Float32Array[] {
    const d = this.dimension;
    return texts.map((text) => {
      const { cols, vals } = this.weights(text);
      const out = new Float32Array(d);
      for (let i = 0; i < cols.length; i++) {
        const o = cols[i]! * d;
        const w = vals[i]!;
        for (let j = 0; j < d; j++) out[j]! += w * this.projection[o + j]!;
      }
      return normalize(out);
    });
  }
}

/** Sublinear tf (1 + ln tf) × idf over the known features, scaled to unit length. */
export function tfidf(feats: string[], index: Map<string, number>, idf: Float32Array) {
  const tf = new Map<number, number>();
  for (const f of feats) {
    const c = index.get(f);
    if (c !== undefined) tf.set(c, (tf.get(c) ?? 0) + 1);
  }
  const cols = [...tf.keys()].sort((a, b) => a - b);
  const vals = cols.map((c) => (1 + Math.log(tf.get(c)!)) * idf[c]!);
  const norm = Math.hypot(...vals) || 1;
  return { cols, vals: vals.map((v) => v / norm) };
}

/** Scales `v` to unit length in place (a zero vector stays zero). */
export function normalize(v: Float32Array): Float32Array {
  let s = 0;
  for (const x of v) s += x * x;
  if (s > 0) {
    const k = 1 / Math.sqrt(s);
    for (let i = 0; i < v.length; i++) v[i]! *= k;
  }
  return v;
}
