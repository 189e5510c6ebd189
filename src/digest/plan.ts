// Planning: find the subscribers whose digest is due and write, per digest, its queued outbox row and its sending
// job (key `digest:<subscriber>:<period>`). Idempotent: a period already planned is skipped, by any process.
import type { DueDigest, DueQuery } from '../store/digest-store.js';
import type { Store } from '../store/store.js';

/** The job kind that sends one digest, and how often a transient failure is retried before it fails. */
export const SEND_DIGEST = { kind: 'digest-send', maxAttempts: 6 } as const;

const PAGE = 500;

/** Every due digest (paged through the store), for dry runs and the CLI's counts. */
export async function* dueDigests(
  store: Store,
  q: Omit<DueQuery, 'limit' | 'afterId'>,
): AsyncGenerator<DueDigest[]> {
  let afterId: number | undefined;
  do {
    const page = await store.dueDigests({ ...q, afterId, limit: PAGE });
    if (page.due.length) yield page.due;
    afterId = page.nextAfterId;
  } while (afterId !== undefined);
}

/** Plans every due digest; returns how many were added now (already planned ones are not counted). */
export async function planDigests(
  store: Store,
  q: Omit<DueQuery, 'limit' | 'afterId'>,
  onPage?: (added: number) => void,
): Promise<number> {
  let added = 0;
  for await (const due of dueDigests(store, q)) {
    const n = await store.queueDigests(
      due.map((d) => ({ subscriberId: d.subscriber.id, period: d.period, frequency: d.frequency })),
      SEND_DIGEST,
      q.now,
    );
    added += n;
    onPage?.(n);
  }
  return added;
}
