// Parses one OAI-PMH ListRecords answer in arXiv's arXivRaw format: records with their version history,
// deleted-record headers, the resumption token, and the protocol's error codes.
import { RejectError, isoDate } from '../record.js';
import { arxivRecord, splitAuthors } from './entry.js';
import type { ListingFeed } from './listing-feed.js';
import { MalformedPageError, attrOf, child, children, parseXml, textOf } from './xml.js';

export interface OaiPage {
  records: ListingFeed['items'][number]['record'][];
  rejected: ListingFeed['rejected'];
  /** Identifiers of records the repository reports as deleted. */
  deleted: string[];
  /** The token for the next page; undefined on the last page. */
  token: string | undefined;
  /** completeListSize, when the repository says. */
  size: number | undefined;
  /** An OAI-PMH error code (noRecordsMatch, badResumptionToken, badArgument, …) instead of records. */
  error?: { code: string; message: string };
}

/** Parses one ListRecords response; throws MalformedPageError when it is not OAI-PMH at all. */
export function parseOaiPage(text: string, what: string): OaiPage {
  const doc = parseXml(text, what);
  const root = doc['OAI-PMH'];
  if (root === undefined) throw new MalformedPageError(`${what} is XML but not an OAI-PMH response`);
  const empty: OaiPage = { records: [], rejected: [], deleted: [], token: undefined, size: undefined };
  const error = child(root, 'error');
  if (error !== undefined)
    return { ...empty, error: { code: attrOf(error, 'code') ?? 'unknown', message: textOf(error) } };
  const list = child(root, 'ListRecords');
  if (list === undefined) throw new MalformedPageError(`${what} is OAI-PMH without ListRecords`);
  const page = { ...empty };
  for (const rec of children(list, 'record')) {
    const header = child(rec, 'header');
    const identifier = textOf(child(header, 'identifier'));
    if (attrOf(header, 'status') === 'deleted') {
      page.deleted.push(identifier);
      continue;
    }
    const raw = child(child(rec, 'metadata'), 'arXivRaw');
    try {
      if (raw === undefined) throw new RejectError('no arXivRaw metadata (request metadataPrefix=arXivRaw)');
      const versions = children(raw, 'version')
        .map((v) => ({
          n: Number((attrOf(v, 'version') ?? '').replace(/^v/, '')),
          at: isoDate(textOf(child(v, 'date')), 'version date'),
        }))
        .filter((v) => Number.isInteger(v.n) && v.n > 0)
        .sort((a, b) => a.n - b.n);
      const first = versions[0];
      const last = versions.at(-1);
      page.records.push(
        arxivRecord(
          {
            rawId: textOf(child(raw, 'id')) || identifier,
            version: last?.n ?? null,
            title: textOf(child(raw, 'title')),
            abstract: textOf(child(raw, 'abstract')),
            authors: splitAuthors(textOf(child(raw, 'authors'))),
            categories: textOf(child(raw, 'categories')).split(/\s+/),
            published: first?.at,
            updated: last && last !== first ? last.at : null,
            comment: textOf(child(raw, 'comments')),
            doi: textOf(child(raw, 'doi')),
            journalRef: textOf(child(raw, 'journal-ref')),
          },
          'arxiv-oai',
        ),
      );
    } catch (e) {
      if (!(e instanceof RejectError)) throw e;
      page.rejected.push({ position: identifier || 'a record without identifier', reason: e.message });
    }
  }
  const token = child(list, 'resumptionToken');
  const value = textOf(token).trim();
  page.token = value || undefined;
  const size = attrOf(token, 'completeListSize');
  page.size = size && /^\d+$/.test(size) ? Number(size) : undefined;
  return page;
}
