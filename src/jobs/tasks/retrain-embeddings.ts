// Task "retrain-embeddings": retrains the built-in semantic model when the corpus has grown by `growth` (default
// 10%) since the active model was trained, and stores it with its vectors; every serving process then loads it
// from the store on its next sync. Idempotent: a second run finds the model current and does nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { SemanticIndex } from '../../search/embed/semantic-index.js';
import { PermanentJobError, type Task } from '../task.js';

const payloadSchema = z.object({
  /** Retrain when papers ≥ (1 + growth) × the papers the active model was trained on. */
  growth: z.number().min(0).max(10).default(0.1),
  /** Retrain whatever the growth. */
  force: z.boolean().default(false),
});

/** The default growth that triggers a retrain: the vocabulary and topics of 10% new papers are worth learning. */
export const RETRAIN_GROWTH = 0.1;

/** Kind "retrain-embeddings", payload `{ growth?, force? }`. */
export const retrainEmbeddingsTask: Task = {
  kind: 'retrain-embeddings',
  async run(payload, ctx) {
    const parsed = payloadSchema.safeParse(payload ?? {});
    if (!parsed.success) throw new PermanentJobError(`bad payload: ${parsed.error.message}`);
    const { growth, force } = parsed.data;
    const active = await ctx.store.activeEmbeddingModel();
    if (active && active.kind !== 'lsa') {
      ctx.log.info(`embeddings come from the ${active.kind} provider (${active.id}): nothing to retrain`);
      return;
    }
    const papers = await ctx.store.paperCount();
    if (!force && active && papers < active.papers * (1 + growth)) {
      ctx.log.info(
        `semantic model ${active.id}: ${papers} papers, trained on ${active.papers}; retraining at ${Math.ceil(active.papers * (1 + growth))}`,
      );
      return;
    }
    // The store is what matters; the local files this writes are scratch (serving processes keep their own).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperpulse-retrain-'));
    const semantic = new SemanticIndex({ store: ctx.store, log: ctx.log, dir });
    const stop = () => void semantic.close();
    ctx.signal.addEventListener('abort', stop, { once: true });
    try {
      await semantic.retrain(
        active
          ? `the corpus grew from ${active.papers} to ${papers} papers: retraining`
          : 'no semantic model is stored yet: training',
      );
      const s = semantic.status();
      if (ctx.signal.aborted) throw new Error('the job lost its lease while training');
      if (s.state !== 'ready') throw new Error(`training failed: ${s.reason ?? 'unknown reason'}`);
    } finally {
      ctx.signal.removeEventListener('abort', stop);
      await semantic.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
