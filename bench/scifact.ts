// SciFact (BEIR layout) quality: builds a segment from its corpus and scores the test queries by nDCG@10.
import fs from 'node:fs';
import path from 'node:path';
import { SegmentBuilder } from '../src/search/build.js';
import { searchSegments } from '../src/search/engine.js';
import { parseQuery } from '../src/search/query.js';
import { defaultBm25, type Bm25Params } from '../src/search/segment.js';
import { analyzers, type Analyzer } from '../src/search/tokenize.js';

export const scifactDir = process.env.PAPERPULSE_SCIFACT_DIR ?? '/work/shared/data/scifact/beir';

interface Scifact {
  docs: { _id: string; title: string; text: string }[];
  queries: Map<string, string>;
  qrels: Map<string, Map<string, number>>;
}

const jsonl = <T>(file: string): T[] =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

/** Loads the corpus, the queries and the test qrels; undefined when the folder is missing. */
export function loadScifact(dir = scifactDir): Scifact | undefined {
  if (!fs.existsSync(path.join(dir, 'corpus.jsonl'))) return undefined;
  const docs = jsonl<{ _id: string; title: string; text: string }>(path.join(dir, 'corpus.jsonl'));
  const queries = new Map(
    jsonl<{ _id: string; text: string }>(path.join(dir, 'queries.jsonl')).map((q) => [q._id, q.text]),
  );
  const qrels = new Map<string, Map<string, number>>();
  for (const line of fs.readFileSync(path.join(dir, 'qrels/test.tsv'), 'utf8').split('\n').slice(1)) {
    const [qid, did, rel] = line.split('\t');
    if (!qid || !did || !rel) continue;
    if (!qrels.has(qid)) qrels.set(qid, new Map());
    qrels.get(qid)!.set(did, Number(rel));
  }
  return { docs, queries, qrels };
}

/** nDCG@10 with linear gains (as pytrec_eval/BEIR compute it); 0 for a query with no relevant docs. */
export function ndcgAt10(ranked: string[], rels: Map<string, number>): number {
  let dcg = 0;
  ranked.slice(0, 10).forEach((id, i) => (dcg += (rels.get(id) ?? 0) / Math.log2(i + 2)));
  const ideal = [...rels.values()].sort((a, b) => b - a).slice(0, 10);
  const idcg = ideal.reduce((s, r, i) => s + r / Math.log2(i + 2), 0);
  return idcg > 0 ? dcg / idcg : 0;
}

/** The keyword segment of the SciFact corpus (claims' documents have no authors, categories or dates). */
export function scifactSegment(
  data: Scifact,
  analyzer: Analyzer = analyzers.porter,
  params: Bm25Params = defaultBm25,
) {
  const b = new SegmentBuilder(analyzer, params);
  for (const d of data.docs) {
    b.add({
      id: d._id,
      title: d.title,
      abstract: d.text,
      authors: [],
      categories: [],
      day: 0,
      hasCode: false,
    });
  }
  return b.finish();
}

/** Mean nDCG@10 over the test queries for one analyzer and BM25 setting. */
export async function scifactNdcg(
  data: Scifact,
  analyzer: Analyzer = analyzers.porter,
  params: Bm25Params = defaultBm25,
): Promise<number> {
  const seg = await scifactSegment(data, analyzer, params);
  let sum = 0;
  for (const [qid, rels] of data.qrels) {
    const text = data.queries.get(qid) ?? '';
    // Query text is matched as plain words: SciFact claims contain quotes and dashes that are not operators.
    const q = {
      ...parseQuery(''),
      words: text.split(/\s+/).flatMap((w) => parseQuery(w.replace(/[":-]/g, ' ')).words),
    };
    const r = searchSegments([{ seg }], q, { k: 10, sort: 'relevance' });
    sum += ndcgAt10(
      r.hits.map((h) => h.id),
      rels,
    );
  }
  return sum / data.qrels.size;
}
