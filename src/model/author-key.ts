// The lookup form of an author name: what "starts with" compares, so "schölkopf", "Scholkopf" and "SCHÖLKOPF"
// find the same person.

/** Lower-cased, accents removed (NFKD without combining marks), runs of spaces collapsed. */
export function authorKey(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * The exclusive upper bound of keys starting with `prefix`, for an index range scan (`key >= p and key < end`).
 * Both backends compare text byte-wise (SQLite's BINARY, PostgreSQL's collate "C"), and U+FFFF sorts after
 * every character an author name holds.
 */
export function prefixEnd(prefix: string): string {
  return `${prefix}\uffff`;
}
