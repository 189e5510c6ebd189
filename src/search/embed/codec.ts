// Byte layouts for what the store keeps (store/vector-store.ts): one paper vector (float32 scale + int8 codes)
// and the built-in LSA model's weights (header, idf, projection, vocabulary).
import { LsaModel, type LsaSettings } from './embedder.js';

/** A vector row as stored: 4 bytes little-endian float32 scale, then one int8 code per dimension. */
export function encodeVector(codes: Int8Array, scale: number): Uint8Array {
  const out = new Uint8Array(4 + codes.length);
  new DataView(out.buffer).setFloat32(0, scale, true);
  out.set(new Uint8Array(codes.buffer, codes.byteOffset, codes.length), 4);
  return out;
}

/** Splits a stored vector into its scale and codes (a view); throws when its size does not fit `dimension`. */
export function decodeVector(bytes: Uint8Array, dimension: number): { scale: number; codes: Int8Array } {
  if (bytes.byteLength !== 4 + dimension) {
    throw new Error(`a stored vector has ${bytes.byteLength - 4} dimensions, the model ${dimension}`);
  }
  const scale = new DataView(bytes.buffer, bytes.byteOffset, 4).getFloat32(0, true);
  return { scale, codes: new Int8Array(bytes.buffer, bytes.byteOffset + 4, dimension) };
}

interface ModelHeader {
  format: 1;
  id: string;
  settings: LsaSettings;
  features: number;
  dimension: number;
  vocabBytes: number;
}

/** The model's weights as one buffer: u32 header length, JSON header, padding to 4, idf, projection, vocab. */
export function encodeLsa(model: LsaModel): Uint8Array {
  const vocab = new TextEncoder().encode(model.vocab.join('\n'));
  const header: ModelHeader = {
    format: 1,
    id: model.id,
    settings: model.settings,
    features: model.vocab.length,
    dimension: model.dimension,
    vocabBytes: vocab.byteLength,
  };
  const h = new TextEncoder().encode(JSON.stringify(header));
  const start = Math.ceil((4 + h.byteLength) / 4) * 4;
  const floats = model.idf.length + model.projection.length;
  const out = new Uint8Array(start + floats * 4 + vocab.byteLength);
  new DataView(out.buffer).setUint32(0, h.byteLength, true);
  out.set(h, 4);
  const f = new Float32Array(out.buffer, start, floats);
  f.set(model.idf, 0);
  f.set(model.projection, model.idf.length);
  out.set(vocab, start + floats * 4);
  return out;
}

/**
 * The model back from encodeLsa's bytes. Its id is recomputed from the weights and must match the recorded
 * one (so a damaged row is never served as that model). Copies into aligned arrays.
 */
export function decodeLsa(bytes: Uint8Array): LsaModel {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hl = view.getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + hl))) as ModelHeader;
  if (header.format !== 1) throw new Error(`unknown model format ${String(header.format)}`);
  const start = Math.ceil((4 + hl) / 4) * 4;
  const F = header.features;
  const floats = new Float32Array(bytes.slice(start, start + (F + F * header.dimension) * 4).buffer);
  const vocabStart = start + floats.byteLength;
  const text = new TextDecoder().decode(bytes.subarray(vocabStart, vocabStart + header.vocabBytes));
  const vocab = text === '' ? [] : text.split('\n');
  if (vocab.length !== F) throw new Error('the stored model is damaged (vocabulary size)');
  const model = new LsaModel(header.settings, vocab, floats.subarray(0, F), floats.subarray(F));
  if (model.id !== header.id) throw new Error(`the stored model does not hash to its id ${header.id}`);
  return model;
}
