// GET /healthz — liveness and readiness for load balancers and the test suite.
import type { Context } from 'hono';
import type { AppEnv } from '../env.js';

/** 200 with store facts when the store answers, 503 otherwise. */
export async function health(c: Context<AppEnv>) {
  // Never cached (by us or a proxy): a health check must say how the store is now, not a minute ago.
  c.header('Cache-Control', 'no-store');
  try {
    const papers = await c.var.store.paperCount();
    // The index is per process (derived from the store): a load balancer sees which node is rebuilding.
    const index = c.var.search?.index.status();
    const search = index
      ? { state: index.state, papers: index.docs, degraded: index.degraded ?? null }
      : null;
    return c.json({ status: 'ok', store: c.var.store.backend, papers, demo: c.var.demo, search });
  } catch (e) {
    c.var.log.error({ err: e }, 'health check: store unavailable');
    // Load balancers and clients back off for this long instead of hammering a restarting database.
    c.header('Retry-After', '5');
    return c.json(
      { status: 'unavailable', error: { code: 'store_unavailable', message: (e as Error).message } },
      503,
    );
  }
}
