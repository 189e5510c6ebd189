// The local ONNX provider. Loading a real model needs the optional package @huggingface/transformers and a model
// directory (nothing is downloaded): point PAPERPULSE_TEST_ONNX_DIR at one (e.g. a copy of
// Xenova/all-MiniLM-L6-v2). Without them those tests are skipped, and the skip says which is missing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddingError } from './http-embedder.js';
import { OnnxEmbedder, TRANSFORMERS, loadTransformers } from './onnx-embedder.js';

const modelDir = process.env.PAPERPULSE_TEST_ONNX_DIR;
const hasPackage = await loadTransformers().then(
  () => true,
  () => false,
);
const why = !hasPackage
  ? `the optional package ${TRANSFORMERS} is not installed`
  : !modelDir
    ? 'PAPERPULSE_TEST_ONNX_DIR is not set to a Transformers.js model directory'
    : !fs.existsSync(modelDir)
      ? `PAPERPULSE_TEST_ONNX_DIR=${modelDir} does not exist`
      : undefined;

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperpulse-onnx-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('OnnxEmbedder without a model', () => {
  it('refuses a directory without model files, naming what is missing and what the directory must hold', async () => {
    fs.writeFileSync(path.join(dir, 'config.json'), '{}');
    const err = await OnnxEmbedder.create({ dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmbeddingError);
    expect(String(err)).toMatch(/no ONNX model in .*missing tokenizer\.json, onnx\/model\.onnx/);
    expect(String(err)).toMatch(/EMBEDDINGS_ONNX_DIR must be a model directory/);
  });

  it.runIf(!hasPackage)('says how to install the optional package when the files are there', async () => {
    for (const f of ['config.json', 'tokenizer.json', 'onnx/model.onnx']) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), '{}');
    }
    await expect(OnnxEmbedder.create({ dir })).rejects.toThrow(
      /needs the optional package @huggingface\/transformers: run `ONNXRUNTIME_NODE_INSTALL=skip npm install -E/,
    );
  });
});

describe.skipIf(why !== undefined)(`OnnxEmbedder with a real model${why ? ` (skipped: ${why})` : ''}`, () => {
  it('embeds deterministically to unit vectors, and related texts land closer than unrelated ones', async () => {
    const e = await OnnxEmbedder.create({ dir: modelDir! });
    expect(e.id).toMatch(/^onnx:/);
    const [a, b, c] = await e.embed([
      'Offloading the KV cache to CPU memory',
      'Moving the key value cache to host memory',
      'Legged robot locomotion in simulation',
    ]);
    const dot = (x: Float32Array, y: Float32Array) => x.reduce((s, v, j) => s + v * y[j]!, 0);
    expect(dot(a!, a!)).toBeCloseTo(1, 4);
    expect(dot(a!, b!)).toBeGreaterThan(dot(a!, c!));
    expect((await e.embed(['Offloading the KV cache to CPU memory']))[0]).toEqual(a);
    const again = await OnnxEmbedder.create({ dir: modelDir! });
    expect(again.id).toBe(e.id);
  }, 120_000);
});
