// Progress bars on stderr, only when stderr is a terminal (quiet in pipes, CI and logs).
import cliProgress from 'cli-progress';

export interface Progress {
  advance(amount: number): void;
  /** Prints a line above the bar (or plainly when there is no bar). */
  log(line: string): void;
  stop(): void;
}

/** A bar with `format` (cli-progress tokens) counting up to `total`, or a silent stand-in when not on a terminal. */
function startBar(total: number, format: string, scale: (n: number) => number): Progress {
  if (!process.stderr.isTTY) {
    return { advance: () => {}, log: (line) => process.stderr.write(line + '\n'), stop: () => {} };
  }
  const multi = new cliProgress.MultiBar(
    { stream: process.stderr, format, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  const bar = multi.create(scale(total), 0, { records: 0 });
  let done = 0;
  return {
    advance(n) {
      done += n;
      bar.update(scale(done));
    },
    log: (line) => multi.log(line + '\n'),
    stop: () => multi.stop(),
  };
}

/** Starts a progress bar over `totalBytes` (shown in MB). */
export function startProgress(totalBytes: number, label: string): Progress {
  const format = `${label} [{bar}] {percentage}% | {value}/{total} MB | {records} records | ETA {eta_formatted}`;
  return startBar(totalBytes, format, (b) => Math.round(b / 1e5) / 10);
}

/** Starts a progress bar over `total` items of `unit` (e.g. "rows"). */
export function startCountProgress(total: number, label: string, unit: string): Progress {
  return startBar(
    total,
    `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | ETA {eta_formatted}`,
    (n) => n,
  );
}
