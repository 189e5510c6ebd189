// The OpenAI-compatible embeddings provider against a real HTTP server on 127.0.0.1: request shape, batching,
// out-of-order items, unit length, and every way the server can fail (timeouts, 5xx, bad JSON, wrong sizes).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../../../test/helpers/http-fixtures.js';
import { EmbeddingError, HttpEmbedder } from './http-embedder.js';

let server: FixtureServer;
beforeEach(async () => (server = await startFixtureServer()));
afterEach(() => server.close());

/** A server-side embedding: a deterministic 3-vector from the text (not unit length, as some servers send). */
const fake = (text: string) => [text.length, 1, 2];
const json = (body: unknown, status = 200) => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
/** An embedder on the fixture server with a short timeout. */
async function embedder(extra: Partial<Parameters<typeof HttpEmbedder.create>[0]> = {}) {
  return HttpEmbedder.create({
    url: `${server.url}/v1/`,
    model: 'nomic-embed-text',
    timeoutMs: 500,
    ...extra,
  });
}

describe('HttpEmbedder', () => {
  it('learns the dimension, sends the model and key, batches, orders by index, and scales to unit length', async () => {
    let inputs: string[][] = [];
    const http = await import('node:http');
    // A server that reads request bodies (the fixture server does not), answering items in reverse order.
    const real = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        const b = JSON.parse(raw) as { model: string; input: string[] };
        inputs.push(b.input);
        expect(b.model).toBe('nomic-embed-text');
        expect(req.headers.authorization).toBe('Bearer sk-test');
        expect(req.url).toBe('/v1/embeddings');
        const data = b.input.map((t, index) => ({ index, embedding: fake(t) })).reverse();
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ data }));
      });
    });
    await new Promise<void>((r) => real.listen(0, '127.0.0.1', r));
    try {
      const port = (real.address() as { port: number }).port;
      const e = await HttpEmbedder.create({
        url: `http://127.0.0.1:${port}/v1`,
        model: 'nomic-embed-text',
        apiKey: 'sk-test',
        batchSize: 2,
      });
      expect(e.dimension).toBe(3);
      expect(e.id).toBe('http:nomic-embed-text:3');
      inputs = [];
      const vs = await e.embed(['a', 'bbb', 'cc']);
      expect(inputs).toEqual([['a', 'bbb'], ['cc']]);
      expect(vs).toHaveLength(3);
      const expected = fake('bbb');
      const n = Math.hypot(...expected);
      expect(Array.from(vs[1]!)).toEqual(expected.map((x) => Math.fround(x / n)));
      for (const v of vs) expect(Math.hypot(...v)).toBeCloseTo(1, 5);
    } finally {
      await new Promise((r) => real.close(r));
    }
  });

  it('times out a server that does not answer, saying which setting to raise', async () => {
    server.route('/v1/embeddings', { ...json({ data: [{ embedding: [1, 2, 3] }] }), delayMs: 2000 });
    const started = performance.now();
    const err = await embedder({ dimension: 3 })
      .then((e) => e.embed(['x']))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmbeddingError);
    expect(String(err)).toMatch(/did not answer within 500 ms.*EMBEDDINGS_TIMEOUT_MS/);
    expect(performance.now() - started).toBeLessThan(1800);
  });

  it.each([
    ['a 5xx', { status: 503, body: 'overloaded' }, /HTTP 503 \(overloaded\)/],
    ['a 401', { status: 401, body: 'no' }, /HTTP 401.*EMBEDDINGS_API_KEY/],
    ['a 404', { status: 404, body: 'no such route' }, /HTTP 404.*EMBEDDINGS_URL/],
    ['malformed JSON', { status: 200, body: '{"data": [' }, /not an OpenAI-style embeddings response/],
    ['JSON of another shape', json({ embeddings: [[1, 2, 3]] }), /not an OpenAI-style/],
    ['non-numbers in a vector', json({ data: [{ embedding: [1, 'x', 3] }] }), /not an OpenAI-style/],
    [
      'the wrong number of vectors',
      json({ data: [{ embedding: [1, 2, 3] }, { embedding: [1, 2, 3] }] }),
      /2 vectors for 1 texts/,
    ],
    [
      'vectors of the wrong size',
      json({ data: [{ embedding: [1, 2, 3, 4] }] }),
      /4-dimensional vectors, expected 3.*EMBEDDINGS_DIMENSION/,
    ],
    ['a dropped connection', { reset: true }, /cannot reach the embeddings endpoint/],
  ])('turns %s into an EmbeddingError that says what to check', async (_, reply, message) => {
    server.route('/v1/embeddings', reply);
    const e = await embedder({ dimension: 3 });
    const err = await e.embed(['x']).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(EmbeddingError);
    expect(String(err)).toMatch(message);
  });

  it('fails to connect when the dimension probe fails, and says where it tried', async () => {
    server.route('/v1/embeddings', { status: 500, body: 'boom' });
    await expect(embedder()).rejects.toThrow(
      /embeddings endpoint http:\/\/127\.0\.0\.1:\d+\/v1\/embeddings answered HTTP 500/,
    );
  });

  it('stops at once when the caller aborts', async () => {
    server.route('/v1/embeddings', { ...json({ data: [{ embedding: [1, 2, 3] }] }), delayMs: 400 });
    const e = await embedder({ dimension: 3, timeoutMs: 5000 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(new Error('shutting down')), 50);
    await expect(e.embed(['x'], ac.signal)).rejects.toThrow(/shutting down|aborted/);
  });
});
