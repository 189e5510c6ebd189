// Paper-page views as a signal: one per visitor per paper per day, with no personal data kept. A visitor is a
// keyed hash of (day, client address, user agent) under a key derived from the server's SECRET_KEY: it cannot be
// reversed, and the same person's hashes on two days cannot be linked. Views are collected in memory (recording
// costs the request nothing) and written in one batch per flush: the dedup rows, then the pp_views running total
// of each paper whose count changed, as one signal observation per paper per flush — never one per view.
import { createHmac } from 'node:crypto';
import type { Store } from '../store/store.js';
import type { Logger } from '../log.js';

/** Robots inflate counts and are not readers. */
const ROBOT = /bot|crawl|spider|slurp|preview|fetch|monitor|headless|curl|wget|python-requests|httpclient/i;

export interface PageViewsOptions {
  store: Store;
  secretKey: string;
  log?: Logger;
  /** How often collected views are written (default one minute). */
  flushMs?: number;
  /** Views held before an early flush (default 5,000), so memory stays bounded under a burst. */
  maxPending?: number;
}

/** Collects paper-page views and writes them in batches (see the file comment). */
export class PageViews {
  private pending = new Map<string, { paperId: string; day: string; visitor: string }>();
  private readonly key: Buffer;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<number> | undefined;

  constructor(private readonly o: PageViewsOptions) {
    // A key of its own, so a visitor hash can never be confused with (or used as) a token signed by SECRET_KEY.
    this.key = createHmac('sha256', o.secretKey).update('paperpulse:paper-views:v1').digest();
  }

  /** The visitor hash of a client on a day (hex, 128 bits). */
  visitor(day: string, address: string, userAgent: string): string {
    return createHmac('sha256', this.key)
      .update(`${day}\n${address}\n${userAgent}`)
      .digest('hex')
      .slice(0, 32);
  }

  /** Notes one view of `paperId`; returns false when it is not counted (a robot, or no address to tell apart). */
  record(
    paperId: string,
    address: string | undefined,
    userAgent: string | undefined,
    now = new Date(),
  ): boolean {
    if (!address || !userAgent || ROBOT.test(userAgent)) return false;
    const day = now.toISOString().slice(0, 10);
    const visitor = this.visitor(day, address, userAgent);
    this.pending.set(`${paperId}|${day}|${visitor}`, { paperId, day, visitor });
    if (this.pending.size >= (this.o.maxPending ?? 5000)) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.o.flushMs ?? 60_000).unref();
    return true;
  }

  /** Writes what was collected; resolves to the number of papers whose view count changed. */
  flush(now = new Date()): Promise<number> {
    if (this.flushing) return this.flushing.then(() => this.flush(now));
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    if (batch.length === 0) return Promise.resolve(0);
    this.flushing = this.write(batch, now).finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async write(
    batch: { paperId: string; day: string; visitor: string }[],
    now: Date,
  ): Promise<number> {
    try {
      const totals = await this.o.store.recordPaperViews(batch);
      if (totals.length === 0) return 0;
      const observedAt = now.toISOString();
      await this.o.store.importBatch({
        papers: [],
        signals: totals.map((t) => ({
          paperId: t.paperId,
          kind: 'pp_views' as const,
          value: t.total,
          observedAt,
          source: 'paperpulse',
        })),
      });
      return totals.length;
    } catch (e) {
      // Views are a weak signal: losing one minute's worth beats failing pages or retrying for ever.
      this.o.log?.warn({ err: (e as Error).message, views: batch.length }, 'could not record page views');
      return 0;
    }
  }

  /** Flushes and stops the timer (shutdown). */
  async stop(): Promise<void> {
    await this.flush();
    clearTimeout(this.timer);
  }
}
