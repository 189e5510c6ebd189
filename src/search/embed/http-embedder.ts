// An embedding provider over the OpenAI-compatible `POST {base}/embeddings` API (OpenAI, Ollama, vLLM, TEI,
// LiteLLM…): `{model, input: [texts]}` → `{data: [{index, embedding: number[]}]}`. Vectors are scaled to unit
// length (not every server does), so they compare by dot product like the built-in model's.
import { z } from 'zod';
import { UserError } from '../../errors.js';
import { normalize, type Embedder } from './embedder.js';

export interface HttpEmbedderOptions {
  /** The API base, e.g. http://127.0.0.1:11434/v1 (the request goes to `${url}/embeddings`). */
  url: string;
  model: string;
  apiKey?: string | undefined;
  /** Expected vector size; learned from a first request when unset. */
  dimension?: number | undefined;
  /** Per request (ms). */
  timeoutMs?: number;
  /** Texts per request. */
  batchSize?: number;
}

/** The provider failed or answered something unusable; the message says which and what to check. */
export class EmbeddingError extends UserError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, 'failure', options);
  }
}

const answerSchema = z.object({
  data: z
    .array(
      z.object({
        index: z.number().int().min(0).optional(),
        embedding: z.array(z.number().finite()),
      }),
    )
    .min(1),
});

export class HttpEmbedder implements Embedder {
  readonly kind = 'http';
  readonly id: string;
  readonly batchSize: number;
  private readonly endpoint: string;

  private constructor(
    private readonly o: HttpEmbedderOptions,
    readonly dimension: number,
  ) {
    this.endpoint = `${o.url.replace(/\/+$/, '')}/embeddings`;
    this.batchSize = o.batchSize ?? 64;
    // The model name and size identify the vectors; where the server runs does not.
    this.id = `http:${o.model}:${dimension}`;
  }

  /** Connects: with no dimension configured, one request learns it (and proves the endpoint works). */
  static async create(o: HttpEmbedderOptions, signal?: AbortSignal): Promise<HttpEmbedder> {
    if (o.dimension) return new HttpEmbedder(o, o.dimension);
    const probe = new HttpEmbedder(o, 0);
    const [v] = await probe.request(['dimension probe'], signal);
    return new HttpEmbedder(o, v!.length);
  }

  describe(): unknown {
    return { model: this.o.model, dimension: this.dimension };
  }

  async embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += this.batchSize) {
      out.push(...(await this.request(texts.slice(i, i + this.batchSize), signal)));
    }
    return out;
  }

  private async request(input: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    const timeoutMs = this.o.timeoutMs ?? 10_000;
    const timeout = AbortSignal.timeout(timeoutMs);
    const where = `the embeddings endpoint ${this.endpoint}`;
    let res: Response;
    let body: string;
    try {
      res = await fetch(this.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          ...(this.o.apiKey ? { authorization: `Bearer ${this.o.apiKey}` } : {}),
        },
        body: JSON.stringify({ model: this.o.model, input }),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      body = await res.text();
    } catch (e) {
      if (signal?.aborted) throw e;
      if (timeout.aborted) {
        throw new EmbeddingError(
          `${where} did not answer within ${timeoutMs} ms: check that it runs, or raise EMBEDDINGS_TIMEOUT_MS`,
          { cause: e },
        );
      }
      throw new EmbeddingError(`cannot reach ${where}: ${(e as Error).message}; check EMBEDDINGS_URL`, {
        cause: e,
      });
    }
    if (!res.ok) {
      const hint =
        res.status === 401 || res.status === 403
          ? 'check EMBEDDINGS_API_KEY'
          : res.status === 404
            ? 'check EMBEDDINGS_URL (it should end before /embeddings, e.g. …/v1) and EMBEDDINGS_MODEL'
            : 'the server failed; it is retried later';
      throw new EmbeddingError(`${where} answered HTTP ${res.status} (${body.slice(0, 200)}): ${hint}`);
    }
    let parsed: z.infer<typeof answerSchema>;
    try {
      parsed = answerSchema.parse(JSON.parse(body));
    } catch (e) {
      throw new EmbeddingError(
        `${where} answered something that is not an OpenAI-style embeddings response ({data: [{embedding: [...]}]}): ${body.slice(0, 120)}`,
        { cause: e },
      );
    }
    if (parsed.data.length !== input.length) {
      throw new EmbeddingError(`${where} answered ${parsed.data.length} vectors for ${input.length} texts`);
    }
    // Servers may return items out of order; `index` says whose each is.
    const items = parsed.data.every((d) => d.index !== undefined)
      ? [...parsed.data].sort((a, b) => a.index! - b.index!)
      : parsed.data;
    return items.map((d) => {
      if (this.dimension && d.embedding.length !== this.dimension) {
        throw new EmbeddingError(
          `${where} answered ${d.embedding.length}-dimensional vectors, expected ${this.dimension}: ` +
            'was EMBEDDINGS_MODEL changed? Set EMBEDDINGS_DIMENSION to the new size (vectors are recomputed)',
        );
      }
      if (d.embedding.length === 0) throw new EmbeddingError(`${where} answered an empty vector`);
      return normalize(Float32Array.from(d.embedding));
    });
  }
}
