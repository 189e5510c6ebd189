// How a newly imported record combines with the stored paper. Pure; the store calls it inside its transaction.
import { createHash } from 'node:crypto';
import { sourceAuthority, type Paper, type PaperInput } from './paper.js';

const metadataFields = [
  'title',
  'abstract',
  'authors',
  'categories',
  'primaryCategory',
  'published',
  'updated',
  'comment',
  'doi',
  'journalRef',
] as const;

const isEmpty = (v: unknown) =>
  v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * Merges an incoming record into the stored paper (or creates it). Metadata from a less authoritative source,
 * or from an older arXiv version, only fills fields that are empty; code links accumulate; first_seen keeps the
 * earliest day. `today` (YYYY-MM-DD) is used when nobody knows when the paper was first listed.
 */
export function mergePaper(existing: Paper | undefined, input: PaperInput, today: string): Paper {
  if (!existing) {
    return { ...input, codeUrls: [...new Set(input.codeUrls)], firstSeen: input.firstSeen ?? today };
  }
  const olderVersion =
    input.version !== null && existing.version !== null && input.version < existing.version;
  // Equal authority from another source only fills gaps: otherwise two sources re-imported in turn would
  // overwrite each other forever and no re-import could ever report "unchanged".
  const inRank = sourceAuthority[input.source] ?? 0;
  const exRank = sourceAuthority[existing.source] ?? 0;
  // A strictly newer arXiv version from an equally trusted source is newer metadata (arxiv-rss announcing v2 of a
  // paper backfilled by arxiv-api as v1): it wins too.
  const newerVersion =
    input.version !== null && existing.version !== null && input.version > existing.version;
  const wins =
    !olderVersion &&
    (inRank > exRank || (inRank === exRank && (input.source === existing.source || newerVersion)));
  const merged: Paper = { ...existing };
  for (const f of metadataFields) {
    const value = input[f];
    if (isEmpty(value)) continue;
    if (wins || isEmpty(existing[f])) (merged as unknown as Record<string, unknown>)[f] = value;
  }
  merged.version =
    existing.version === null ? input.version : Math.max(existing.version, input.version ?? existing.version);
  merged.codeUrls = [...new Set([...existing.codeUrls, ...input.codeUrls])];
  merged.firstSeen =
    input.firstSeen && input.firstSeen < existing.firstSeen ? input.firstSeen : existing.firstSeen;
  if (wins) merged.source = input.source;
  return merged;
}

/** A stable fingerprint of everything stored about a paper, used to tell "updated" from "unchanged". */
export function paperHash(p: Paper): string {
  const canonical = JSON.stringify([
    p.version,
    p.title,
    p.abstract,
    p.authors,
    p.categories,
    p.primaryCategory,
    p.published,
    p.updated,
    p.comment,
    p.doi,
    p.journalRef,
    p.codeUrls,
    p.source,
    p.firstSeen,
  ]);
  return createHash('sha1').update(canonical).digest('base64url');
}
