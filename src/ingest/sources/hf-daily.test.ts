import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixturePath } from '../../../test/helpers/fixtures.js';
import {
  file,
  ingestFrom,
  useStoreAndServer,
  type Recorded,
  type Reply,
} from '../../../test/helpers/http-fixtures.js';
import { HF_CHECKPOINT, hfDaily } from './hf-daily.js';

const json = 'application/json; charset=utf-8';
const day17 = 'sources/hf-daily/2025-09-17.json';
const items17 = JSON.parse(fs.readFileSync(fixturePath(day17), 'utf8')) as {
  paper: { id: string; upvotes: number };
}[];

/** /api/daily_papers?date=… answered from fixture files by day; other days are empty. */
function api(days: Record<string, Reply>) {
  return (req: Recorded): Reply =>
    days[req.query.get('date') ?? ''] ?? { body: '[]', headers: { 'content-type': json } };
}

describe('hf-daily source', () => {
  const env = useStoreAndServer();

  it('imports a day with upvotes, comments and stars as observations of the current hour', async () => {
    env.server.route('/api/daily_papers', api({ '2025-09-17': file(day17, json) }));
    const opts = {
      baseUrl: env.server.url,
      from: '2025-09-17',
      until: '2025-09-17',
      now: '2025-09-18T10:42:00Z',
    };
    const { summary } = await ingestFrom(env.db.store, hfDaily, opts);
    expect(summary).toMatchObject({
      pages: 1,
      records: items17.length,
      inserted: items17.length,
      rejected: 0,
    });
    const deep = await env.db.store.paperById('2509.13310');
    // The messy repo URL ("DeepResearch///") is normalised.
    expect(deep?.codeUrls).toEqual(['https://github.com/Alibaba-NLP/DeepResearch']);
    expect(await env.db.store.signalsForPaper('2509.13310', '2025-09-18T10:00:00.000Z')).toMatchObject({
      hf_upvotes: 36,
      hf_comments: 2,
      github_stars: 6886,
    });
    // Not visible before the hour it was observed.
    expect(await env.db.store.signalsForPaper('2509.13310', '2025-09-18T09:59:59.000Z')).toEqual({});
    expect(JSON.parse((await env.db.store.getMeta(HF_CHECKPOINT))!)).toMatchObject({ lastDay: '2025-09-17' });

    // Same hour again: nothing new. An hour later: a new point of the time series, papers unchanged.
    const again = await ingestFrom(env.db.store, hfDaily, opts);
    expect(again.summary).toMatchObject({ inserted: 0, updated: 0, signals: 0 });
    const later = await ingestFrom(env.db.store, hfDaily, { ...opts, now: '2025-09-18T11:05:00Z' });
    expect(later.summary.updated).toBe(0);
    expect(later.summary.signals).toBeGreaterThan(items17.length);
  });

  it('copes with Python-repr items and {data: [...]} wrappers, and an empty day', async () => {
    env.server.route(
      '/api/daily_papers',
      api({
        '2024-12-11': file('hf-raw/2024-12-11.json', json),
        '2024-12-12': file('hf-raw/wrapped-2025-01-10.json', json),
      }),
    );
    const { summary, notes } = await ingestFrom(env.db.store, hfDaily, {
      baseUrl: env.server.url,
      from: '2024-12-11',
      until: '2024-12-13',
    });
    expect(summary).toMatchObject({ pages: 3, records: 26 + 6, rejected: 0 });
    expect(notes).toContain('2024-12-13: no daily papers (weekends and holidays often have none).');
  });

  it('reads the last three days by default, or from the last day read when that is older', async () => {
    env.server.route('/api/daily_papers', api({}));
    await ingestFrom(env.db.store, hfDaily, { baseUrl: env.server.url, now: '2025-09-18T10:00:00Z' });
    expect(env.server.requests.map((r) => r.query.get('date'))).toEqual([
      '2025-09-16',
      '2025-09-17',
      '2025-09-18',
    ]);
    env.server.requests.length = 0;
    await ingestFrom(env.db.store, hfDaily, { baseUrl: env.server.url, now: '2025-09-23T10:00:00Z' });
    expect(env.server.requests.map((r) => r.query.get('date'))).toEqual([
      '2025-09-18',
      '2025-09-19',
      '2025-09-20',
      '2025-09-21',
      '2025-09-22',
      '2025-09-23',
    ]);
  });

  it('stops on a truncated response with the checkpoint at the day before, then resumes', async () => {
    const body = fs.readFileSync(fixturePath(day17)).subarray(0, 5000);
    env.server.route(
      '/api/daily_papers',
      api({
        '2025-09-16': file('hf-raw/2024-09-16.json', json),
        '2025-09-17': { body, headers: { 'content-type': json } },
      }),
    );
    const range = { baseUrl: env.server.url, from: '2025-09-16', until: '2025-09-17' };
    const err = await ingestFrom(env.db.store, hfDaily, range).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(
      /the Hugging Face daily papers of 2025-09-17 is not valid JSON \(truncated\?\).*Everything up to the Hugging Face daily papers of 2025-09-16 is saved/,
    );
    expect(JSON.parse((await env.db.store.getMeta(HF_CHECKPOINT))!)).toMatchObject({ lastDay: '2025-09-16' });
    expect(await env.db.store.paperCount()).toBe(7);
  });

  it('retries a connection reset, then imports', async () => {
    env.server.route('/api/daily_papers', [{ reset: true }, file(day17, json)]);
    const { summary } = await ingestFrom(env.db.store, hfDaily, {
      baseUrl: env.server.url,
      from: '2025-09-17',
      until: '2025-09-17',
    });
    expect(summary.inserted).toBe(items17.length);
  });
});
