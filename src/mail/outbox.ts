// The local outbox: without SMTP_URL, messages are written as .eml files under DATA_DIR/outbox, so nothing is
// silently dropped and a developer can open them in any mail client.
import fs from 'node:fs';
import path from 'node:path';
import { MailSendError, type Email, type Messenger } from './email.js';
import { toMime } from './mime.js';

/** A file name for a message id: the same message always lands in the same file. */
export const outboxFileName = (messageId: string) =>
  `${messageId.replace(/^<|>$/g, '').replace(/[^A-Za-z0-9._@-]+/g, '_')}.eml`;

/** Writes each message atomically to `dir`; a message already there is not written twice. */
export class OutboxMessenger implements Messenger {
  readonly kind = 'outbox' as const;

  constructor(readonly dir: string) {}

  async send(email: Email): Promise<void> {
    const file = path.join(this.dir, outboxFileName(email.messageId));
    try {
      await fs.promises.mkdir(this.dir, { recursive: true });
      if (fs.existsSync(file)) return;
      const tmp = `${file}.${process.pid}.tmp`;
      // Write then rename: a crash leaves either the whole message or none, never half of one.
      await fs.promises.writeFile(tmp, await toMime(email));
      await fs.promises.rename(tmp, file);
    } catch (cause) {
      const err = cause as NodeJS.ErrnoException;
      // A full disk may clear up; a missing permission will not.
      const transient = err.code === 'ENOSPC' || err.code === 'EMFILE' || err.code === 'EAGAIN';
      throw new MailSendError(`Cannot write ${file}: ${err.message}`, transient, { cause });
    }
  }

  /** The messages in the outbox, newest first (for /dev/outbox). */
  list(): { file: string; mtime: Date }[] {
    if (!fs.existsSync(this.dir)) return [];
    return fs
      .readdirSync(this.dir)
      .filter((f) => f.endsWith('.eml'))
      .map((f) => ({ file: f, mtime: fs.statSync(path.join(this.dir, f)).mtime }))
      .sort((a, b) => b.mtime.getTime() - a.mtime.getTime());
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
