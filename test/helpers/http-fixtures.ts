// A real HTTP server on 127.0.0.1 (port 0) serving fixture files, with scripted faults: status codes, delays,
// dropped connections and truncated bodies. Ingest sources are tested against it through --base-url.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpClient, type HttpClient, type HttpClientOptions } from '../../src/ingest/http.js';
import { runSource, type RunHooks } from '../../src/ingest/sources/run.js';
import type { Source, SourceOptions } from '../../src/ingest/sources/source.js';
import type { Store } from '../../src/store/store.js';
import { afterEach, beforeEach } from 'vitest';
import { fixturePath } from './fixtures.js';
import { tempStore, type TempStore } from './store.js';

/** One scripted answer. */
export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** Body text, or `file` (relative to test/fixtures) read at request time. */
  body?: string | Buffer;
  file?: string;
  /** Wait this long before answering (for timeout tests). */
  delayMs?: number;
  /** Close the socket without answering (connection reset). */
  reset?: boolean;
  /** Send only this many bytes of the body, then close (truncated body with a full Content-Length). */
  truncateAt?: number;
}

/** Answers for one request: a reply, or a list consumed one per request (the last one repeats). */
export type Route = Reply | Reply[] | ((req: Recorded) => Reply);

export interface Recorded {
  method: string;
  /** Path and query as sent. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
}

export interface FixtureServer {
  /** Base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  /** Every request received, in order. */
  requests: Recorded[];
  /** Adds or replaces the route for a path (matched without the query; "/repos/*" matches a prefix). */
  route(path: string, r: Route): void;
  close(): Promise<void>;
}

/** Starts a fixture server; routes are keyed by path, unknown paths answer 404. */
export async function startFixtureServer(routes: Record<string, Route> = {}): Promise<FixtureServer> {
  const table = new Map<string, Route>(Object.entries(routes));
  const hits = new Map<string, number>();
  const requests: Recorded[] = [];
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://fixture');
    const rec: Recorded = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      path: u.pathname,
      query: u.searchParams,
      headers: req.headers,
    };
    requests.push(rec);
    // Exact path first, then the longest "prefix/*" route.
    const prefix = [...table.keys()]
      .filter((k) => k.endsWith('*') && u.pathname.startsWith(k.slice(0, -1)))
      .sort((a, b) => b.length - a.length)[0];
    const key = table.has(u.pathname) ? u.pathname : prefix;
    const route = key === undefined ? undefined : table.get(key);
    let reply: Reply;
    if (route === undefined) reply = { status: 404, body: 'not found' };
    else if (typeof route === 'function') reply = route(rec);
    else if (Array.isArray(route)) {
      const n = hits.get(key!) ?? 0;
      hits.set(key!, n + 1);
      reply = route[Math.min(n, route.length - 1)]!;
    } else reply = route;
    const send = () => {
      if (reply.reset) {
        req.socket.destroy();
        return;
      }
      const body = reply.file ? fs.readFileSync(fixturePath(reply.file)) : Buffer.from(reply.body ?? '');
      res.writeHead(reply.status ?? 200, { 'content-length': String(body.length), ...reply.headers });
      if (reply.truncateAt !== undefined) {
        res.write(body.subarray(0, reply.truncateAt), () => req.socket.destroy());
        return;
      }
      res.end(body);
    };
    if (reply.delayMs) setTimeout(send, reply.delayMs);
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    route: (path, r) => {
      table.set(path, r);
      hits.delete(path);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A reply serving a fixture file with a content type. */
export const file = (name: string, type = 'application/xml; charset=utf-8', extra: Reply = {}): Reply => ({
  file: name,
  ...extra,
  headers: { 'content-type': type, ...extra.headers },
});

/** A polite client made fast for tests: no spacing between requests, and backoff waits recorded, not slept. */
export function fastHttp(extra: HttpClientOptions = {}) {
  const waits: number[] = [];
  const http = createHttpClient({
    minIntervalMs: 0,
    retries: 2,
    timeoutMs: 2000,
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
    ...extra,
  });
  return { http, waits };
}

/** Runs one source against the fixture server into `store`, with a fixed clock and collected notes. */
export async function ingestFrom(
  store: Store,
  source: Source,
  options: Partial<SourceOptions> & { now?: string; signal?: AbortSignal; http?: HttpClient } = {},
  hooks: RunHooks = {},
) {
  const notes: string[] = [];
  const { now, signal, http, ...rest } = options;
  const summary = await runSource(
    store,
    source,
    {
      http: http ?? fastHttp().http,
      options: { categories: [], ...rest },
      now: () => new Date(now ?? '2025-10-03T12:00:00Z'),
      signal,
      note: (l) => notes.push(l),
    },
    hooks,
  );
  return { summary, notes };
}

/**
 * Registers a fresh store and fixture server per test (beforeEach/afterEach) in the calling suite; read them
 * through the returned object, whose fields are replaced before every test.
 */
export function useStoreAndServer(): { readonly db: TempStore; readonly server: FixtureServer } {
  const env = {} as { db: TempStore; server: FixtureServer };
  beforeEach(async () => {
    env.db = await tempStore();
    env.server = await startFixtureServer();
  });
  afterEach(async () => {
    await env.server.close();
    await env.db.cleanup();
  });
  return env;
}
