// The semantic side of the derived index: the LSA model and one vector per paper, trained from the store,
// persisted beside the keyword index, and kept in sync by the same change cursor (changed papers are embedded
// with the current model into an in-memory delta; the model is retrained when the delta grows large).
import type { Logger } from '../../log.js';
import type { Store } from '../../store/store.js';
import { LsaModel, defaultLsa, type LsaSettings } from './embedder.js';
import type { SemanticAnswer, SemanticJob, SemanticParts } from './semantic-worker.js';
import { WorkerStopped, buffersOf, decodeLines, encodeLines, runWorker } from './thread.js';
import { paperText } from './train.js';
import { VectorSet, type VectorHit } from './vectors.js';

const workerUrl = new URL('./semantic-worker.js', import.meta.url);

/** Wraps a worker thread's arrays (ids and vocabulary decoded here; the model id was computed there). */
function fromParts(p: SemanticParts): { model: LsaModel; vectors: VectorSet } {
  const model = new LsaModel(p.settings, decodeLines(p.vocab), p.idf, p.projection, p.modelId);
  return { model, vectors: new VectorSet(decodeLines(p.ids), model.dimension, p.vectors, p.ivf) };
}

export interface SemanticStatus {
  state: 'loading' | 'ready' | 'building' | 'failed';
  docs: number;
  model?: string;
  reason?: string;
}

export interface SemanticIndexOptions {
  store: Store;
  log: Logger;
  /** DATA_DIR/index, shared with the keyword index. */
  dir: string;
  settings?: LsaSettings;
  /** Delta size that triggers retraining (default 2,000 or 5% of the corpus). */
  retrainAt?: number;
}

export interface SemanticHit {
  id: string;
  score: number;
}

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

export class SemanticIndex {
  private main: { model: LsaModel; vectors: VectorSet; cursor: number } | undefined;
  private delta = new Map<string, Float32Array>();
  private cursor = 0;
  private training: Promise<void> | undefined;
  private reason: string | undefined;
  private failed = false;
  private opened = false;
  private closing = false;
  private retryAfter = 0;
  private loading: Promise<void> | undefined;
  private readonly abort = new AbortController();

  constructor(private readonly o: SemanticIndexOptions) {}

  get model(): LsaModel | undefined {
    return this.main?.model;
  }

  /**
   * Loads the model and vectors (in a worker thread: reading and checking ~50 MB would stall the server for
   * a second or two); when missing, damaged or trained with other settings, retrains them.
   */
  open(): Promise<void> {
    this.opened = true;
    this.loading = (async () => {
      const want = this.o.settings ?? defaultLsa;
      let why: string;
      try {
        const answer = await runWorker<SemanticAnswer>(
          workerUrl,
          { task: 'load', dir: this.o.dir } satisfies SemanticJob,
          [],
          this.abort.signal,
        );
        if ('parts' in answer) {
          if (JSON.stringify(answer.parts.settings) === JSON.stringify(want)) {
            const { model, vectors } = fromParts(answer.parts);
            this.main = { model, vectors, cursor: answer.parts.cursor };
            this.cursor = answer.parts.cursor;
            this.o.log.info(
              `semantic model ${model.id} loaded: ${vectors.size} papers up to change ${answer.parts.cursor}`,
            );
            return;
          }
          why = 'it was trained with other settings';
        } else {
          why = answer.unusable;
        }
      } catch (e) {
        if (e instanceof WorkerStopped) return;
        why = `cannot read it: ${(e as Error).message}`;
      } finally {
        this.loading = undefined;
      }
      void this.retrain(`the semantic model cannot be used (${why})`);
    })();
    return this.loading;
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
      ...(this.main ? { model: this.main.model.id } : {}),
      ...(this.reason ? { reason: this.reason } : {}),
    };
  }

  /** Embeds papers changed since the cursor into the delta; retrains when the delta has grown large. */
  async sync(): Promise<number> {
    const main = this.main;
    if (!main || this.closing) return 0;
    let pulled = 0;
    for (;;) {
      const page = await this.o.store.papersChangedSince(this.cursor, 1000);
      if (page.length === 0) break;
      const vs = main.model.embed(page.map((c) => paperText(c.paper)));
      page.forEach((c, i) => this.delta.set(c.paper.id, vs[i]!));
      this.cursor = page[page.length - 1]!.seq;
      pulled += page.length;
      if (pulled >= 5000) break;
    }
    const at = Math.max(this.o.retrainAt ?? 2000, Math.floor(main.vectors.size * 0.05));
    if (this.delta.size >= at && !this.training && Date.now() >= this.retryAfter) {
      void this.retrain(`${this.delta.size} papers changed since the model was trained: retraining`);
    }
    return pulled;
  }

  /**
   * Trains a new model on every stored paper and swaps it in (no-op while one trains). The main thread only
   * reads the store (yielding between pages) and packs the texts; the SVD and the file writing run in a worker
   * thread, so a server keeps answering meanwhile (degraded: keyword only, until the first model exists).
   */
  retrain(reason: string): Promise<void> {
    if (this.training) return this.training;
    this.reason = reason;
    this.o.log.info(`semantic index: ${reason}`);
    const started = performance.now();
    this.training = (async () => {
      try {
        // Later versions of a paper replace earlier ones: keep the last text per id, in first-seen order.
        const byId = new Map<string, string>();
        let cursor = 0;
        for (;;) {
          if (this.closing) return;
          const page = await this.o.store.papersChangedSince(cursor, 1000);
          if (page.length === 0) break;
          for (const c of page) byId.set(c.paper.id, paperText(c.paper).replace(/[\r\n]+/g, ' '));
          cursor = page[page.length - 1]!.seq;
          await pause();
        }
        if (this.closing) return;
        const pages: Uint8Array[] = [];
        let lines: string[] = [];
        for (const [id, text] of byId) {
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
          settings: this.o.settings ?? defaultLsa,
          dir: this.o.dir,
          cursor,
          pages,
        };
        const answer = await runWorker<SemanticAnswer>(
          workerUrl,
          job,
          buffersOf(...pages),
          this.abort.signal,
        );
        if (!('parts' in answer)) throw new Error(answer.unusable);
        const { model, vectors } = fromParts(answer.parts);
        this.main = { model, vectors, cursor };
        // The delta was embedded with the old model: drop it and re-read what changed after the training read.
        this.delta.clear();
        this.cursor = cursor;
        this.failed = false;
        this.reason = undefined;
        const s = ((performance.now() - started) / 1000).toFixed(1);
        this.o.log.info(
          `semantic model ${model.id} trained on ${vectors.size} papers in ${s} s (${answer.parts.seconds.toFixed(1)} s in a worker thread)`,
        );
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

  /** Resolves when no training is running. */
  async idle(): Promise<void> {
    await this.loading;
    await this.training;
  }

  /** Stops background work; a training or load in a worker thread is terminated. */
  async close(): Promise<void> {
    this.closing = true;
    this.abort.abort();
    await this.loading;
    await this.training;
  }

  /** The query's vector; undefined without a model or when no word of the query is in its vocabulary. */
  embedQuery(text: string): Float32Array | undefined {
    const v = this.main?.model.embed([text])[0];
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

  /** The k papers nearest to `q`, best first, leaving out `exclude`. */
  nearest(q: Float32Array, k: number, exclude?: string): SemanticHit[] {
    const main = this.main;
    if (!main) return [];
    const vs = main.vectors;
    // Papers in the delta are scored from their new vector, not the old one in main.
    const skip =
      this.delta.size || exclude
        ? (r: number) => this.delta.has(vs.ids[r]!) || vs.ids[r] === exclude
        : undefined;
    const hits: SemanticHit[] = vs
      .search(q, k, skip)
      .map((h: VectorHit) => ({ id: vs.ids[h.row]!, score: h.score }));
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
    return v ? this.nearest(v, k, id) : [];
  }
}
