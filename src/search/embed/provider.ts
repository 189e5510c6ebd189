// Chooses the embedding provider from the configuration: the built-in model (nothing set), an OpenAI-compatible
// endpoint (EMBEDDINGS_URL + EMBEDDINGS_MODEL), or a local ONNX model directory (EMBEDDINGS_ONNX_DIR).
import type { Config } from '../../config.js';
import { ConfigError } from '../../config.js';
import type { Embedder } from './embedder.js';
import { HttpEmbedder } from './http-embedder.js';
import { OnnxEmbedder } from './onnx-embedder.js';

export type EmbeddingsConfig = Pick<
  Config,
  | 'embeddingsUrl'
  | 'embeddingsModel'
  | 'embeddingsApiKey'
  | 'embeddingsDimension'
  | 'embeddingsTimeoutMs'
  | 'embeddingsOnnxDir'
>;

/**
 * The configured external provider, or undefined for the built-in model. Throws ConfigError for settings that
 * do not fit together, and EmbeddingError when the provider cannot be reached or loaded.
 */
export async function embedderFromConfig(c: EmbeddingsConfig): Promise<Embedder | undefined> {
  if (c.embeddingsUrl && c.embeddingsOnnxDir) {
    throw new ConfigError(
      'Invalid configuration:\n  EMBEDDINGS_URL and EMBEDDINGS_ONNX_DIR are both set: choose one provider',
    );
  }
  if (c.embeddingsUrl) {
    if (!c.embeddingsModel) {
      throw new ConfigError(
        'Invalid configuration:\n  EMBEDDINGS_MODEL: required with EMBEDDINGS_URL (the model name the server serves, e.g. nomic-embed-text)',
      );
    }
    return HttpEmbedder.create({
      url: c.embeddingsUrl,
      model: c.embeddingsModel,
      apiKey: c.embeddingsApiKey,
      dimension: c.embeddingsDimension,
      timeoutMs: c.embeddingsTimeoutMs,
    });
  }
  if (c.embeddingsOnnxDir) return OnnxEmbedder.create({ dir: c.embeddingsOnnxDir });
  return undefined;
}
