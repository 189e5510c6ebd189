// Checks a JSON Feed 1.1 document against the rules of its specification (https://jsonfeed.org/version/1.1):
// Debian's feedparser (6.0) has no JSON Feed support, so the spec's requirements are checked here with zod,
// and the result is shaped like parseFeed's so the same assertions apply.
import { z } from 'zod';
import type { ParsedFeed } from './feedparser.js';

const rfc3339 = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
const url = z.url();

const schema = z.object({
  version: z.literal('https://jsonfeed.org/version/1.1'),
  title: z.string().min(1),
  home_page_url: url.optional(),
  feed_url: url.optional(),
  description: z.string().optional(),
  items: z.array(
    z
      .object({
        id: z.string().min(1),
        url: url.optional(),
        external_url: url.optional(),
        title: z.string().optional(),
        content_text: z.string().optional(),
        content_html: z.string().optional(),
        date_published: rfc3339.optional(),
        authors: z.array(z.object({ name: z.string().optional(), url: url.optional() })).optional(),
        tags: z.array(z.string()).optional(),
      })
      // The spec requires at least one of content_html and content_text.
      .refine((i) => i.content_text !== undefined || i.content_html !== undefined, 'an item needs content'),
  ),
});

/** Validates a JSON Feed; bozo is 1 with the reason when it breaks the specification. */
export function parseJsonFeed(body: string): ParsedFeed {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (e) {
    return {
      bozo: 1,
      bozo_exception: (e as Error).message,
      version: '',
      title: null,
      links: [],
      entries: [],
    };
  }
  const r = schema.safeParse(doc);
  if (!r.success) {
    return { bozo: 1, bozo_exception: r.error.message, version: '', title: null, links: [], entries: [] };
  }
  const f = r.data;
  return {
    bozo: 0,
    bozo_exception: '',
    version: 'json11',
    title: f.title,
    links: [f.home_page_url, f.feed_url].filter((l): l is string => !!l),
    entries: f.items.map((i) => ({
      title: i.title ?? '',
      link: i.url ?? '',
      id: i.id,
      authors: (i.authors ?? []).map((a) => a.name ?? ''),
      summary: i.content_text ?? i.content_html ?? '',
      published: i.date_published ?? '',
      tags: i.tags ?? [],
    })),
  };
}
