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
import { arxivOai, oaiCheckpointKey, setSpecOf, type OaiState } from './arxiv-oai.js';
import { parseOaiPage } from './oai-page.js';

const dir = 'sources/arxiv-oai';
const read = (name: string) => fs.readFileSync(fixturePath(`${dir}/${name}`), 'utf8');
const allIds = [
  '2509.21749',
  '2509.21499',
  '2509.22186',
  '2509.21552',
  '2509.22448',
  '2509.24734',
  '2508.00719',
  '2507.13019',
];

describe('parseOaiPage', () => {
  it('reads arXivRaw records, a deleted header and the resumption token', () => {
    const page = parseOaiPage(read('list-cs-2.xml'), 'page');
    expect(page.records.map((r) => r.paper.id)).toEqual(['2509.21552', '2509.22448']);
    expect(page.deleted).toEqual(['oai:arXiv.org:2509.20001']);
    expect(page).toMatchObject({ token: '6960524|2001', size: 9 });
    const gamma = page.records[1]!.paper;
    expect(gamma.authors).toHaveLength(7);
    expect(gamma.authors.at(-1)).toBe('Margret Keuper');
    expect(gamma).toMatchObject({
      comment: 'Accepted at DAGM GCPR 2025',
      codeUrls: ['https://github.com/Mishalfatima/Gamma-Quant'],
    });
  });

  it('treats an empty resumptionToken element as the last page', () => {
    expect(parseOaiPage(read('list-cs-3.xml'), 'page').token).toBeUndefined();
  });

  it('takes versions and dates from the version history', () => {
    const p = parseOaiPage(read('old-style-versions.xml'), 'page').records[0]!.paper;
    expect(p).toMatchObject({
      id: '0704.0001',
      version: 2,
      published: '2007-04-02T19:18:42.000Z',
      updated: '2007-07-24T20:10:27.000Z',
      doi: '10.1103/PhysRevD.76.013009',
      categories: ['hep-ph'],
    });
    const replaced = parseOaiPage(read('list-cs-3.xml'), 'page').records[1]!.paper;
    expect(replaced).toMatchObject({
      id: '2508.00719',
      version: 2,
      published: '2025-08-01T15:38:21.000Z',
      updated: '2025-09-25T20:25:22.000Z',
    });
  });

  it.each([
    ['no-records-match.xml', 'noRecordsMatch'],
    ['bad-resumption-token.xml', 'badResumptionToken'],
  ])('reports the OAI-PMH error in %s', (name, code) => {
    expect(parseOaiPage(read(name), 'page').error?.code).toBe(code);
  });

  it('splits author lists with affiliations and "and"', () => {
    const xml = read('list-cs-1.xml').replace(
      /<authors>[^<]*<\/authors>/,
      '<authors>A. One (MIT, USA), B. Two and C. Three</authors>',
    );
    expect(parseOaiPage(xml, 'page').records[0]!.paper.authors).toEqual(['A. One', 'B. Two', 'C. Three']);
  });

  it('refuses a truncated page', () => {
    expect(() => parseOaiPage(read('truncated.xml'), 'page 1')).toThrow(
      /page 1 is malformed or truncated XML/,
    );
  });
});

it.each([
  ['cs', 'cs'],
  ['cs.LG', 'cs:cs:LG'],
  ['physics:hep-th', 'physics:hep-th'],
])('setSpecOf(%s) = %s', (cat, set) => expect(setSpecOf(cat)).toBe(set));

/** The repository: first page by set and dates, the next ones by token. */
function repository(faults: (req: Recorded) => Reply | undefined = () => undefined) {
  return (req: Recorded): Reply => {
    const fault = faults(req);
    if (fault) return fault;
    const token = req.query.get('resumptionToken');
    if (!token) return file(`${dir}/list-cs-1.xml`, 'text/xml');
    if (token === '6960524|1001') return file(`${dir}/list-cs-2.xml`, 'text/xml');
    if (token === '6960524|2001') return file(`${dir}/list-cs-3.xml`, 'text/xml');
    return file(`${dir}/bad-resumption-token.xml`, 'text/xml');
  };
}

describe('arxiv-oai source', () => {
  const env = useStoreAndServer();
  const window = () => ({
    baseUrl: `${env.server.url}/oai`,
    categories: ['cs'],
    from: '2025-09-26',
    until: '2025-09-30',
  });
  const stored = async () => (await env.db.store.papersByIds(allIds)).map((p) => p.id).sort();
  const state = async () => JSON.parse((await env.db.store.getMeta(oaiCheckpointKey('cs')))!) as OaiState;

  it('harvests a window through its resumption tokens and marks it done', async () => {
    env.server.route('/oai', repository());
    const { summary, notes } = await ingestFrom(env.db.store, arxivOai, window());
    expect(summary).toMatchObject({ pages: 3, inserted: 8, skipped: 1, rejected: 0 });
    expect(notes).toContain('oai:arXiv.org:2509.20001: deleted in the repository; kept here as it was');
    expect(await stored()).toEqual([...allIds].sort());
    expect(await state()).toEqual({ from: '2025-09-26', until: '2025-09-30', harvested: 9, done: true });
    const first = env.server.requests[0]!.query;
    expect(Object.fromEntries(first)).toEqual({
      verb: 'ListRecords',
      metadataPrefix: 'arXivRaw',
      set: 'cs',
      from: '2025-09-26',
      until: '2025-09-30',
    });
    expect(Object.fromEntries(env.server.requests[1]!.query)).toEqual({
      verb: 'ListRecords',
      resumptionToken: '6960524|1001',
    });
  });

  it('resumes a killed harvest from the saved token: no page twice, no page missed', async () => {
    env.server.route('/oai', repository());
    const ac = new AbortController();
    const killed = await ingestFrom(
      env.db.store,
      arxivOai,
      { ...window(), signal: ac.signal },
      {
        onPage: (_p, s) => s.pages === 2 && ac.abort(new Error('killed')),
      },
    ).catch((e: unknown) => e);
    expect((killed as Error).message).toBe('killed');
    expect(await env.db.store.paperCount()).toBe(5);
    expect(await state()).toMatchObject({ resumptionToken: '6960524|2001', harvested: 6, done: false });

    const before = env.server.requests.length;
    const { summary } = await ingestFrom(env.db.store, arxivOai, {
      baseUrl: `${env.server.url}/oai`,
      categories: ['cs'],
    });
    expect(env.server.requests.slice(before).map((r) => r.query.get('resumptionToken'))).toEqual([
      '6960524|2001',
    ]);
    expect(summary).toMatchObject({ pages: 1, inserted: 3, unchanged: 0 });
    expect(await stored()).toEqual([...allIds].sort());
    expect(await state()).toMatchObject({ harvested: 9, done: true });
  });

  it('restarts the window when the token has expired (badResumptionToken)', async () => {
    env.server.route('/oai', repository());
    await env.db.store.setMeta(
      oaiCheckpointKey('cs'),
      JSON.stringify({
        from: '2025-09-26',
        until: '2025-09-30',
        resumptionToken: 'expired|1',
        harvested: 3,
        done: false,
      }),
    );
    const { summary, notes } = await ingestFrom(env.db.store, arxivOai, {
      baseUrl: `${env.server.url}/oai`,
      categories: ['cs'],
    });
    expect(notes.join('\n')).toMatch(
      /resumption token expired; restarting the window 2025-09-26..2025-09-30/,
    );
    expect(env.server.requests.map((r) => r.query.get('resumptionToken'))).toEqual([
      'expired|1',
      null,
      '6960524|1001',
      '6960524|2001',
    ]);
    expect(summary.inserted).toBe(8);
    expect(await state()).toMatchObject({ harvested: 9, done: true });
  });

  it('treats noRecordsMatch as an empty, finished window', async () => {
    env.server.route('/oai', file(`${dir}/no-records-match.xml`));
    const { summary, notes } = await ingestFrom(env.db.store, arxivOai, window());
    expect(summary).toMatchObject({ pages: 1, records: 0 });
    expect(notes.join('\n')).toMatch(/no records changed in 2025-09-26..2025-09-30/);
    expect(await state()).toMatchObject({ done: true, harvested: 0 });
  });

  it('waits out 503 Retry-After flow control, then continues', async () => {
    let n = 0;
    env.server.route(
      '/oai',
      repository(() =>
        ++n === 2 ? { status: 503, headers: { 'retry-after': '10' }, body: 'Retry later' } : undefined,
      ),
    );
    const { summary } = await ingestFrom(env.db.store, arxivOai, window());
    expect(summary.inserted).toBe(8);
  });

  it('stops on a truncated page with the checkpoint at the last good page, then resumes', async () => {
    env.server.route(
      '/oai',
      repository((req) =>
        req.query.get('resumptionToken') === '6960524|2001' ? { file: `${dir}/truncated.xml` } : undefined,
      ),
    );
    const err = await ingestFrom(env.db.store, arxivOai, window()).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(
      /arxiv-oai stopped: set cs 2025-09-26..2025-09-30 page 3 \(token 6960524\|2001\) is malformed or truncated XML .* Everything up to set cs .* page 2 .* is saved/,
    );
    expect(await state()).toMatchObject({ resumptionToken: '6960524|2001', done: false });
    env.server.route('/oai', repository());
    const { summary } = await ingestFrom(env.db.store, arxivOai, {
      baseUrl: `${env.server.url}/oai`,
      categories: ['cs'],
    });
    expect(summary).toMatchObject({ inserted: 3 });
    expect(await stored()).toEqual([...allIds].sort());
  });

  it('starts the next harvest on the last day of the finished window', async () => {
    env.server.route('/oai', repository());
    await ingestFrom(env.db.store, arxivOai, window());
    const before = env.server.requests.length;
    await ingestFrom(env.db.store, arxivOai, {
      baseUrl: `${env.server.url}/oai`,
      categories: ['cs'],
      now: '2025-10-05T10:00:00Z',
    });
    expect(env.server.requests[before]!.query.get('from')).toBe('2025-09-30');
    expect(env.server.requests[before]!.query.get('until')).toBe('2025-10-04');
  });
});
