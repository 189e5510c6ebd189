import fs from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../../../test/helpers/store.js';
import { corpusPaper as paper, smallCorpusPapers } from '../../../test/helpers/papers.js';
import { defaultLsa } from './embedder.js';
import { SemanticIndex } from './semantic-index.js';

const log = pino({ level: 'silent' });
const settings = { ...defaultLsa, dimension: 6 };
let t: TempStore;

// The fixture corpus as papers 2503.00001… in topic order (cache, graph, robot).
const papers = smallCorpusPapers();

async function opened() {
  const s = new SemanticIndex({ store: t.store, log, dir: path.join(t.dir, 'index'), settings });
  await s.open();
  await s.idle();
  return s;
}

beforeEach(async () => {
  t = await tempStore();
  await t.store.importBatch({ papers, signals: [] });
});
afterEach(async () => t.cleanup());

describe('SemanticIndex', () => {
  it('trains from the store when there is no model, and loads the same model in the next process', async () => {
    const first = await opened();
    expect(first.status()).toMatchObject({ state: 'ready', docs: 12 });
    const second = await opened();
    expect(second.status().model).toBe(first.status().model);
    expect(second.embedQuery('kv cache')).toEqual(first.embedQuery('kv cache'));
  });

  it('retrains when its file is damaged', async () => {
    const model = (await opened()).status().model;
    const dir = path.join(t.dir, 'index');
    const file = fs.readdirSync(dir).find((f) => f.startsWith('semantic-'))!;
    fs.writeFileSync(path.join(dir, file), 'garbage');
    const again = await opened();
    expect(again.status()).toMatchObject({ state: 'ready', model });
  });

  it('embeds papers stored after training, and finds them as similar papers', async () => {
    const s = await opened();
    await t.store.importBatch({
      papers: [paper('2504.00001', 'Quantizing the KV cache of long context inference')],
      signals: [],
    });
    expect(await s.sync()).toBe(1);
    expect(s.status().docs).toBe(13);
    const similar = s.similar('2504.00001', 3).map((h) => h.id);
    // Its neighbours are cache papers (the first four).
    for (const id of similar) expect(['2503.00001', '2503.00002', '2503.00003', '2503.00004']).toContain(id);
    expect(s.similar('2503.00001', 20).map((h) => h.id)).toContain('2504.00001');
    expect(s.similar('2503.00001', 20).map((h) => h.id)).not.toContain('2503.00001');
  });
});
