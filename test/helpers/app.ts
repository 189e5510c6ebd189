// A web app over a fresh store holding the demo corpus (plus any extra records), for HTTP tests via app.request().
import { pino } from 'pino';
import { tempStore } from './store.js';
import { importDemo } from '../../src/ingest/demo.js';
import { paperpulse } from '../../src/ingest/formats/paperpulse.js';
import { createApp, type AppDeps } from '../../src/web/app.js';
import type { Store } from '../../src/store/store.js';

export interface DemoApp {
  app: ReturnType<typeof createApp>;
  store: Store;
  cleanup(): Promise<void>;
}

/** Builds the app on the demo data; `extra` rows (paperpulse import format) are imported after it. */
export async function demoApp(extra: unknown[] = [], deps: Partial<AppDeps> = {}): Promise<DemoApp> {
  const t = await tempStore();
  await importDemo(t.store);
  for (const row of extra) {
    const rec = paperpulse.parse(row, {});
    await t.store.importBatch({ papers: [rec.paper], signals: rec.signals });
  }
  const app = createApp({
    store: t.store,
    log: pino({ level: 'silent' }),
    publicUrl: 'http://paperpulse.test',
    ...deps,
  });
  return { app, store: t.store, cleanup: () => t.cleanup() };
}
