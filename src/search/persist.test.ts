import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SegmentBuilder } from './build.js';
import { searchSegments } from './engine.js';
import { IndexUnusable, readIndex, writeIndex } from './persist.js';
import { parseQuery } from './query.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function written() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperpulse-index-'));
  dirs.push(dir);
  const b = new SegmentBuilder();
  b.add({
    id: '2501.00001',
    title: 'Sparse attention',
    abstract: 'Attention that is sparse.',
    authors: ['Zoë Ünal'],
    categories: ['cs.LG'],
    day: 20250102,
    hasCode: true,
  });
  b.add({
    id: '2501.00002',
    title: 'Dense retrieval',
    abstract: 'Retrieval with dense vectors.',
    authors: [],
    categories: ['cs.IR'],
    day: 20250103,
    hasCode: false,
  });
  const seg = await b.finish();
  const manifest = writeIndex(dir, seg, 42);
  return { dir, seg, manifest };
}

describe('index files', () => {
  it('round-trip: the loaded index answers like the built one', async () => {
    const { dir, seg } = await written();
    const loaded = readIndex(dir);
    expect(loaded.manifest.cursor).toBe(42);
    expect(loaded.manifest.docCount).toBe(2);
    for (const q of ['sparse', 'retrieval cat:cs.IR', 'author:zoe', 'has:code']) {
      const opts = { k: 10, sort: 'relevance' as const };
      expect(searchSegments([{ seg: loaded.seg }], parseQuery(q), opts)).toEqual(
        searchSegments([{ seg }], parseQuery(q), opts),
      );
    }
    // Only the current segment file and the manifest remain.
    expect(fs.readdirSync(dir).sort()).toEqual([loaded.manifest.file, 'manifest.json'].sort());
  });

  it.each([
    [
      'a flipped byte',
      (dir: string, file: string) => {
        const p = path.join(dir, file);
        const buf = fs.readFileSync(p);
        buf[buf.length >> 1]! ^= 0xff;
        fs.writeFileSync(p, buf);
      },
      /checksum/,
    ],
    ['a truncated segment', (dir: string, file: string) => fs.truncateSync(path.join(dir, file), 16), /size/],
    ['a missing segment', (dir: string, file: string) => fs.rmSync(path.join(dir, file)), /missing/],
    [
      'a garbled manifest',
      (dir: string) => fs.writeFileSync(path.join(dir, 'manifest.json'), '{"format": 1, "fi'),
      /manifest/,
    ],
    [
      'another format version',
      (dir: string) => {
        const p = path.join(dir, 'manifest.json');
        fs.writeFileSync(p, JSON.stringify({ ...JSON.parse(fs.readFileSync(p, 'utf8')), format: 999 }));
      },
      /format/,
    ],
  ])('detects %s', async (_name, damage, message) => {
    const { dir, manifest } = await written();
    damage(dir, manifest.file);
    expect(() => readIndex(dir)).toThrow(IndexUnusable);
    expect(() => readIndex(dir)).toThrow(message);
  });

  it('reports a missing index as unusable', () => {
    expect(() => readIndex(path.join(os.tmpdir(), 'paperpulse-no-such-dir'))).toThrow(/no index yet/);
  });
});
