// The demo corpus shipped in demo/: imported on first start so a fresh install has papers to show.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Store } from '../store/store.js';
import { emptySummary, importFile, type ImportSummary } from './import.js';

const demoDir = fileURLToPath(new URL('../../demo/', import.meta.url));

// Metadata first, then signals, so every signal finds its paper already described by the best source.
export const demoFiles = ['arxiv-week-2025-09-26.jsonl.gz', 'seed-page.jsonl', 'hf-daily.jsonl'].map((f) =>
  path.join(demoDir, f),
);

/** Imports the demo corpus and marks the store as holding demo data. */
export async function importDemo(store: Store): Promise<ImportSummary> {
  const summary = emptySummary();
  for (const file of demoFiles) await importFile(store, file, { format: 'auto' }, summary);
  await store.setMeta('demo', 'imported');
  return summary;
}
