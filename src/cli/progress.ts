// A byte-based progress bar on stderr, only when stderr is a terminal (quiet in pipes, CI and logs).
import cliProgress from 'cli-progress';

export interface Progress {
  advance(bytes: number): void;
  /** Prints a line above the bar (or plainly when there is no bar). */
  log(line: string): void;
  stop(): void;
}

/** Starts a progress bar over `totalBytes`, or a silent stand-in when not on a terminal. */
export function startProgress(totalBytes: number, label: string): Progress {
  if (!process.stderr.isTTY) {
    return { advance: () => {}, log: (line) => process.stderr.write(line + '\n'), stop: () => {} };
  }
  const multi = new cliProgress.MultiBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {percentage}% | {value}/{total} MB | {records} records | ETA {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const mb = (b: number) => Math.round(b / 1e5) / 10;
  const bar = multi.create(mb(totalBytes), 0, { records: 0 });
  let bytes = 0;
  return {
    advance(n) {
      bytes += n;
      bar.update(mb(bytes));
    },
    log: (line) => multi.log(line + '\n'),
    stop: () => multi.stop(),
  };
}
