// The ingest sources by name.
import { arxivApi } from './arxiv-api.js';
import { arxivOai } from './arxiv-oai.js';
import { arxivRss } from './arxiv-rss.js';
import { githubStars } from './github-stars.js';
import { hfDaily } from './hf-daily.js';
import { pwcLinks } from './pwc-links.js';
import type { Source } from './source.js';

export const sources: Record<string, Source> = {
  'arxiv-rss': arxivRss,
  'arxiv-api': arxivApi,
  'arxiv-oai': arxivOai,
  'hf-daily': hfDaily,
  'github-stars': githubStars,
  'pwc-links': pwcLinks,
};
