// The derived keyword index of one process: a persisted main segment plus an in-memory delta of papers changed
// since, kept in sync from the store's change cursor and merged into a new main segment now and then.
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';
import { newBitset, setBit } from './bitset.js';
import { SegmentBuilder } from './build.js';
import { docOf, type IndexDoc } from './doc.js';
import type { SegmentView } from './engine.js';
import { BuildCancelled, buildFromStore, type BuildProgress } from './from-store.js';
import { IndexUnusable, readIndex, writeIndex } from './persist.js';
import { defaultBm25, type Segment } from './segment.js';
import { defaultAnalyzer } from './tokenize.js';

/**
 * What the index can do right now: `loading` (reading the files, a moment after start), `building` (no usable
 * index yet: answers are empty and say so), `failed` (the build failed; retried), `ready`.
 */
export interface IndexStatus {
  state: 'loading' | 'ready' | 'building' | 'failed';
  /** Searchable papers. */
  docs: number;
  /** The store change cursor the index has caught up to. */
  cursor: number;
  /** Papers waiting in the in-memory delta for the next merge. */
  pending: number;
  rebuilding: boolean;
  progress?: BuildProgress;
  /** Why the index is being rebuilt or has failed. */
  reason?: string;
  /**
   * Set while this process answers from its in-memory copy because the files on disk are gone (deleted while
   * serving): results are complete, but a restart would have nothing to load until the rebuild has finished.
   */
  degraded?: string;
}

export interface KeywordIndexOptions {
  store: Store;
  log: Logger;
  /** Where the index files live (DATA_DIR/index). */
  dir: string;
  /** Papers read per sync tick at most, so one tick never blocks for long. */
  maxPerSync?: number;
  /** The delta is merged (main rebuilt) when it holds more than this many papers, or 5% of main. */
  mergeAt?: number;
}

/** Index files go here under the data directory. */
export const indexDir = (dataDir: string) => path.join(dataDir, 'index');

export class KeywordIndex {
  private main: { seg: Segment; cursor: number; file: string; dead?: Uint32Array } | undefined;
  private delta = new Map<string, { seq: number; doc: IndexDoc }>();
  private deltaSeg: Segment | undefined;
  private cursor = 0;
  private rebuild: Promise<void> | undefined;
  private progress: BuildProgress | undefined;
  private reason: string | undefined;
  private failed = false;
  private closing = false;
  private opened = false;
  private retryAfter = 0;
  private degraded: string | undefined;

  constructor(private readonly o: KeywordIndexOptions) {}

  /** Loads the index from disk; when missing or corrupt, starts rebuilding it in the background. */
  open(): void {
    this.opened = true;
    try {
      const { seg, manifest } = readIndex(this.o.dir);
      const p = seg.meta.params;
      const d = defaultBm25;
      if (
        seg.meta.analyzer !== defaultAnalyzer.name ||
        Object.keys(d).some((k) => p[k as keyof typeof p] !== d[k as keyof typeof d])
      ) {
        throw new IndexUnusable('it was built with other analysis settings');
      }
      this.main = { seg, cursor: manifest.cursor, file: manifest.file };
      this.cursor = manifest.cursor;
      this.o.log.info(`search index loaded: ${manifest.docCount} papers up to change ${manifest.cursor}`);
    } catch (e) {
      // Whatever is wrong with the files (damaged, unreadable), the store can always produce them again.
      const why = e instanceof IndexUnusable ? e.message : `cannot read it: ${(e as Error).message}`;
      void this.startRebuild(`the search index cannot be used (${why})`);
    }
  }

  /** The segments to search now, newest last, each with the docs that newer ones supersede. */
  views(): SegmentView[] {
    const out: SegmentView[] = [];
    if (this.main) out.push({ seg: this.main.seg, dead: this.main.dead });
    if (this.deltaSeg) out.push({ seg: this.deltaSeg });
    return out;
  }

  status(): IndexStatus {
    const mainLive = this.main ? this.main.seg.meta.liveDocs - countBits(this.main.dead) : 0;
    return {
      state: this.main ? 'ready' : this.failed ? 'failed' : this.opened ? 'building' : 'loading',
      docs: mainLive + this.delta.size,
      cursor: this.cursor,
      pending: this.delta.size,
      rebuilding: this.rebuild !== undefined,
      ...(this.progress ? { progress: this.progress } : {}),
      ...(this.reason ? { reason: this.reason } : {}),
      ...(this.degraded ? { degraded: this.degraded } : {}),
    };
  }

  /** Pulls papers changed since the cursor into the delta; merges when the delta has grown large. */
  async sync(): Promise<number> {
    if (!this.main || this.closing) return 0;
    this.checkFiles(this.main.file);
    const mergeAt = Math.max(this.o.mergeAt ?? 2000, Math.floor(this.main.seg.meta.liveDocs * 0.05));
    // While a merge runs, it reads those changes itself; the delta need not grow past the limit meanwhile.
    if (this.rebuild && this.delta.size >= mergeAt) return 0;
    let pulled = 0;
    const max = this.o.maxPerSync ?? 5000;
    while (pulled < max) {
      const page = await this.o.store.papersChangedSince(this.cursor, Math.min(1000, max - pulled));
      if (page.length === 0) break;
      for (const { seq, paper } of page) {
        this.delta.set(paper.id, { seq, doc: docOf(paper) });
        this.cursor = seq;
      }
      pulled += page.length;
    }
    if (pulled) await this.refreshDelta();
    if (this.delta.size >= mergeAt && !this.rebuild && Date.now() >= this.retryAfter) {
      void this.startRebuild(`${this.delta.size} papers changed since the index was built: merging`);
    }
    return pulled;
  }

  /** Rebuilds the main segment from the store in the background (no-op when one is running). */
  startRebuild(reason: string): Promise<void> {
    if (this.rebuild) return this.rebuild;
    this.reason = reason;
    this.o.log.info(`search index: ${reason}; rebuilding from the store`);
    const started = performance.now();
    this.rebuild = (async () => {
      try {
        const { seg, cursor } = await buildFromStore(this.o.store, {
          onProgress: (p) => (this.progress = p),
          cancelled: () => this.closing,
        });
        const { file } = writeIndex(this.o.dir, seg, cursor);
        this.main = { seg, cursor, file };
        this.degraded = undefined;
        for (const [id, e] of this.delta) if (e.seq <= cursor) this.delta.delete(id);
        this.cursor = Math.max(this.cursor, cursor);
        this.failed = false;
        this.reason = undefined;
        await this.refreshDelta();
        const s = ((performance.now() - started) / 1000).toFixed(1);
        this.o.log.info(`search index rebuilt: ${seg.meta.liveDocs} papers up to change ${cursor} in ${s} s`);
      } catch (e) {
        if (e instanceof BuildCancelled) return;
        this.failed = !this.main;
        this.reason = `rebuilding failed: ${(e as Error).message}`;
        this.retryAfter = Date.now() + 60_000;
        this.o.log.error({ err: e }, 'search index rebuild failed; the previous index (if any) stays in use');
      } finally {
        this.progress = undefined;
        this.rebuild = undefined;
      }
    })();
    return this.rebuild;
  }

  /**
   * Notices index files removed under a running process (an operator's `rm`, a cleanup script, a disk swap):
   * search goes on from memory, and the index is rebuilt from the store so that a restart finds it again.
   */
  private checkFiles(file: string): void {
    if (this.rebuild || Date.now() < this.retryAfter) return;
    const at = (f: string) => path.join(this.o.dir, f);
    // Another writer (`paperpulse index rebuild`) may have replaced our segment with its own: still an index.
    const segment =
      fs.existsSync(at(file)) ||
      (fs.existsSync(this.o.dir) && fs.readdirSync(this.o.dir).some((f) => /^segment-.*\.bin$/.test(f)));
    if (segment && fs.existsSync(at('manifest.json'))) return;
    this.degraded = `the index files in ${this.o.dir} were deleted; answering from memory while rebuilding`;
    this.o.log.warn(`search index: ${this.degraded}`);
    void this.startRebuild('the index files were deleted');
  }

  /** Resolves when no rebuild is running (tests and the CLI wait on it). */
  async idle(): Promise<void> {
    await this.rebuild;
  }

  /** Stops background work: a running rebuild is abandoned at its next page. */
  async close(): Promise<void> {
    this.closing = true;
    await this.rebuild;
  }

  /** Re-derives the delta segment (scored with the main segment's statistics) and what it shadows in main. */
  private async refreshDelta(): Promise<void> {
    const main = this.main;
    if (!main) return;
    if (this.delta.size === 0) {
      this.deltaSeg = undefined;
      main.dead = undefined;
      return;
    }
    const b = new SegmentBuilder();
    const dead = newBitset(main.seg.docCount);
    for (const { doc } of this.delta.values()) {
      b.add(doc);
      const d = main.seg.docOf(doc.id);
      if (d !== undefined) setBit(dead, d);
    }
    const { liveDocs, avgLen } = main.seg.meta;
    const seg = await b.finish({ liveDocs, avgLen, df: (t) => main.seg.df(t) });
    // Swap both at once so no search sees a paper twice or not at all.
    this.deltaSeg = seg;
    main.dead = dead;
  }
}

function countBits(bits: Uint32Array | undefined): number {
  let n = 0;
  if (bits) for (const w of bits) for (let v = w; v; v &= v - 1) n++;
  return n;
}
