import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { tempStore, type TempStore } from '../../../test/helpers/store.js';
import { importDemo } from '../../ingest/demo.js';
import { SearchService } from '../../search/service.js';
import { createApp } from '../app.js';
import { similarResponse } from './responses.js';
import { searchResponse } from './search-response.js';

let t: TempStore;
let app: ReturnType<typeof createApp>;
let search: SearchService;
const log = pino({ level: 'silent' });
interface Body {
  total: number;
  mode: string;
  total_exact: boolean;
  sort: string;
  results: {
    id: string;
    score: number;
    snippet: string;
    highlights: [number, number][];
    categories: string[];
    published: string | null;
    first_seen: string;
  }[];
  error: { code: string; message: string };
}
const get = async (url: string) => {
  const res = await app.request(url);
  return { status: res.status, body: (await res.json()) as Body };
};

beforeAll(async () => {
  t = await tempStore();
  await importDemo(t.store);
  search = new SearchService({ store: t.store, log, dataDir: t.dir });
  await search.start(60_000);
  await search.idle();
  app = createApp({ store: t.store, log, publicUrl: 'http://paperpulse.test', search });
});
afterAll(async () => {
  await search.stop();
  await t.cleanup();
});

describe('GET /api/search', () => {
  it('returns ranked papers with scores, snippets and highlight ranges', async () => {
    const { status, body } = await get('/api/search?q=reinforcement+learning&limit=5');
    expect(status).toBe(200);
    expect(searchResponse.safeParse(body).error).toBeUndefined();
    expect(body).toMatchObject({
      mode: 'hybrid',
      mode_requested: 'hybrid',
      semantic: { state: 'ready' },
      sort: 'relevance',
      limit: 5,
      offset: 0,
      index: { state: 'ready' },
    });
    expect(body.total).toBeGreaterThan(5);
    expect(body.results).toHaveLength(5);
    const first = body.results[0];
    for (const key of ['id', 'title', 'authors', 'abstract', 'score', 'snippet', 'links'])
      expect(first).toHaveProperty(key);
    expect(body.results.map((r) => r.score)).toEqual(
      [...body.results.map((r) => r.score)].sort((a, b) => b - a),
    );
    const [s, e] = first!.highlights[0]!;
    expect(first!.snippet.slice(s, e).toLowerCase()).toMatch(/^(reinforc|learn)/);
  });

  it('pages without overlap', async () => {
    const a = (await get('/api/search?q=language+model&limit=10')).body.results.map((r) => r.id);
    const b = (await get('/api/search?q=language+model&limit=10&offset=10')).body.results.map((r) => r.id);
    expect(b).toHaveLength(10);
    expect(a.filter((id) => b.includes(id))).toEqual([]);
  });

  it('applies filters from the query', async () => {
    const { body } = await get('/api/search?q=' + encodeURIComponent('vision cat:cs.RO sort:date'));
    expect(body.sort).toBe('date');
    expect(body.results.length).toBeGreaterThan(0);
    for (const r of body.results) expect(r.categories).toContain('cs.RO');
    const days = body.results.map((r) => (r.published ?? r.first_seen).slice(0, 10));
    expect(days).toEqual([...days].sort().reverse());
  });

  it('ranks by the requested mode and says which mode answered', async () => {
    const ids = async (mode: string) => {
      const { status, body } = await get(`/api/search?q=robot+navigation&mode=${mode}&limit=10`);
      expect(status).toBe(200);
      expect(searchResponse.safeParse(body).error).toBeUndefined();
      expect(body.mode).toBe(mode);
      return body;
    };
    const keyword = await ids('keyword');
    const semantic = await ids('semantic');
    const hybrid = await ids('hybrid');
    expect(keyword.total_exact).toBe(true);
    // Semantic ranks by meaning alone: every result has a cosine, best first.
    const cos = semantic.results.map((r) => r.score);
    expect(cos).toEqual([...cos].sort((a, b) => b - a));
    expect(cos[0]).toBeGreaterThan(0);
    // Hybrid keeps the keyword matches and can only add papers, never lose any from the count.
    expect(hybrid.total).toBeGreaterThanOrEqual(keyword.total);
  });

  it('falls back to keyword search for a filtered query, and says so', async () => {
    const { body } = await get('/api/search?q=robot+cat:cs.RO&mode=semantic');
    expect(body.mode).toBe('keyword');
    for (const r of body.results) expect(r.categories).toContain('cs.RO');
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=500', 'limit'],
    ['offset=-1', 'offset'],
    ['mode=fuzzy', 'mode'],
    ['sort=stars', 'sort'],
  ])('rejects %s with the API error shape', async (qs, field) => {
    const { status, body } = await get(`/api/search?q=x&${qs}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_query');
    expect(body.error.message).toContain(field);
  });

  it.each(['"unbalanced', '-', 'author:', '((a|b)*', '%00%01%02', 'x'.repeat(5000), 'cat:cs.LG'])(
    'answers 200 for hostile or odd query %#',
    async (q) => {
      const { status, body } = await get(`/api/search?q=${encodeURIComponent(q)}`);
      expect(status).toBe(200);
      expect(Array.isArray(body.results)).toBe(true);
    },
  );

  it('answers an empty query with nothing, not an error', async () => {
    const { status, body } = await get('/api/search');
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 0, results: [] });
  });

  it('says 503 when the app runs without search', async () => {
    const bare = createApp({ store: t.store, log, publicUrl: 'http://paperpulse.test' });
    const res = await bare.request('/api/search?q=x');
    expect(res.status).toBe(503);
    expect((await res.json()).error.code).toBe('search_unavailable');
  });
});

describe('similar papers', () => {
  const someId = async () =>
    (await get('/api/search?q=robot+manipulation&mode=keyword&limit=1')).body.results[0]!.id;

  it('GET /api/papers/:id/similar lists the nearest papers by meaning, without the paper itself', async () => {
    const id = await someId();
    const res = await app.request(`/api/papers/${id}/similar?limit=5`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      id: string;
      model: string;
      results: { id: string; score: number }[];
    };
    expect(similarResponse.safeParse(body).error).toBeUndefined();
    expect(body.id).toBe(id);
    expect(body.model).toMatch(/^lsa-/);
    expect(body.results).toHaveLength(5);
    expect(body.results.map((r) => r.id)).not.toContain(id);
    const scores = body.results.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it.each([
    ['/api/papers/not-an-id/similar', 400],
    ['/api/papers/2501.99999/similar', 404],
    ['/api/papers/2509.17458/similar?limit=500', 400],
  ])('%s answers %i with the error shape', async (url, status) => {
    const { status: got, body } = await get(url);
    expect(got).toBe(status);
    expect(body.error.code).toBeTypeOf('string');
  });

  it('shows a "Similar papers" list on the paper page, linking to the API\'s papers', async () => {
    const id = await someId();
    const html = await (await app.request(`/papers/${id}`)).text();
    expect(html).toContain('<h2 id="similar">Similar papers</h2>');
    const api = (await get(`/api/papers/${id}/similar?limit=5`)).body.results.map((r) => r.id);
    for (const other of api) expect(html).toContain(`href="/papers/${other}"`);
  });
});
