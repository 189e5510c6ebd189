// An embedding provider running a local ONNX sentence-embedding model (a Hugging Face model directory exported
// for Transformers.js: config.json, tokenizer files, onnx/model.onnx) through `@huggingface/transformers`, on
// the CPU, never downloading anything. The package is an optional peer dependency (with onnxruntime it is
// ~475 MB): installed only by operators who set EMBEDDINGS_ONNX_DIR.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Embedder } from './embedder.js';
import { EmbeddingError } from './http-embedder.js';

export interface OnnxEmbedderOptions {
  /** The model directory. */
  dir: string;
  /** How token vectors become one text vector: 'mean' (sentence-transformers' usual) or 'cls'. */
  pooling?: 'mean' | 'cls';
  batchSize?: number;
}

/** The part of @huggingface/transformers used here (its types are not needed at build time). */
interface Transformers {
  env: { allowRemoteModels: boolean; allowLocalModels: boolean; localModelPath: string };
  pipeline(
    task: 'feature-extraction',
    model: string,
    options: { local_files_only: boolean; dtype?: string },
  ): Promise<FeatureExtractor>;
}
type FeatureExtractor = (
  texts: string[],
  options: { pooling: 'mean' | 'cls'; normalize: boolean },
) => Promise<{ dims: number[]; data: Float32Array }>;

/** The package name, pinned in the message that says how to install it. */
export const TRANSFORMERS = '@huggingface/transformers';
export const TRANSFORMERS_VERSION = '4.3.2';

/** The model file of a directory (Transformers.js layout first), or undefined. */
export function onnxModelFile(dir: string): string | undefined {
  return ['onnx/model.onnx', 'model.onnx'].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
}

/** Loads @huggingface/transformers, or says how to install it. */
export async function loadTransformers(): Promise<Transformers> {
  try {
    // A variable specifier: the package is optional, so the build must not require it.
    const name = TRANSFORMERS;
    return (await import(name)) as Transformers;
  } catch (e) {
    throw new EmbeddingError(
      `EMBEDDINGS_ONNX_DIR needs the optional package ${TRANSFORMERS}: run ` +
        `\`ONNXRUNTIME_NODE_INSTALL=skip npm install -E ${TRANSFORMERS}@${TRANSFORMERS_VERSION}\` ` +
        '(the variable skips onnxruntime’s optional CUDA download), or unset EMBEDDINGS_ONNX_DIR',
      { cause: e },
    );
  }
}

export class OnnxEmbedder implements Embedder {
  readonly kind = 'onnx';

  private constructor(
    readonly id: string,
    readonly dimension: number,
    private readonly extract: FeatureExtractor,
    private readonly pooling: 'mean' | 'cls',
    private readonly dir: string,
    readonly batchSize: number,
  ) {}

  /** Loads the model from `dir` (no network), embeds one probe text to learn the dimension. */
  static async create(o: OnnxEmbedderOptions): Promise<OnnxEmbedder> {
    const dir = path.resolve(o.dir);
    const model = onnxModelFile(dir);
    const missing = ['config.json', 'tokenizer.json'].filter((f) => !fs.existsSync(path.join(dir, f)));
    if (!model || missing.length) {
      throw new EmbeddingError(
        `no ONNX model in ${dir} (missing ${[...missing, ...(model ? [] : ['onnx/model.onnx'])].join(', ')}): ` +
          'EMBEDDINGS_ONNX_DIR must be a model directory exported for Transformers.js ' +
          '(config.json, tokenizer.json, onnx/model.onnx), e.g. a copy of Xenova/all-MiniLM-L6-v2',
      );
    }
    const tf = await loadTransformers();
    tf.env.allowRemoteModels = false;
    tf.env.allowLocalModels = true;
    tf.env.localModelPath = path.dirname(dir) + path.sep;
    const extract = await tf.pipeline('feature-extraction', path.basename(dir), {
      local_files_only: true,
      dtype: 'fp32',
    });
    const pooling = o.pooling ?? 'mean';
    const probe = await extract(['dimension probe'], { pooling, normalize: true });
    const dimension = probe.dims[probe.dims.length - 1]!;
    // The weights' hash names the model: two directories holding the same file embed alike.
    const hash = createHash('sha256');
    for await (const chunk of fs.createReadStream(model)) hash.update(chunk as Buffer);
    const id = `onnx:${path.basename(dir)}:${hash.digest('hex').slice(0, 16)}:${pooling}:${dimension}`;
    return new OnnxEmbedder(id, dimension, extract, pooling, dir, o.batchSize ?? 32);
  }

  describe(): unknown {
    return { dir: this.dir, pooling: this.pooling, dimension: this.dimension };
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += this.batchSize) {
      const batch = texts.slice(i, i + this.batchSize);
      const t = await this.extract(batch, { pooling: this.pooling, normalize: true });
      const d = this.dimension;
      for (let r = 0; r < batch.length; r++) out.push(Float32Array.from(t.data.subarray(r * d, (r + 1) * d)));
    }
    return out;
  }
}
