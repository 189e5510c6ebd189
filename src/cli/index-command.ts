// `paperpulse index rebuild`: rebuilds the derived search index (keyword segment and semantic model) in
// DATA_DIR/index from the store. `paperpulse index retrain`: trains the built-in semantic model now and stores it
// (serving processes load it from the store on their next sync).
import type { Command } from 'commander';

interface IndexFlags {
  dataDir?: string;
}

/** Registers the index command group (modules load only when it runs). */
export function indexCommand(program: Command) {
  const index = program.command('index').description('the derived search index (DATA_DIR/index)');
  index
    .command('rebuild')
    .description(
      'rebuild the search index from the store (a running server keeps its own copy until restart)',
    )
    .option('-d, --data-dir <dir>', 'data directory (env DATA_DIR, default ./data)')
    .action(async (flags: IndexFlags) => {
      const [{ openContext }, { startCountProgress }, { buildFromStore }, { writeIndex }, { indexDir }] =
        await Promise.all([
          import('./context.js'),
          import('./index-progress.js'),
          import('../search/from-store.js'),
          import('../search/persist.js'),
          import('../search/keyword-index.js'),
        ]);
      const { config, store, log, migrated } = await openContext({ dataDir: flags.dataDir });
      if (migrated.length) process.stderr.write(`Database migrated (${migrated.join(', ')}).\n`);
      const started = performance.now();
      const progress = startCountProgress('Indexing', 'papers');
      try {
        const { seg, cursor } = await buildFromStore(store, {
          onProgress: (p) => progress.update(p.done, p.total),
        });
        progress.stop();
        const m = writeIndex(indexDir(config.dataDir), seg, cursor);
        const s = ((performance.now() - started) / 1000).toFixed(1);
        const mb = (m.bytes / 1e6).toFixed(1);
        process.stdout.write(
          `Indexed ${seg.meta.liveDocs.toLocaleString('en-US')} papers (${seg.a.terms.length.toLocaleString('en-US')} terms, ${mb} MB) up to change ${cursor} in ${s} s.\n`,
        );
        // The semantic model is derived from the same papers: retrain it too, so both describe one corpus.
        const { SemanticIndex } = await import('../search/embed/semantic-index.js');
        const semantic = new SemanticIndex({ store, log, dir: indexDir(config.dataDir) });
        const t = performance.now();
        await semantic.retrain('rebuild requested');
        const st = semantic.status();
        if (st.state !== 'ready')
          throw new Error(`training the semantic model failed: ${st.reason ?? 'unknown'}`);
        process.stdout.write(
          `Trained semantic model ${st.model} on ${st.docs.toLocaleString('en-US')} papers in ${((performance.now() - t) / 1000).toFixed(1)} s.\n`,
        );
      } finally {
        progress.stop();
        await store.close();
      }
    });
  index
    .command('retrain')
    .description(
      'train the built-in semantic model on the stored papers now and store it with its vectors; running servers switch to it within seconds (the scheduled job does this when the corpus grew 10%)',
    )
    .option('-d, --data-dir <dir>', 'data directory (env DATA_DIR, default ./data)')
    .action(async (flags: IndexFlags) => {
      const [{ openContext }, { SemanticIndex }, { indexDir }, { embedderFromConfig }] = await Promise.all([
        import('./context.js'),
        import('../search/embed/semantic-index.js'),
        import('../search/keyword-index.js'),
        import('../search/embed/provider.js'),
      ]);
      const { config, store, log, migrated } = await openContext({ dataDir: flags.dataDir });
      try {
        if (migrated.length) process.stderr.write(`Database migrated (${migrated.join(', ')}).\n`);
        if (config.embeddingsUrl || config.embeddingsOnnxDir) {
          const e = await embedderFromConfig(config);
          process.stdout.write(
            `Embeddings come from the ${e?.kind ?? 'external'} provider (${e?.id ?? '?'}): there is no model to train. ` +
              'Serving processes embed changed papers as they sync.\n',
          );
          return;
        }
        const started = performance.now();
        const semantic = new SemanticIndex({ store, log, dir: indexDir(config.dataDir) });
        process.stderr.write('Training the semantic model (this takes a few minutes on 100k+ papers)…\n');
        await semantic.retrain('retrain requested');
        const st = semantic.status();
        if (st.state !== 'ready')
          throw new Error(`training the semantic model failed: ${st.reason ?? 'unknown'}`);
        process.stdout.write(
          `Trained semantic model ${st.model} on ${st.docs.toLocaleString('en-US')} papers and stored it in ${((performance.now() - started) / 1000).toFixed(1)} s; servers switch to it on their next sync.\n`,
        );
      } finally {
        await store.close();
      }
    });
}
