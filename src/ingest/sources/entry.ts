// One arXiv metadata record (from the API, a listing feed or OAI-PMH) -> a ParsedRecord, with the shared
// validation helpers of record.ts. Sources only extract fields; normalisation happens here once.
import { githubUrlsIn } from '../../model/code-links.js';
import { arxivId, categories, cleanText, isoDate, requireText, type ParsedRecord } from '../record.js';

export interface ArxivFields {
  /** Any form of arXiv id: 2509.17458v2, hep-th/9901001, an abs URL, oai:arXiv.org:2509.17458. */
  rawId: string;
  /** The version when it is not part of rawId. */
  version?: number | null;
  title?: string | null;
  abstract?: string | null;
  authors: string[];
  categories: string[];
  /** Defaults to the first category. */
  primaryCategory?: string | null;
  published?: string | null;
  updated?: string | null;
  comment?: string | null;
  doi?: string | null;
  journalRef?: string | null;
  /** First listing day; defaults to the published day. */
  firstSeen?: string | null;
}

const orNull = (s: string | null | undefined) => (s && cleanText(s) ? cleanText(s) : null);

/** Builds the paper record for one arXiv entry; throws RejectError when it is unusable. */
export function arxivRecord(f: ArxivFields, source: string): ParsedRecord {
  const parsed = arxivId(f.rawId.replace(/^oai:arXiv\.org:/i, ''));
  const text = requireText(f.title, f.abstract);
  const cats = categories(f.categories);
  const primary = f.primaryCategory && categories([f.primaryCategory])[0];
  const published = isoDate(f.published, 'published');
  let updated = isoDate(f.updated, 'updated');
  // The API repeats the published time as "updated" for first versions: that is no update.
  if (updated === published) updated = null;
  const comment = orNull(f.comment);
  return {
    paper: {
      id: parsed.id,
      version: parsed.version ?? f.version ?? null,
      ...text,
      authors: f.authors.map(cleanText).filter(Boolean),
      categories: primary && !cats.includes(primary) ? [primary, ...cats] : cats,
      primaryCategory: primary || cats[0] || null,
      published,
      updated,
      comment,
      doi: orNull(f.doi),
      journalRef: orNull(f.journalRef),
      codeUrls: githubUrlsIn(text.abstract, comment),
      source,
      firstSeen: f.firstSeen ?? published?.slice(0, 10) ?? null,
    },
    signals: [],
  };
}

/** Splits arXiv's author string ("A. One (MIT, USA), B. Two and C. Three") into names, without affiliations. */
export function splitAuthors(s: string): string[] {
  // Affiliations in parentheses may contain commas; they are not part of the name.
  return cleanText(s.replace(/\([^()]*\)/g, ' '))
    .split(/,\s*(?:and\s+)?|\s+and\s+/)
    .map((a) => a.trim())
    .filter(Boolean);
}
