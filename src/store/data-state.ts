// A read-through cache of the few facts every request needs and that change only when data changes.
import type { Store } from './store.js';

/** What changes when data changes: the change cursor, the newest day with data, whether the demo is loaded. */
export interface DataState {
  seq: number;
  latestDay: string | undefined;
  demo: boolean;
}

/**
 * Reads DataState from the store at most once per `maxAgeMs`, with one read in flight at a time, so a busy
 * web process asks the database three small questions per second instead of three per request. Another
 * process's import becomes visible within `maxAgeMs`.
 */
export class DataStateCache {
  private value: DataState | undefined;
  private fetchedAt = 0;
  private pending: Promise<DataState> | undefined;

  constructor(
    private readonly store: Store,
    private readonly maxAgeMs = 1000,
  ) {}

  /** The current state, read from the store when the cached one is older than maxAgeMs. */
  async get(): Promise<DataState> {
    if (this.value && Date.now() - this.fetchedAt < this.maxAgeMs) return this.value;
    this.pending ??= this.read().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async read(): Promise<DataState> {
    const [seq, latestDay, demo] = await Promise.all([
      this.store.changeSeq(),
      this.store.latestActivityDay(),
      this.store.getMeta('demo'),
    ]);
    this.value = { seq, latestDay, demo: demo === 'imported' };
    this.fetchedAt = Date.now();
    return this.value;
  }
}
