// A count-based progress bar on stderr (papers indexed of the total), only on a terminal.
import cliProgress from 'cli-progress';

export interface CountProgress {
  update(done: number, total: number): void;
  stop(): void;
}

/** Starts a progress bar counting `unit`, or a silent stand-in when stderr is not a terminal. */
export function startCountProgress(label: string, unit: string): CountProgress {
  if (!process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | ETA {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(1, 0);
  let stopped = false;
  return {
    update(done, total) {
      bar.setTotal(Math.max(1, total));
      bar.update(done);
    },
    stop() {
      if (!stopped) bar.stop();
      stopped = true;
    },
  };
}
