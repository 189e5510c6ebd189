// A local SMTP server for the digest benchmark, run as its own process (so its CPU is not the sender's): accepts
// every message, counts messages and distinct Message-IDs, and answers the parent's "count" over IPC.
import { SMTPServer } from 'smtp-server';

let messages = 0;
let bytes = 0;
const ids = new Set<string>();
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  // Many senders may connect at once (N workers × their pool).
  maxClients: 200,
  onData(stream, _session, cb) {
    let head = '';
    stream.on('data', (c: Buffer) => {
      bytes += c.length;
      // The Message-ID is in the headers, at the start of the message.
      if (head.length < 4096) head += c.toString('latin1');
    });
    stream.on('end', () => {
      messages++;
      const id = /^Message-ID:\s*(\S+)/im.exec(head)?.[1];
      if (id) ids.add(id);
      cb();
    });
  },
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.server.address() as { port: number };
  process.send?.({ port });
});
process.on('message', (m: unknown) => {
  if (m === 'count') process.send?.({ messages, distinct: ids.size, bytes });
});
process.on('disconnect', () => process.exit(0));
