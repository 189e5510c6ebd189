// The process logger: JSON lines (pino), pretty-printed when stderr is a terminal.
import { pino, type Logger } from 'pino';

export type { Logger };

/** Creates the logger for this process at the given level. */
export function createLogger(level: string): Logger {
  if (process.stderr.isTTY) {
    return pino({
      level,
      transport: {
        target: 'pino-pretty',
        options: { destination: 2, ignore: 'pid,hostname', translateTime: 'HH:MM:ss' },
      },
    });
  }
  return pino({ level }, pino.destination(2));
}
