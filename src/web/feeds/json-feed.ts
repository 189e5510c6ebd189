// JSON Feed 1.1 (https://jsonfeed.org/version/1.1) rendering of a feed.
import type { FeedDoc } from './feed.js';

/** The feed as a JSON Feed object. */
export function toJsonFeed(doc: FeedDoc) {
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: doc.title,
    description: doc.description,
    home_page_url: doc.htmlUrl,
    feed_url: doc.selfUrl,
    language: 'en',
    items: doc.items.map((i) => ({
      id: i.url,
      url: i.url,
      external_url: i.absUrl,
      title: i.title,
      content_text: i.summary,
      date_published: i.published,
      authors: i.authors.map((name) => ({ name })),
      tags: i.categories,
    })),
  };
}
