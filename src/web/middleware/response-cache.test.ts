import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { etag } from 'hono/etag';
import { responseCache } from './response-cache.js';

function app(version: { v: number }) {
  let renders = 0;
  const a = new Hono();
  a.use(responseCache({ version: () => Promise.resolve(version.v), ttlMs: 60_000 }));
  a.use(etag());
  a.get('/public', (c) => {
    renders++;
    c.header('Cache-Control', 'public, max-age=60');
    return c.text(`render ${renders}`);
  });
  a.get('/private', (c) => {
    renders++;
    c.header('Cache-Control', 'private');
    return c.text(`render ${renders}`);
  });
  a.get('/missing', (c) => c.text('no', 404, { 'Cache-Control': 'public' }));
  a.get('/slow', async (c) => {
    renders++;
    await new Promise((r) => setTimeout(r, 30));
    c.header('Cache-Control', c.req.query('private') ? 'private' : 'public, max-age=60');
    return c.text(`slow ${renders}`);
  });
  return { a, renders: () => renders };
}

describe('responseCache', () => {
  it('serves public responses from memory until the data version changes', async () => {
    const version = { v: 1 };
    const { a, renders } = app(version);
    expect(await (await a.request('/public')).text()).toBe('render 1');
    const hit = await a.request('/public');
    expect(await hit.text()).toBe('render 1');
    expect(hit.headers.get('x-cache')).toBe('hit');
    expect(hit.headers.get('cache-control')).toBe('public, max-age=60');
    expect(renders()).toBe(1);
    version.v = 2;
    expect(await (await a.request('/public')).text()).toBe('render 2');
  });

  it('answers a matching If-None-Match from the cache with 304', async () => {
    const { a } = app({ v: 1 });
    const tag = (await a.request('/public')).headers.get('etag')!;
    const res = await a.request('/public', { headers: { 'If-None-Match': tag } });
    expect(res.status).toBe(304);
    expect(res.headers.get('etag')).toBe(tag);
  });

  it('keeps encodings apart and never caches private or failed responses', async () => {
    const { a, renders } = app({ v: 1 });
    await a.request('/public', { headers: { 'Accept-Encoding': 'gzip' } });
    await a.request('/public', { headers: { 'Accept-Encoding': 'br' } });
    expect(renders()).toBe(2);
    await a.request('/private');
    expect(await (await a.request('/private')).text()).toBe('render 4');
    expect((await a.request('/missing')).headers.get('x-cache')).toBeNull();
    expect((await a.request('/missing')).headers.get('x-cache')).toBeNull();
  });

  it('renders once for concurrent misses of one key, and shares the result', async () => {
    const { a, renders } = app({ v: 1 });
    const bodies = await Promise.all(
      Array.from({ length: 20 }, async () => (await a.request('/slow')).text()),
    );
    expect(renders()).toBe(1);
    expect(new Set(bodies)).toEqual(new Set(['slow 1']));
    // A render that cannot be shared (private) lets each waiting request render for itself.
    await Promise.all(Array.from({ length: 3 }, async () => (await a.request('/slow?private=1')).text()));
    expect(renders()).toBe(4);
  });
});
