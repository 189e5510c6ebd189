import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultLsa } from './embedder.js';
import { smallCorpus } from './fixtures.js';
import { SemanticUnusable, readSemantic, writeSemantic } from './persist.js';
import { trainLsa } from './train.js';
import { buildIvf } from './ivf.js';
import { VectorSet } from './vectors.js';

let dir: string;
const trained = trainLsa(smallCorpus, { ...defaultLsa, dimension: 6 });
const vectors = new VectorSet(trained.ids, trained.model.dimension, trained.vectors);

beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperpulse-semantic-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('semantic files', () => {
  it('round-trips the model exactly and the vectors within int8 precision', () => {
    const m = writeSemantic(dir, trained.model, vectors, 42);
    expect(m).toMatchObject({ cursor: 42, docCount: 12, modelId: trained.model.id });
    const back = readSemantic(dir);
    expect(back.model.id).toBe(trained.model.id);
    expect(back.model.embed(['kv cache'])[0]).toEqual(trained.model.embed(['kv cache'])[0]);
    expect(back.vectors.ids).toEqual(trained.ids);
    for (let r = 0; r < vectors.size; r++) {
      const a = back.vectors.vector(r);
      const b = vectors.vector(r);
      let dot = 0;
      for (let j = 0; j < a.length; j++) dot += a[j]! * b[j]!;
      expect(dot).toBeGreaterThan(0.999);
    }
  });

  it('round-trips the IVF index, which then answers like the one written', () => {
    const withIvf = new VectorSet(
      vectors.ids,
      vectors.dimension,
      vectors.data,
      buildIvf(vectors.data, 6, { lists: 3 }),
    );
    expect(writeSemantic(dir, trained.model, withIvf, 1).ivfLists).toBe(3);
    const back = readSemantic(dir).vectors;
    expect(back.ivf?.lists).toBe(3);
    expect(Array.from(back.ivf!.a.order)).toEqual(Array.from(withIvf.ivf!.a.order));
    const q = trained.model.embed(['kv cache memory'])[0]!;
    expect(back.search(q, 3).map((h) => h.row)).toEqual(withIvf.search(q, 3).map((h) => h.row));
  });

  it('keeps only the newest data file', () => {
    writeSemantic(dir, trained.model, vectors, 1);
    writeSemantic(dir, trained.model, vectors, 2);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.bin'))).toHaveLength(1);
  });

  it.each([
    [
      'a flipped byte',
      (file: string) => {
        const b = fs.readFileSync(file);
        b[b.length - 3]! ^= 0xff;
        fs.writeFileSync(file, b);
      },
      /checksum/,
    ],
    ['a truncated file', (file: string) => fs.truncateSync(file, 10), /wrong size/],
    ['a missing file', (file: string) => fs.rmSync(file), /missing/],
  ])('refuses %s', (_, damage, why) => {
    const m = writeSemantic(dir, trained.model, vectors, 1);
    damage(path.join(dir, m.file));
    expect(() => readSemantic(dir)).toThrow(SemanticUnusable);
    expect(() => readSemantic(dir)).toThrow(why);
  });

  it('refuses a manifest that is not JSON, and says when there is none', () => {
    expect(() => readSemantic(dir)).toThrow(/no semantic model/);
    writeSemantic(dir, trained.model, vectors, 1);
    fs.writeFileSync(path.join(dir, 'semantic.json'), '{not json');
    expect(() => readSemantic(dir)).toThrow(/unreadable/);
  });
});
