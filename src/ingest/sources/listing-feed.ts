// Parses arXiv's daily listing feeds (rss.arxiv.org/rss/… as RSS 2.0, rss.arxiv.org/atom/… as Atom) into
// records. Each item says how it was announced: new, cross (a new cross-list), replace or replace-cross.
import { RejectError, cleanText, type ParsedRecord } from '../record.js';
import { arxivRecord, splitAuthors } from './entry.js';
import { MalformedPageError, attrOf, child, children, parseXml, textOf } from './xml.js';
import type { SourceRejection } from './source.js';

export const announceTypes = ['new', 'cross', 'replace', 'replace-cross'] as const;
export type AnnounceType = (typeof announceTypes)[number];

export interface ListingItem {
  record: ParsedRecord;
  announceType: AnnounceType;
}

export interface ListingFeed {
  /** The announcement day the feed is for (YYYY-MM-DD), when the feed says. */
  announced: string | undefined;
  items: ListingItem[];
  rejected: SourceRejection[];
}

// The description/summary holds the id, the announce type and the abstract in one text.
const descriptionPattern = /^arXiv:(\S+)\s+Announce Type:\s*(\S+)\s+Abstract:\s*([\s\S]*)$/i;

interface RawItem {
  id: string;
  title: string;
  description: string;
  announceType: string;
  categories: string[];
  creators: string[];
  doi: string;
  journalRef: string;
}

function toItem(raw: RawItem, announced: string | undefined): ListingItem {
  const m = descriptionPattern.exec(cleanText(raw.description));
  const abstract = m ? m[3] : raw.description;
  const type = (raw.announceType || m?.[2] || '').toLowerCase();
  if (!announceTypes.includes(type as AnnounceType)) {
    throw new RejectError(`unknown announce type "${type.slice(0, 20)}"`);
  }
  const announceType = type as AnnounceType;
  const isNew = announceType === 'new' || announceType === 'cross';
  const record = arxivRecord(
    {
      rawId: m?.[1] ?? raw.id,
      title: raw.title,
      abstract,
      authors: raw.creators.flatMap(splitAuthors),
      // arXiv lists the primary category first.
      categories: raw.categories,
      doi: raw.doi,
      journalRef: raw.journalRef,
      // A new listing's announcement day is its first-seen day; a replacement says nothing about that.
      firstSeen: isNew ? announced : null,
    },
    'arxiv-rss',
  );
  return { record, announceType };
}

const dayOfHeader = (s: string) => {
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString().slice(0, 10);
};

/** Parses one listing feed (RSS 2.0 or Atom); throws MalformedPageError when it is neither. */
export function parseListingFeed(text: string, what: string): ListingFeed {
  const doc = parseXml(text, what);
  const rejected: SourceRejection[] = [];
  const items: ListingItem[] = [];
  const add = (raw: RawItem, n: number, announced: string | undefined) => {
    try {
      items.push(toItem(raw, announced));
    } catch (e) {
      if (!(e instanceof RejectError)) throw e;
      rejected.push({ position: `${what} item ${n} (${raw.id || 'no id'})`, reason: e.message });
    }
  };
  const channel = child(doc.rss, 'channel');
  if (doc.rss !== undefined) {
    if (channel === undefined) throw new MalformedPageError(`${what} is RSS without a <channel>`);
    const announced = dayOfHeader(textOf(child(channel, 'pubDate')));
    children(channel, 'item').forEach((it, i) =>
      add(
        {
          id: textOf(child(it, 'guid')) || textOf(child(it, 'link')),
          title: textOf(child(it, 'title')),
          description: textOf(child(it, 'description')),
          announceType: textOf(child(it, 'announce_type')),
          categories: children(it, 'category').map(textOf),
          creators: children(it, 'creator').map(textOf),
          doi: textOf(child(it, 'DOI')),
          journalRef: textOf(child(it, 'journal_reference')),
        },
        i + 1,
        announced,
      ),
    );
    return { announced, items, rejected };
  }
  if (doc.feed !== undefined) {
    const feed = doc.feed;
    const announced = dayOfHeader(textOf(child(feed, 'updated')));
    children(feed, 'entry').forEach((e, i) =>
      add(
        {
          id: textOf(child(e, 'id')),
          title: textOf(child(e, 'title')),
          description: textOf(child(e, 'summary')),
          announceType: textOf(child(e, 'announce_type')),
          categories: children(e, 'category').map((c) => attrOf(c, 'term') ?? ''),
          creators: [
            ...children(e, 'creator').map(textOf),
            ...children(e, 'author').map((a) => textOf(child(a, 'name'))),
          ],
          doi: textOf(child(e, 'DOI')),
          journalRef: textOf(child(e, 'journal_reference')),
        },
        i + 1,
        announced,
      ),
    );
    return { announced, items, rejected };
  }
  throw new MalformedPageError(`${what} is XML but neither an RSS nor an Atom feed`);
}

/** The first day of the month an arXiv id was assigned in (2509.17458 -> 2025-09-01), or undefined. */
export function idMonth(id: string): string | undefined {
  const m = /^(\d{2})(\d{2})\.\d{4,5}$/.exec(id) ?? /\/(\d{2})(\d{2})\d{3}$/.exec(id);
  if (!m) return undefined;
  const yy = Number(m[1]);
  // Old-style ids start in 1991; new-style ones in 2007.
  const year = yy >= 91 ? 1900 + yy : 2000 + yy;
  return `${year}-${m[2]}-01`;
}
