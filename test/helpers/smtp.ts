// A real SMTP server on loopback (the smtp-server package) that keeps what it receives, parsed by mailparser.
// Recipients can steer it: "tempfail…@" gets 451 (try later), "reject…@" gets 550 (never).
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface TestSmtp {
  url: string;
  port: number;
  received: ParsedMail[];
  raw: string[];
  close(): Promise<void>;
}

/** Starts the server on a free port on 127.0.0.1. */
export async function startSmtp(): Promise<TestSmtp> {
  const received: ParsedMail[] = [];
  const raw: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (address.address.startsWith('tempfail')) {
        const err = Object.assign(new Error('mailbox busy, try again later'), { responseCode: 451 });
        return cb(err);
      }
      if (address.address.startsWith('reject')) {
        const err = Object.assign(new Error('no such user here'), { responseCode: 550 });
        return cb(err);
      }
      cb();
    },
    onData(stream, _session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        raw.push(text);
        simpleParser(text)
          .then((m) => {
            received.push(m);
            cb();
          })
          .catch((e: Error) => cb(e));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    raw,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
