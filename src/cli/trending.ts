// `paperpulse trending recompute`: rescores papers into the trending score table, with a progress bar on a
// terminal. The worker does the same on a schedule; this is for a first run, after a big import, or after
// changing TRENDING_WEIGHTS (use --full).
import type { Command } from 'commander';

interface RecomputeFlags {
  dataDir?: string;
  full?: boolean;
  decay?: boolean;
  batchSize?: string;
}

/** Registers the trending command group (modules load only when it runs). */
export function trendingCommand(program: Command) {
  const trending = program.command('trending').description('the trending scores');
  trending
    .command('recompute')
    .description(
      'rescore papers whose signals changed since the last run (all papers with --full; a progress bar on a terminal)',
    )
    .option('-d, --data-dir <dir>', 'data directory (env DATA_DIR, default ./data)')
    .option('--full', 'rescore every paper (e.g. after changing TRENDING_WEIGHTS)')
    .option('--no-decay', 'only papers whose data changed, not the hourly refresh of recent papers')
    .option('--batch-size <n>', 'papers per batch', '500')
    .action(async (flags: RecomputeFlags) => {
      const [{ openContext }, { startCountProgress }, { recomputeTrending }, { withWeights }, { UserError }] =
        await Promise.all([
          import('./context.js'),
          import('./index-progress.js'),
          import('../rank/recompute.js'),
          import('../rank/score.js'),
          import('../errors.js'),
        ]);
      const batchSize = Number(flags.batchSize);
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
        throw new UserError('--batch-size must be a whole number from 1 to 10000', 'usage');
      }
      const { config, store, migrated } = await openContext({ dataDir: flags.dataDir });
      if (migrated.length) process.stderr.write(`Database migrated (${migrated.join(', ')}).\n`);
      const progress = startCountProgress('Scoring', 'papers');
      try {
        const r = await recomputeTrending(store, {
          mode: flags.full ? 'full' : 'incremental',
          decay: flags.decay !== false,
          constants: withWeights(config.trendingWeights),
          batchSize,
          onProgress: (done, total) => progress.update(done, total),
        });
        progress.stop();
        process.stdout.write(
          r.asOf
            ? `Scored ${r.papers.toLocaleString('en-US')} papers (${r.mode}) as of ${r.asOf} in ${(r.ms / 1000).toFixed(1)} s.\n`
            : 'Nothing to score: the store holds no papers yet.\n',
        );
      } finally {
        progress.stop();
        await store.close();
      }
    });
}
