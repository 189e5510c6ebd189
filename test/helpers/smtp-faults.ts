// A real SMTP server on loopback (smtp-server) whose faults a test switches on and off: not listening at all,
// dropping the connection in the middle of a message, "451 try later" for a recipient's first attempts, "550"
// for some recipients. Accepted messages are parsed with mailparser and kept with their Message-ID.
import net from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface FaultPlan {
  /** Recipients refused for good (550). */
  reject: (to: string) => boolean;
  /** 451 for this many attempts per recipient (counted per RCPT TO), then accepted. */
  tempFailAttempts: (to: string) => number;
  /** Destroy the socket during DATA of the n-th message received overall (1-based), once each. */
  dropAtMessages: Set<number>;
  /** Wait this long before accepting each recipient (a slow relay keeps a batch in flight). */
  delayMs: number;
}

export interface FaultySmtp {
  url: string;
  port: number;
  faults: FaultPlan;
  received: ParsedMail[];
  /** Messages whose DATA was cut off by a drop (never accepted). */
  dropped: number;
  /** How many RCPT TO attempts each recipient made. */
  attempts: Map<string, number>;
  /** Starts listening (again) on the same port. */
  start(): Promise<void>;
  /** Stops listening and cuts open connections. */
  stop(): Promise<void>;
}

/** A free loopback port (listen on 0, read it, close). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Creates the server on a fixed free port; `listening: false` leaves it down until start() (SMTP down at start). */
export async function faultySmtp(opts: { listening?: boolean } = {}): Promise<FaultySmtp> {
  const port = await freeLoopbackPort();
  let server: SMTPServer | undefined;
  let messages = 0;
  // smtp-server keeps its connections (with their sockets) in a set; the session object is shared with them.
  const socketOf = (session: unknown): net.Socket | undefined => {
    const connections = (server as unknown as { connections: Set<{ session: unknown; _socket: net.Socket }> })
      .connections;
    for (const c of connections) if (c.session === session) return c._socket;
    return undefined;
  };
  const self: FaultySmtp = {
    url: `smtp://127.0.0.1:${port}`,
    port,
    faults: { reject: () => false, tempFailAttempts: () => 0, dropAtMessages: new Set(), delayMs: 0 },
    received: [],
    dropped: 0,
    attempts: new Map(),
    async start() {
      server = new SMTPServer({
        authOptional: true,
        // stop() cuts open connections after 100 ms instead of smtp-server's default 30 s.
        closeTimeout: 100,
        disabledCommands: ['STARTTLS'],
        logger: false,
        onRcptTo(address, _session, cb) {
          const to = address.address.toLowerCase();
          const n = (self.attempts.get(to) ?? 0) + 1;
          self.attempts.set(to, n);
          if (self.faults.reject(to))
            return cb(Object.assign(new Error('no such user here'), { responseCode: 550 }));
          if (n <= self.faults.tempFailAttempts(to))
            return cb(Object.assign(new Error('mailbox busy, try again later'), { responseCode: 451 }));
          // Slow before the message is sent (not after it was received), like a busy relay's RCPT answer.
          if (self.faults.delayMs) setTimeout(() => cb(), self.faults.delayMs);
          else cb();
        },
        onData(stream, session, cb) {
          messages++;
          if (self.faults.dropAtMessages.delete(messages)) {
            self.dropped++;
            // The connection dies mid-message: the client never gets an answer for it.
            stream.once('data', () => socketOf(session)?.destroy());
            stream.resume();
            stream.on('end', () => cb(new Error('dropped')));
            return;
          }
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            simpleParser(Buffer.concat(chunks))
              .then((m) => {
                self.received.push(m);
                cb();
              })
              .catch((e: Error) => cb(e));
          });
        },
      });
      // A client killed mid-conversation resets its socket; that is what some tests do on purpose.
      server.on('error', () => {});
      await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    },
    async stop() {
      const s = server;
      server = undefined;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
  if (opts.listening !== false) await self.start();
  return self;
}

/** Messages received per Message-ID (a value above 1 is a duplicate delivery). */
export function deliveriesById(received: ParsedMail[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of received) m.set(r.messageId ?? '', (m.get(r.messageId ?? '') ?? 0) + 1);
  return m;
}
