// The narrow interface every ingest source implements: fetch pages from a server, yield parsed records and the
// checkpoint to save once they are committed. The runner (run.ts) does the writing, so a source never writes.
import type { Signal } from '../../model/paper.js';
import type { Store } from '../../store/store.js';
import type { HttpClient } from '../http.js';
import type { ParsedRecord } from '../record.js';

/** What a source may read from the store: its checkpoints and the papers and links it builds on. */
export type SourceStore = Pick<Store, 'getMeta' | 'codeLinks' | 'papersByIds'>;

/** The command-line choices a source runs with. Days are YYYY-MM-DD (UTC). */
export interface SourceOptions {
  /** Server to ask instead of the source's public one (a mirror or a test server). */
  baseUrl?: string;
  from?: string;
  until?: string;
  /** arXiv categories (cs.LG) or archives (cs); each source says which it accepts. */
  categories: string[];
  /** Poll even what is not due yet (github-stars). */
  all?: boolean;
  /** At most this many requests this run (github-stars), to share a rate limit with other jobs. */
  limit?: number;
  /** An API token (github-stars: GITHUB_TOKEN), sent only to that source's server. */
  token?: string;
}

export interface SourceContext {
  store: SourceStore;
  http: HttpClient;
  options: SourceOptions;
  /** The clock, injectable so tests can fix "today" and observation times. */
  now: () => Date;
  signal?: AbortSignal;
  /** A line for the person running the command (progress notes, skipped items). */
  note: (line: string) => void;
}

/** A record the source could not use, with where it was found. */
export interface SourceRejection {
  /** e.g. "cs.LG 2025-09-29 item 3" or "oai:arXiv.org:2509.17458". */
  position: string;
  reason: string;
}

/** One fetched page: written in one go, then its checkpoints are saved. */
export interface SourcePage {
  /** Short description for progress and error messages ("set cs, page 3"). */
  label: string;
  records: ParsedRecord[];
  /** Signal observations for papers already stored (github-stars). */
  signals?: Signal[];
  rejected: SourceRejection[];
  /** Items deliberately not imported (deleted records, links to unknown papers); reasons are in notes. */
  skipped?: number;
  /** Meta entries to save after the page is committed: the place to resume from. */
  checkpoints: [key: string, value: string][];
  /** Pages expected in all, when the source knows (for progress and ETA). */
  expectedPages?: number;
}

export interface Source {
  name: string;
  /** Yields pages in order; throws on a page it cannot use, after everything before it was yielded. */
  pages(ctx: SourceContext): AsyncIterable<SourcePage>;
}
