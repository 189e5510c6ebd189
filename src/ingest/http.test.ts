import { afterEach, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../../test/helpers/http-fixtures.js';
import { createHttpClient, expectOk, HttpError, retryAfterMs, type HttpClientOptions } from './http.js';

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A client that records the waits it would make instead of sleeping. */
function client(extra: HttpClientOptions = {}) {
  const waits: number[] = [];
  const http = createHttpClient({
    minIntervalMs: 0,
    backoffMs: 100,
    retries: 2,
    random: () => 1,
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
    ...extra,
  });
  return { http, waits };
}

describe('createHttpClient', () => {
  it('retries a 500 and returns the success that follows', async () => {
    server = await startFixtureServer({ '/x': [{ status: 500 }, { status: 502 }, { body: 'ok' }] });
    const { http, waits } = client();
    const res = await http.get(`${server.url}/x`);
    expect(res.text()).toBe('ok');
    expect(server.requests).toHaveLength(3);
    // Exponential backoff: 100 ms, then 200 ms (random() = 1 gives the full delay).
    expect(waits).toEqual([100, 200]);
  });

  it('honours Retry-After on 503 and 429', async () => {
    server = await startFixtureServer({
      '/x': [
        { status: 503, headers: { 'retry-after': '7' } },
        { status: 429, headers: { 'retry-after': '2' } },
        { body: 'ok' },
      ],
    });
    const { http, waits } = client();
    expect((await http.get(`${server.url}/x`)).status).toBe(200);
    expect(waits).toEqual([7000, 2000]);
  });

  it('fails without waiting when Retry-After exceeds maxWaitMs, saying when to come back', async () => {
    server = await startFixtureServer({ '/x': { status: 503, headers: { 'retry-after': '3600' } } });
    const { http, waits } = client({ maxWaitMs: 60_000 });
    const err = await http.get(`${server.url}/x`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).message).toMatch(/HTTP 503, and the server asks to wait until \d{4}-.*Z$/);
    expect((err as HttpError).retryAt).toBeInstanceOf(Date);
    expect(waits).toEqual([]);
  });

  it('waits for a GitHub-style rate-limit reset on 403 with x-ratelimit-remaining: 0', async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 30);
    server = await startFixtureServer({
      '/x': [
        { status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset } },
        { body: 'ok' },
      ],
    });
    const { http, waits } = client();
    expect((await http.get(`${server.url}/x`)).text()).toBe('ok');
    expect(waits[0]).toBeGreaterThan(20_000);
  });

  it('returns other 4xx at once without retrying', async () => {
    server = await startFixtureServer({ '/x': { status: 404, body: 'no such page' } });
    const { http, waits } = client();
    const res = await http.get(`${server.url}/x`);
    expect(res.status).toBe(404);
    expect(server.requests).toHaveLength(1);
    expect(waits).toEqual([]);
    expect(() => expectOk(res, 'arXiv API')).toThrow(
      /arXiv API: GET .* answered HTTP 404 \(check --base-url/,
    );
  });

  it('retries timeouts, dropped connections and truncated bodies, then says what failed', async () => {
    server = await startFixtureServer({
      '/slow': { delayMs: 500, body: 'late' },
      '/reset': [{ reset: true }, { body: 'back' }],
      '/cut': { body: 'x'.repeat(1000), truncateAt: 10 },
    });
    const { http } = client({ timeoutMs: 50 });
    const slow = await http.get(`${server.url}/slow`).catch((e: unknown) => e);
    expect((slow as Error).message).toMatch(
      /failed after 3 attempts \(last: timed out\); check the network or the server \(--base-url\)$/,
    );
    expect((await http.get(`${server.url}/reset`)).text()).toBe('back');
    const cut = await http.get(`${server.url}/cut`).catch((e: unknown) => e);
    expect(cut).toBeInstanceOf(HttpError);
    expect(server.requests.filter((r) => r.path === '/cut')).toHaveLength(3);
  });

  it('sends one request at a time per host, spaced by the minimum interval, with a User-Agent', async () => {
    let active = 0;
    let maxActive = 0;
    server = await startFixtureServer({
      '/x': () => {
        active++;
        maxActive = Math.max(maxActive, active);
        setTimeout(() => active--, 15);
        return { delayMs: 15, body: 'ok' };
      },
    });
    const { http, waits } = client({ minIntervalMs: 3000 });
    await Promise.all([1, 2, 3].map(() => http.get(`${server!.url}/x`)));
    expect(maxActive).toBe(1);
    // The second and third requests each waited (almost) the whole interval after the previous one ended.
    expect(waits).toHaveLength(2);
    for (const w of waits) expect(w).toBeGreaterThan(2900);
    expect(server.requests[0]!.headers['user-agent']).toMatch(/^paperpulse\/.*\+https:/);
  });

  it('stops at once when the caller aborts', async () => {
    server = await startFixtureServer({ '/x': { delayMs: 2000, body: 'late' } });
    const { http } = client();
    const ac = new AbortController();
    const p = http.get(`${server.url}/x`, { signal: ac.signal });
    setTimeout(() => ac.abort(new Error('stopped by test')), 20);
    await expect(p).rejects.toThrow('stopped by test');
  });
});

describe('retryAfterMs', () => {
  it.each([
    ['120', 120_000],
    ['Wed, 21 Oct 2015 07:28:10 GMT', 10_000],
    ['soon', undefined],
    [null, undefined],
  ])('%s -> %s', (value, ms) => {
    expect(retryAfterMs(value, Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(ms);
  });
});
