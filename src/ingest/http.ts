// A polite HTTP client for the ingest sources: identifies itself, spaces requests per host (one at a time),
// times out, and retries transient failures (5xx, 429, rate-limit 403, timeouts, dropped connections) with
// exponential backoff and jitter, honouring Retry-After. Other 4xx answers are returned at once for the caller.
import { UserError } from '../errors.js';

export const USER_AGENT =
  'paperpulse/0.1 (+https://github.com/paperpulse/paperpulse; self-hosted paper tracker)';

export interface HttpResponse {
  /** The final URL (after redirects). */
  url: string;
  status: number;
  headers: Headers;
  body: Buffer;
  text(): string;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  /** Aborts the request and any wait before it; the AbortError propagates unchanged. */
  signal?: AbortSignal;
}

export interface HttpClient {
  /** GETs `url`; resolves with any non-retryable answer, throws HttpError once retries are exhausted. */
  get(url: string, opts?: RequestOptions): Promise<HttpResponse>;
}

export interface HttpClientOptions {
  userAgent?: string;
  /** Per attempt, covering headers and body (ms). */
  timeoutMs?: number;
  /** Attempts after the first one. */
  retries?: number;
  /** First backoff delay (ms); doubles per attempt, with jitter, up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Minimum time between the end of one request and the start of the next to the same host (ms). */
  minIntervalMs?: number | ((host: string) => number);
  /** A Retry-After or rate-limit reset longer than this is not waited out: the request fails saying when to retry. */
  maxWaitMs?: number;
  /** Waits `ms`; injectable so tests need not sleep. Must reject with the signal's reason when aborted. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  /** Told about each retry (for logs and progress). */
  onRetry?: (info: { url: string; attempt: number; waitMs: number; reason: string }) => void;
}

/** A request that failed for good; `retryAt` is set when the server said when to come back. */
export class HttpError extends UserError {
  constructor(
    message: string,
    readonly url: string,
    readonly status?: number,
    readonly retryAt?: Date,
    options?: ErrorOptions,
  ) {
    super(message, 'failure', options);
  }
}

/** Waits `ms`, rejecting early with the signal's reason when it aborts. */
export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', abort);
      resolve();
    }
    function abort() {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    }
    signal?.addEventListener('abort', abort, { once: true });
  });
}

/** Seconds or an HTTP date, as milliseconds from now; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** How long a rate-limited answer asks us to wait (Retry-After, else GitHub-style x-ratelimit-reset). */
function rateLimitWait(res: Response): number | undefined {
  const after = retryAfterMs(res.headers.get('retry-after'));
  if (after !== undefined) return after;
  const reset = res.headers.get('x-ratelimit-reset');
  if (res.headers.get('x-ratelimit-remaining') === '0' && reset && /^\d+$/.test(reset)) {
    return Math.max(0, Number(reset) * 1000 - Date.now());
  }
  return undefined;
}

const isRateLimit403 = (res: Response) =>
  res.status === 403 && (res.headers.get('x-ratelimit-remaining') === '0' || res.headers.has('retry-after'));

const retryableStatus = (res: Response) => res.status >= 500 || res.status === 429 || isRateLimit403(res);

function describeNetworkError(e: unknown): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError') return 'timed out';
  const code = err.cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection reset';
  if (code === 'ENOTFOUND') return 'host not found';
  return err.cause?.message ?? err.message;
}

/** Creates a client; one per ingest run, so per-host spacing covers all of the run's requests. */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const o = {
    userAgent: USER_AGENT,
    timeoutMs: 60_000,
    retries: 4,
    backoffMs: 1_000,
    maxBackoffMs: 60_000,
    minIntervalMs: 1_000,
    maxWaitMs: 5 * 60_000,
    sleep: defaultSleep,
    random: Math.random,
    ...options,
  };
  // Per host: the tail of the request chain (so requests run one at a time) and when the last one ended.
  const queues = new Map<string, Promise<unknown>>();
  const lastEnd = new Map<string, number>();
  const interval = (host: string) =>
    typeof o.minIntervalMs === 'function' ? o.minIntervalMs(host) : o.minIntervalMs;

  async function attempt(
    url: string,
    opts: RequestOptions,
  ): Promise<HttpResponse | { retry: string; waitMs?: number; res?: Response }> {
    const host = new URL(url).host;
    const since = Date.now() - (lastEnd.get(host) ?? 0);
    const gap = interval(host) - since;
    if (lastEnd.has(host) && gap > 0) await o.sleep(gap, opts.signal);
    const timeout = AbortSignal.timeout(o.timeoutMs);
    const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
    try {
      const res = await fetch(url, {
        headers: { 'user-agent': o.userAgent, ...opts.headers },
        signal,
        redirect: 'follow',
      });
      // Read the whole body inside the timeout: a server that stalls mid-body is a failed attempt too.
      const body = Buffer.from(await res.arrayBuffer());
      if (retryableStatus(res)) {
        return { retry: `HTTP ${res.status}`, waitMs: rateLimitWait(res), res };
      }
      return {
        url: res.url || url,
        status: res.status,
        headers: res.headers,
        body,
        text: () => body.toString('utf8'),
      };
    } catch (e) {
      if (opts.signal?.aborted) throw e;
      return { retry: describeNetworkError(e) };
    } finally {
      lastEnd.set(host, Date.now());
    }
  }

  async function run(url: string, opts: RequestOptions): Promise<HttpResponse> {
    let lastReason = '';
    for (let n = 0; n <= o.retries; n++) {
      const r = await attempt(url, opts);
      if ('status' in r) return r;
      lastReason = r.retry;
      if (n === o.retries) break;
      let waitMs = Math.min(o.maxBackoffMs, o.backoffMs * 2 ** n) * (0.5 + o.random() / 2);
      if (r.waitMs !== undefined) {
        if (r.waitMs > o.maxWaitMs) {
          const at = new Date(Date.now() + r.waitMs);
          throw new HttpError(
            `GET ${url}: ${r.retry}, and the server asks to wait until ${at.toISOString()}`,
            url,
            r.res?.status,
            at,
          );
        }
        waitMs = Math.max(waitMs, r.waitMs);
      }
      o.onRetry?.({ url, attempt: n + 1, waitMs, reason: r.retry });
      await o.sleep(waitMs, opts.signal);
    }
    throw new HttpError(
      `GET ${url} failed after ${o.retries + 1} attempts (last: ${lastReason}); check the network or the server (--base-url)`,
      url,
    );
  }

  return {
    get(url, opts = {}) {
      const host = new URL(url).host;
      const prev = queues.get(host) ?? Promise.resolve();
      const next = prev.then(
        () => run(url, opts),
        () => run(url, opts),
      );
      queues.set(
        host,
        next.catch(() => undefined),
      );
      return next;
    },
  };
}

/** Throws an HttpError saying what went wrong unless the answer is 2xx (or one of `also`). */
export function expectOk(res: HttpResponse, what: string, also: number[] = []): HttpResponse {
  if ((res.status >= 200 && res.status < 300) || also.includes(res.status)) return res;
  const hint =
    res.status === 404
      ? 'check --base-url and the category or date'
      : res.status === 401 || res.status === 403
        ? 'check the access token or permissions'
        : 'check the request options';
  const detail = res.text().replace(/\s+/g, ' ').slice(0, 200);
  throw new HttpError(
    `${what}: GET ${res.url} answered HTTP ${res.status} (${hint}). ${detail}`.trim(),
    res.url,
    res.status,
  );
}
