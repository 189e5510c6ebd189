// What sending digests needs, built once per process: the store, the messenger (one pooled SMTP connection set,
// or the outbox), signed links, the From address, and the candidate pools shared by every digest of a day.
import type { Logger } from '../log.js';
import type { Config } from '../config.js';
import type { Messenger } from '../mail/email.js';
import { Links } from '../mail/links.js';
import { openMessenger } from '../mail/open.js';
import { TokenSigner } from '../mail/tokens.js';
import { shiftDay } from '../model/digest.js';
import type { Store } from '../store/store.js';
import { loadPool, type DigestPool } from './pool.js';
import { defaultFrom, type RenderContext } from './render.js';

/** A pool is rebuilt after this long, so a long-running worker sees new listings and scores. */
const POOL_TTL_MS = 10 * 60_000;

/** Candidate pools by local day, loaded once and shared by concurrent digests (no stampede). */
export class PoolCache {
  private readonly pools = new Map<string, { at: number; pool: Promise<DigestPool> }>();

  constructor(
    private readonly store: Store,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The pool for local day `day`; reasons are told as of now, or as of that day's end for a past day. */
  get(day: string): Promise<DigestPool> {
    const now = this.clock();
    const hit = this.pools.get(day);
    if (hit && now.getTime() - hit.at < POOL_TTL_MS) return hit.pool;
    const past = day < shiftDay(now.toISOString().slice(0, 10), -1);
    const asOf = past ? new Date(`${day}T23:59:59.999Z`) : now;
    const pool = loadPool(this.store, day, asOf);
    // A failed load is not cached: the next digest tries again.
    pool.catch(() => this.pools.delete(day));
    if (this.pools.size > 8) this.pools.delete(this.pools.keys().next().value!);
    this.pools.set(day, { at: now.getTime(), pool });
    return pool;
  }
}

export interface DigestSender extends RenderContext {
  store: Store;
  messenger: Messenger;
  log: Logger;
  pools: PoolCache;
  now: () => Date;
}

/** The sender for a configured process; `secretKey` is the instance key (cli/secret.ts resolves it). */
export function openDigestSender(
  config: Pick<Config, 'smtpUrl' | 'smtpRate' | 'dataDir' | 'publicUrl' | 'mailFrom'>,
  secretKey: string,
  store: Store,
  log: Logger,
  overrides: Partial<Pick<DigestSender, 'messenger' | 'now'>> = {},
): DigestSender {
  const now = overrides.now ?? (() => new Date());
  return {
    store,
    log,
    now,
    messenger: overrides.messenger ?? openMessenger(config),
    links: new Links(config.publicUrl, new TokenSigner(secretKey)),
    publicUrl: config.publicUrl,
    from: !config.mailFrom
      ? defaultFrom(config.publicUrl)
      : config.mailFrom.includes('<')
        ? config.mailFrom
        : `paperpulse <${config.mailFrom}>`,
    pools: new PoolCache(store, now),
  };
}
