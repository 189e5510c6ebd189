// The semantic side of search: an embedding model and one vector per paper. The store holds the truth (the
// active model with its weights, and the vectors: store/vector-store.ts), so every process serves identical
// vectors and embeds queries identically; this process keeps a derived copy in memory with an IVF index (and,
// for the built-in model, files in DATA_DIR/index that load faster than the store). Papers changed since are
// embedded into an in-memory delta (or read from the store when another process already did); the built-in
// model is retrained when the delta grows large. Heavy work runs in a worker thread (semantic-worker.ts).
import type { Logger } from '../../log.js';
import type { Paper } from '../../model/paper.js';
import type { Store } from '../../store/store.js';
import type { EmbeddingModelRecord, StoredVector } from '../../store/vector-store.js';
import { decodeVector, encodeLsa, encodeVector } from './codec.js';
import { LsaModel, defaultLsa, type Embedder, type LsaSettings } from './embedder.js';
import type { Quantized } from './persist.js';
import type { SemanticAnswer, SemanticJob, SemanticParts } from './semantic-worker.js';
import { WorkerStopped, buffersOf, decodeLines, encodeLines, runWorker } from './thread.js';
import { paperText } from './train.js';
import { VectorSet, dequantize, quantize, type VectorHit } from './vectors.js';

export interface SemanticStatus {
  state: 'loading' | 'ready' | 'building' | 'failed';
  docs: number;
  /** Papers embedded since the ANN index was built (searched exactly until the next re-index). */
  pending: number;
  model?: string;
  reason?: string;
}

export interface SemanticIndexOptions {
  store: Store;
  log: Logger;
  /** DATA_DIR/index, shared with the keyword index. */
  dir: string;
  /** The built-in model's settings (ignored with `embedder`). */
  settings?: LsaSettings;
  /** An external provider (HTTP or ONNX) instead of the built-in model. */
  embedder?: Embedder;
  /** Delta size that triggers re-indexing from the store (default 2,000 or 5% of the corpus). */
  reindexAt?: number;
  /** After a failed sync (e.g. the provider is down), wait this long before the next (default 30 s). */
  failureBackoffMs?: number;
}

export interface SemanticHit {
  id: string;
  score: number;
}

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));
const workerUrl = new URL('./semantic-worker.js', import.meta.url);
const sameSettings = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Wraps a worker thread's arrays (ids and vocabulary decoded here; the model id was computed there). */
function fromParts(p: SemanticParts): { model: LsaModel | undefined; vectors: VectorSet } {
  const m = p.model;
  const model = m
    ? new LsaModel(m.settings, decodeLines(m.vocab), m.idf, m.projection, m.modelId)
    : undefined;
  return { model, vectors: new VectorSet(decodeLines(p.ids), p.dimension, p.vectors, p.ivf, p.seqs) };
}

interface Main {
  embedder: Embedder;
  vectors: VectorSet;
}

export class SemanticIndex {
  private main: Main | undefined;
  private delta = new Map<string, Float32Array>();
  private cursor = 0;
  private training: Promise<void> | undefined;
  private loading: Promise<void> | undefined;
  private reason: string | undefined;
  private failed = false;
  private opened = false;
  private closing = false;
  private retryAfter = 0;
  private syncAfter = 0;
  private readonly abort = new AbortController();

  constructor(private readonly o: SemanticIndexOptions) {}

  /** The built-in model in use, if that is the provider. */
  get model(): LsaModel | undefined {
    const e = this.main?.embedder;
    return e instanceof LsaModel ? e : undefined;
  }

  private get wanted(): LsaSettings {
    return this.o.settings ?? defaultLsa;
  }

  /**
   * Loads the model and vectors: the local files when they hold the store's active model (read and checked in
   * a worker thread), else the store's active model and vectors, else (built-in model) trains one. Resolves
   * once the model is serving or training has started.
   */
  open(): Promise<void> {
    this.opened = true;
    this.loading = (async () => {
      try {
        await this.load();
      } catch (e) {
        if (e instanceof WorkerStopped) return;
        this.failed = !this.main;
        this.reason = `loading failed: ${(e as Error).message}`;
        this.o.log.error({ err: e }, 'semantic index: loading failed; retrying on a later sync');
        this.retryAfter = Date.now() + 60_000;
      } finally {
        this.loading = undefined;
      }
    })();
    return this.loading;
  }

  private async load(): Promise<void> {
    const external = this.o.embedder;
    const active = await this.o.store.activeEmbeddingModel();
    if (external) {
      const record: EmbeddingModelRecord = {
        id: external.id,
        kind: external.kind,
        dimension: external.dimension,
        settings: external.describe(),
        papers: 0,
        cursor: 0,
        createdAt: new Date().toISOString(),
      };
      await this.o.store.saveEmbeddingModel(record, null);
      if (active?.id !== external.id) await this.o.store.setActiveEmbeddingModel(external.id);
      await this.loadFromStore(record, external);
      return;
    }
    const answer = await runWorker<SemanticAnswer>(
      workerUrl,
      { task: 'load', dir: this.o.dir } satisfies SemanticJob,
      [],
      this.abort.signal,
    );
    let why: string;
    if ('parts' in answer) {
      const { model, vectors } = fromParts(answer.parts);
      if (!model || !sameSettings(model.settings, this.wanted)) {
        why = 'it was trained with other settings';
      } else if (active && active.id !== model.id) {
        why = `the store's active model is ${active.id}`;
      } else {
        this.swapIn(model, vectors, answer.parts.cursor);
        this.o.log.info(
          `semantic model ${model.id} loaded: ${vectors.size} papers up to change ${answer.parts.cursor}`,
        );
        // A store from before vectors were stored (or whose model was cleared): give it this one.
        if (!active) await this.publish(model, vectors, answer.parts.quantized, answer.parts.cursor);
        return;
      }
    } else {
      why = answer.unusable;
    }
    if (active?.kind === 'lsa' && sameSettings(active.settings, this.wanted)) {
      this.o.log.info(
        `semantic index: local files unusable (${why}); loading model ${active.id} from the store`,
      );
      await this.loadFromStore(active, undefined);
      return;
    }
    void this.retrain(`the semantic model cannot be used (${why})`);
  }

  /** Reads the model's vectors (and, built-in, its weights) from the store; indexes them in a worker thread. */
  private async loadFromStore(rec: EmbeddingModelRecord, external: Embedder | undefined): Promise<void> {
    const started = performance.now();
    const d = rec.dimension;
    let cap = Math.max(1024, (await this.o.store.vectorCount(rec.id)) + 1024);
    let codes = new Int8Array(cap * d);
    let scales = new Float32Array(cap);
    let seqs = new Float64Array(cap);
    const ids: string[] = [];
    let after = '';
    for (;;) {
      if (this.closing) throw new WorkerStopped('closing');
      const page = await this.o.store.vectorsAfter(rec.id, after, 5000);
      if (page.length === 0) break;
      for (const v of page) {
        if (ids.length === cap) {
          // More rows arrived while reading: grow.
          cap *= 2;
          const c = new Int8Array(cap * d);
          c.set(codes);
          codes = c;
          const s = new Float32Array(cap);
          s.set(scales);
          scales = s;
          const q = new Float64Array(cap);
          q.set(seqs);
          seqs = q;
        }
        const x = decodeVector(v.vector, d);
        codes.set(x.codes, ids.length * d);
        scales[ids.length] = x.scale;
        seqs[ids.length] = v.paperSeq;
        ids.push(v.paperId);
      }
      after = page[page.length - 1]!.paperId;
      await pause();
    }
    const n = ids.length;
    const weights = external ? null : ((await this.o.store.embeddingModel(rec.id))?.data ?? null);
    if (!external && !weights) throw new Error(`the store has no weights for model ${rec.id}`);
    const job: SemanticJob = {
      task: 'index',
      model: weights ? Uint8Array.from(weights) : null,
      dimension: d,
      dir: this.o.dir,
      cursor: rec.cursor,
      ids: encodeLines(ids),
      codes: codes.slice(0, n * d),
      scales: scales.slice(0, n),
      seqs: seqs.slice(0, n),
    };
    const transfer = buffersOf(job.ids, job.codes, job.scales, job.seqs, ...(job.model ? [job.model] : []));
    const answer = await runWorker<SemanticAnswer>(workerUrl, job, transfer, this.abort.signal);
    if (!('parts' in answer)) throw new Error(answer.unusable);
    const { model, vectors } = fromParts(answer.parts);
    const embedder = external ?? model;
    if (!embedder) throw new Error('the worker returned no model');
    this.swapIn(embedder, vectors, rec.cursor);
    const s = ((performance.now() - started) / 1000).toFixed(1);
    this.o.log.info(
      `semantic model ${embedder.id}: ${n} vectors loaded from the store and indexed in ${s} s`,
    );
  }

  /** Serves a new model and vectors; the delta (made with the old one) is dropped and re-read from `cursor`. */
  private swapIn(embedder: Embedder, vectors: VectorSet, cursor: number) {
    this.main = { embedder, vectors };
    this.delta.clear();
    this.cursor = cursor;
    this.failed = false;
    this.reason = undefined;
  }

  /** Writes the built-in model and its vectors to the store and makes it the active one. */
  private async publish(model: LsaModel, vectors: VectorSet, q: Quantized, cursor: number): Promise<void> {
    const started = performance.now();
    const s = this.o.store;
    await s.saveEmbeddingModel(
      {
        id: model.id,
        kind: model.kind,
        dimension: model.dimension,
        settings: model.settings,
        papers: vectors.size,
        cursor,
        createdAt: new Date().toISOString(),
      },
      encodeLsa(model),
    );
    const d = model.dimension;
    for (let r0 = 0; r0 < vectors.size; r0 += 1000) {
      if (this.closing) return;
      const rows: StoredVector[] = [];
      for (let r = r0; r < Math.min(vectors.size, r0 + 1000); r++) {
        rows.push({
          paperId: vectors.ids[r]!,
          paperSeq: vectors.seqs?.[r] ?? 0,
          vector: encodeVector(q.codes.subarray(r * d, (r + 1) * d), q.scales[r]!),
        });
      }
      await s.putVectors(model.id, rows);
      await pause();
    }
    await s.setActiveEmbeddingModel(model.id);
    // Keep the previous model a while (other processes serve it until they notice the new one); drop older ones.
    const older = (await s.embeddingModels()).filter((m) => m.kind === 'lsa' && m.id !== model.id);
    for (const m of older.slice(1)) await s.deleteEmbeddingModel(m.id);
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    this.o.log.info(`semantic model ${model.id} and ${vectors.size} vectors stored in ${secs} s`);
  }

  status(): SemanticStatus {
    return {
      state: this.main
        ? 'ready'
        : this.failed
          ? 'failed'
          : this.opened && !this.loading
            ? 'building'
            : 'loading',
      docs: (this.main?.vectors.size ?? 0) + this.delta.size,
      pending: this.delta.size,
      ...(this.main ? { model: this.main.embedder.id } : {}),
      ...(this.reason ? { reason: this.reason } : {}),
    };
  }

  /**
   * Follows the store: loads a model another process made active (after its retrain), embeds papers changed
   * since the cursor into the delta (taking vectors another process stored when they are current), and
   * retrains (built-in) or re-indexes (external) when the delta has grown large.
   */
  async sync(): Promise<number> {
    if (this.closing || this.loading || Date.now() < this.syncAfter) return 0;
    if (!this.main) {
      if (this.opened && !this.training && Date.now() >= this.retryAfter) void this.open();
      return 0;
    }
    try {
      if (!this.training && !this.o.embedder) {
        const active = await this.o.store.activeEmbeddingModel();
        if (active && active.id !== this.main.embedder.id && active.kind === 'lsa') {
          this.loading = this.loadFromStore(active, undefined)
            .catch((e: unknown) => {
              if (!(e instanceof WorkerStopped))
                this.o.log.error({ err: e }, `semantic index: cannot load model ${active.id}`);
            })
            .finally(() => (this.loading = undefined));
          return 0;
        }
      }
      const pulled = await this.pull(this.main);
      const at = Math.max(this.o.reindexAt ?? 2000, Math.floor(this.main.vectors.size * 0.05));
      if (this.delta.size >= at && !this.training && Date.now() >= this.retryAfter) {
        this.reindex(`${this.delta.size} papers changed since the vectors were indexed`);
      }
      return pulled;
    } catch (e) {
      // An external provider down or slow: try again later rather than every second.
      this.syncAfter = Date.now() + (this.o.failureBackoffMs ?? 30_000);
      throw e;
    }
  }

  private async pull(main: Main): Promise<number> {
    let pulled = 0;
    const vs = main.vectors;
    while (pulled < 5000) {
      const page = await this.o.store.papersChangedSince(this.cursor, 500);
      if (page.length === 0) break;
      // Rows already made from this version of the paper (vectors loaded from the store) need nothing.
      const stale = page.filter(({ seq, paper }) => {
        const r = vs.rowOf(paper.id);
        return r === undefined || (vs.seqs?.[r] ?? 0) < seq;
      });
      if (stale.length) await this.embedChanged(main, stale);
      if (this.main !== main) return pulled;
      this.cursor = page[page.length - 1]!.seq;
      pulled += page.length;
    }
    return pulled;
  }

  /** Vectors for changed papers: the store's when current, else embedded now (and stored for the others). */
  private async embedChanged(main: Main, changes: { seq: number; paper: Paper }[]): Promise<void> {
    const e = main.embedder;
    const d = e.dimension;
    const stored = new Map(
      (
        await this.o.store.vectorsFor(
          e.id,
          changes.map((c) => c.paper.id),
        )
      ).map((v) => [v.paperId, v]),
    );
    const need: { seq: number; paper: Paper }[] = [];
    for (const c of changes) {
      const v = stored.get(c.paper.id);
      if (v && v.paperSeq >= c.seq && v.vector.byteLength === d + 4) {
        const x = decodeVector(v.vector, d);
        this.delta.set(c.paper.id, dequantize(x.codes, Float32Array.of(x.scale), d));
      } else {
        need.push(c);
      }
    }
    for (let i = 0; i < need.length; i += e.batchSize) {
      const batch = need.slice(i, i + e.batchSize);
      const vs = await e.embed(
        batch.map((c) => paperText(c.paper)),
        this.abort.signal,
      );
      const rows: StoredVector[] = [];
      batch.forEach((c, j) => {
        const v = vs[j]!;
        const q = quantize(v, 1, d);
        rows.push({ paperId: c.paper.id, paperSeq: c.seq, vector: encodeVector(q.codes, q.scales[0]!) });
        // Served exactly as stored, so this process ranks like one that reads the store.
        this.delta.set(c.paper.id, dequantize(q.codes, q.scales, d));
      });
      await this.o.store.putVectors(e.id, rows);
    }
  }

  /**
   * Folds the delta into the main set: the delta's vectors are in the store (embedChanged puts them there), so
   * this re-reads the model's vectors from the store and rebuilds the IVF index in a worker thread. Retraining
   * the built-in model (new vocabulary) is a separate, rarer step: `index retrain` or the scheduled job.
   */
  private reindex(reason: string): void {
    const main = this.main;
    if (!main || this.loading || this.training) return;
    this.o.log.info(`semantic index: ${reason}: re-indexing from the store`);
    this.loading = (async () => {
      try {
        const rec = await this.o.store.embeddingModel(main.embedder.id);
        if (!rec) throw new Error(`model ${main.embedder.id} is not in the store`);
        // From the model's own cursor: rows are current or re-embedded by the next sync.
        await this.loadFromStore(rec.model, this.o.embedder);
      } catch (e) {
        if (e instanceof WorkerStopped) return;
        this.retryAfter = Date.now() + 60_000;
        this.o.log.error({ err: e }, 'semantic index: re-indexing failed; the delta keeps serving');
      } finally {
        this.loading = undefined;
      }
    })();
  }

  /**
   * Built-in model: trains a new one on every stored paper, stores it with its vectors, and swaps it in (no-op
   * while one trains). The main thread only reads the store (yielding between pages) and packs the texts; the
   * SVD, the IVF build and the file writing run in a worker thread, so a server keeps answering meanwhile
   * (degraded: keyword only, until the first model exists). External provider: re-reads its vectors from the
   * store and rebuilds the IVF index (nothing to train).
   */
  retrain(reason: string): Promise<void> {
    if (this.training) return this.training;
    this.reason = reason;
    this.o.log.info(`semantic index: ${reason}`);
    const started = performance.now();
    this.training = (async () => {
      try {
        const external = this.o.embedder;
        if (external) {
          // Nothing to train: re-read the provider's vectors and rebuild the index.
          const rec = await this.o.store.embeddingModel(external.id);
          if (rec) await this.loadFromStore(rec.model, external);
          return;
        }
        // Later versions of a paper replace earlier ones: the last text per id, in first-seen order.
        const byId = new Map<string, { seq: number; text: string }>();
        let cursor = 0;
        for (;;) {
          if (this.closing) return;
          const page = await this.o.store.papersChangedSince(cursor, 1000);
          if (page.length === 0) break;
          for (const c of page) {
            byId.set(c.paper.id, { seq: c.seq, text: paperText(c.paper).replace(/[\r\n]+/g, ' ') });
          }
          cursor = page[page.length - 1]!.seq;
          await pause();
        }
        if (this.closing) return;
        if (byId.size === 0) {
          // Nothing to learn from yet (an empty store): look again in a minute; keyword search answers meanwhile.
          this.reason = 'no papers to train on yet';
          this.retryAfter = Date.now() + 60_000;
          return;
        }
        const pages: Uint8Array[] = [];
        const seqs = new Float64Array(byId.size);
        let lines: string[] = [];
        let i = 0;
        for (const [id, { seq, text }] of byId) {
          seqs[i++] = seq;
          lines.push(id, text);
          if (lines.length >= 2000) {
            pages.push(encodeLines(lines));
            lines = [];
          }
        }
        if (lines.length) pages.push(encodeLines(lines));
        byId.clear();
        const job: SemanticJob = {
          task: 'train',
          settings: this.wanted,
          dir: this.o.dir,
          cursor,
          pages,
          seqs,
        };
        const answer = await runWorker<SemanticAnswer>(
          workerUrl,
          job,
          buffersOf(...pages, seqs),
          this.abort.signal,
        );
        if (!('parts' in answer)) throw new Error(answer.unusable);
        const { model, vectors } = fromParts(answer.parts);
        if (!model) throw new Error('the worker returned no model');
        this.swapIn(model, vectors, cursor);
        const s = ((performance.now() - started) / 1000).toFixed(1);
        this.o.log.info(
          `semantic model ${model.id} trained on ${vectors.size} papers in ${s} s (${answer.parts.seconds.toFixed(1)} s in a worker thread)`,
        );
        await this.publish(model, vectors, answer.parts.quantized, cursor);
      } catch (e) {
        if (e instanceof WorkerStopped) return;
        this.failed = !this.main;
        this.reason = `training failed: ${(e as Error).message}`;
        this.retryAfter = Date.now() + 60_000;
        this.o.log.error(
          { err: e },
          'semantic model training failed; the previous model (if any) stays in use',
        );
      } finally {
        this.training = undefined;
      }
    })();
    return this.training;
  }

  /** Resolves when no load or training is running. */
  async idle(): Promise<void> {
    while (this.loading || this.training) {
      await this.loading;
      await this.training;
    }
  }

  /** Stops background work; a training or load in a worker thread is terminated. */
  async close(): Promise<void> {
    this.closing = true;
    this.abort.abort();
    await this.idle();
  }

  /** The query's vector; undefined without a model or when it embeds to nothing (no known word). */
  async embedQuery(text: string, signal?: AbortSignal): Promise<Float32Array | undefined> {
    const e = this.main?.embedder;
    if (!e) return undefined;
    const v = (await e.embed([text], signal))[0];
    return v?.some((x) => x !== 0) ? v : undefined;
  }

  /** The stored vector of a paper (delta first), if it has one. */
  vectorOf(id: string): Float32Array | undefined {
    const d = this.delta.get(id);
    if (d) return d;
    const r = this.main?.vectors.rowOf(id);
    return r === undefined ? undefined : this.main!.vectors.vector(r);
  }

  /** Cosine of a paper's vector with `q` (0 when it has none). */
  cosine(id: string, q: Float32Array): number {
    const v = this.vectorOf(id);
    if (!v) return 0;
    let s = 0;
    for (let j = 0; j < v.length; j++) s += v[j]! * q[j]!;
    return s;
  }

  /**
   * The k papers nearest to `q`, best first, leaving out `exclude`. `near`: q is a paper's own vector (similar
   * papers), searched with fewer cells.
   */
  nearest(q: Float32Array, k: number, exclude?: string, near = false): SemanticHit[] {
    const main = this.main;
    if (!main) return [];
    const vs = main.vectors;
    // Papers in the delta are scored from their new vector, not the old one in main.
    const skip =
      this.delta.size || exclude
        ? (r: number) => this.delta.has(vs.ids[r]!) || vs.ids[r] === exclude
        : undefined;
    const hits: SemanticHit[] = (near ? vs.searchNear(q, k, skip) : vs.search(q, k, skip)).map(
      (h: VectorHit) => ({ id: vs.ids[h.row]!, score: h.score }),
    );
    for (const [id, v] of this.delta) {
      if (id === exclude) continue;
      let s = 0;
      for (let j = 0; j < v.length; j++) s += v[j]! * q[j]!;
      hits.push({ id, score: s });
    }
    return hits.sort((a, b) => b.score - a.score).slice(0, k);
  }

  /** The k papers most similar to paper `id` (empty when it has no vector). */
  similar(id: string, k: number): SemanticHit[] {
    const v = this.vectorOf(id);
    return v ? this.nearest(v, k, id, true) : [];
  }
}
