// The embeddings part of the Store: versioned embedding models (the built-in model's weights included) and one
// vector per (model, paper), so every process serves identical vectors and embeds queries identically; the
// ANN index under DATA_DIR/index is derived from them. Queries in vector-queries.ts; both backends delegate.

/** A stored embedding model. `data` holds the weights of the built-in model (null for external providers). */
export interface EmbeddingModelRecord {
  /** Names the model and its exact weights (two models with one id embed alike). */
  id: string;
  /** 'lsa' (built in), 'http' (OpenAI-compatible endpoint) or 'onnx' (local model directory). */
  kind: string;
  dimension: number;
  /** What the model was made with (JSON-serialisable). */
  settings: unknown;
  /** Papers it was trained on (0 for external models). */
  papers: number;
  /** The store's change cursor its training read up to. */
  cursor: number;
  createdAt: string;
}

/** One paper's vector: a float32 scale then one int8 code per dimension (see search/embed/codec.ts). */
export interface StoredVector {
  paperId: string;
  /** The paper's change_seq when it was embedded; older than the paper's means it changed since. */
  paperSeq: number;
  vector: Uint8Array;
}

export interface VectorStore {
  /** Stores a model (its weights in `data`); a model with the same id is kept as it is. */
  saveEmbeddingModel(model: EmbeddingModelRecord, data: Uint8Array | null): Promise<void>;
  /** The model's description and weights, if stored. */
  embeddingModel(id: string): Promise<{ model: EmbeddingModelRecord; data: Uint8Array | null } | undefined>;
  /** Makes `id` (a stored model) the one every process serves; null clears it. */
  setActiveEmbeddingModel(id: string | null): Promise<void>;
  /** The model every process should serve (without its weights), if one was made active. */
  activeEmbeddingModel(): Promise<EmbeddingModelRecord | undefined>;
  /** Inserts or replaces the vectors of these papers for `modelId`. Papers that no longer exist are skipped. */
  putVectors(modelId: string, vectors: StoredVector[]): Promise<void>;
  /** The model's vectors in paper id order after `afterPaperId` (keyset paging), at most `limit`. */
  vectorsAfter(modelId: string, afterPaperId: string, limit: number): Promise<StoredVector[]>;
  /** The model's vectors of these papers (unknown ones are missing from the result). */
  vectorsFor(modelId: string, paperIds: string[]): Promise<StoredVector[]>;
  vectorCount(modelId: string): Promise<number>;
  /** Deletes the model and its vectors (older models after a retrain); the active model cannot be deleted. */
  deleteEmbeddingModel(id: string): Promise<boolean>;
  /** Stored models, newest first. */
  embeddingModels(): Promise<EmbeddingModelRecord[]>;
}
