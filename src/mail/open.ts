// Chooses how mail leaves: through SMTP_URL's relay, or into DATA_DIR/outbox when no relay is configured.
import path from 'node:path';
import type { Config } from '../config.js';
import type { Messenger } from './email.js';
import { OutboxMessenger } from './outbox.js';
import { SmtpMessenger } from './smtp.js';

/** The configured messenger: SMTP when SMTP_URL is set, otherwise the local outbox. */
export function openMessenger(
  config: Pick<Config, 'smtpUrl' | 'dataDir'> & Partial<Pick<Config, 'smtpRate'>>,
): Messenger {
  // Four connections: enough to overlap a remote relay's round trips, few enough for relays' per-client limits.
  if (config.smtpUrl)
    return new SmtpMessenger({ url: config.smtpUrl, perSecond: config.smtpRate, maxConnections: 4 });
  return new OutboxMessenger(path.join(config.dataDir, 'outbox'));
}
