// Parses one page of the arXiv API (an Atom feed with OpenSearch totals) into records.
import { UserError } from '../../errors.js';
import { RejectError } from '../record.js';
import { arxivRecord, type ArxivFields } from './entry.js';
import type { ListingFeed } from './listing-feed.js';
import { MalformedPageError, attrOf, child, children, parseXml, textOf } from './xml.js';

export interface ApiPage {
  /** opensearch:totalResults: matches of the whole query, not of this page. */
  total: number;
  start: number;
  records: ListingFeed['items'][number]['record'][];
  rejected: ListingFeed['rejected'];
  /** Entries on the page, good or bad (an empty page before `total` means the API hiccupped). */
  entries: number;
}

/** The API answered with its error feed (bad query); retrying the same request cannot help. */
export class ApiQueryError extends UserError {
  constructor(message: string) {
    super(message, 'failure');
  }
}

const num = (s: string, what: string) => {
  if (!/^\d+$/.test(s.trim())) throw new MalformedPageError(`${what} has no valid opensearch totals`);
  return Number(s);
};

/** Parses an API response page; throws ApiQueryError for the API's error feed, MalformedPageError for junk. */
export function parseApiPage(text: string, what: string): ApiPage {
  const doc = parseXml(text, what);
  const feed = doc.feed;
  if (feed === undefined) throw new MalformedPageError(`${what} is XML but not an Atom feed`);
  const entries = children(feed, 'entry');
  const first = entries[0];
  if (entries.length === 1 && textOf(child(first, 'id')).includes('/api/errors')) {
    throw new ApiQueryError(`the arXiv API refused the query: ${textOf(child(first, 'summary'))}`);
  }
  const total = num(textOf(child(feed, 'totalResults')), what);
  const start = num(textOf(child(feed, 'startIndex')) || '0', what);
  const records: ApiPage['records'] = [];
  const rejected: ApiPage['rejected'] = [];
  entries.forEach((e, i) => {
    const fields: ArxivFields = {
      rawId: textOf(child(e, 'id')),
      title: textOf(child(e, 'title')),
      abstract: textOf(child(e, 'summary')),
      authors: children(e, 'author').map((a) => textOf(child(a, 'name'))),
      categories: children(e, 'category').map((c) => attrOf(c, 'term') ?? ''),
      primaryCategory: attrOf(child(e, 'primary_category'), 'term'),
      published: textOf(child(e, 'published')),
      updated: textOf(child(e, 'updated')),
      comment: textOf(child(e, 'comment')),
      doi: textOf(child(e, 'doi')),
      journalRef: textOf(child(e, 'journal_ref')),
    };
    try {
      records.push(arxivRecord(fields, 'arxiv-api'));
    } catch (err) {
      if (!(err instanceof RejectError)) throw err;
      rejected.push({
        position: `${what} entry ${start + i + 1} (${fields.rawId || 'no id'})`,
        reason: err.message,
      });
    }
  });
  return { total, start, records, rejected, entries: entries.length };
}
