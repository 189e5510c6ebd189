// Builds a whole segment from the store by walking the change cursor from the start.
import type { Store } from '../store/store.js';
import { SegmentBuilder } from './build.js';
import { docOf } from './doc.js';
import type { Segment } from './segment.js';

export interface BuildProgress {
  /** Papers read so far. */
  done: number;
  /** Papers in the store when the build started (more may arrive meanwhile). */
  total: number;
}

export interface BuildOptions {
  onProgress?: (p: BuildProgress) => void;
  /** Checked between pages; a true value abandons the build (e.g. on shutdown). */
  cancelled?: () => boolean;
  /** Papers per store read. */
  pageSize?: number;
}

/** Thrown when a build was cancelled before it finished. */
export class BuildCancelled extends Error {}

// Yields to the event loop so a server keeps answering while it builds.
const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Indexes every paper in the store; returns the segment and the change cursor it reached. */
export async function buildFromStore(
  store: Store,
  o: BuildOptions = {},
): Promise<{ seg: Segment; cursor: number }> {
  const total = await store.paperCount();
  const builder = new SegmentBuilder();
  let cursor = 0;
  for (;;) {
    if (o.cancelled?.()) throw new BuildCancelled('index build cancelled');
    // Small pages: each is tokenised in one go, so this bounds how long a server stops answering.
    const page = await store.papersChangedSince(cursor, o.pageSize ?? 250);
    if (page.length === 0) break;
    // A paper changed during the build is read twice; the builder keeps the later version.
    for (const { seq, paper } of page) {
      builder.add(docOf(paper));
      cursor = seq;
    }
    o.onProgress?.({ done: builder.size, total: Math.max(total, builder.size) });
    await pause();
  }
  return { seg: await builder.finish(undefined, pause), cursor };
}
