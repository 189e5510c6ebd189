// Every route of the web site and API, in one table.
import type { Hono } from 'hono';
import type { AppEnv } from './env.js';
import { categoryPage, trendingPage } from './pages/trending.js';
import { authorPage } from './pages/author.js';
import { trendingFeed } from './feeds/trending-feed.js';
import { authorFeed } from './feeds/author-feed.js';
import type { FeedFormat } from './feeds/send.js';
import { paperPage } from './pages/paper.js';
import { aboutPage } from './pages/about.js';
import { aboutTrendingPage } from './pages/about-trending.js';
import { accountRoutes } from './account-routes.js';
import { apiTrending } from './api/trending.js';
import { apiPaper } from './api/papers.js';
import { health } from './api/health.js';
import { stylesheet } from './static/serve.js';
import { searchPage } from './pages/search.js';
import { apiSearch } from './api/search.js';
import { apiSimilar } from './api/similar.js';
import { apiDocsPage } from './pages/api-docs.js';
import { openApiDocument } from './api/openapi.js';
import { digestClick } from './pages/digest-click.js';
import { listExport } from './api/export.js';
import { apiPaperList } from './api/paper-list.js';
import { apiAuthor, apiAuthors, apiCategories } from './api/directory.js';
import { searchFeed, searchFeedRedirect } from './feeds/search-feed.js';

/** Registers all routes on `app`; `publicUrl` is used to build absolute links in JSON. */
export function routes(app: Hono<AppEnv>, publicUrl: string) {
  // `format=jsonl|csv` on any API list (see api/export.ts).
  app.use('/api/*', listExport());
  app.get('/', trendingPage);
  app.get('/c/:category', categoryPage);
  app.get('/authors/:name', authorPage);
  app.get('/papers/:id{.+}', paperPage);
  for (const format of ['atom', 'rss', 'json'] as FeedFormat[]) {
    app.get(`/feed.${format}`, searchFeedRedirect(format), trendingFeed(format, publicUrl));
    app.get(`/search/feed.${format}`, searchFeed(format, publicUrl));
    app.get(`/c/:category/feed.${format}`, trendingFeed(format, publicUrl));
    app.get(`/authors/:name/feed.${format}`, authorFeed(format, publicUrl));
  }
  app.get('/about', aboutPage);
  app.get('/about/trending', aboutTrendingPage);
  // Subscribe, confirm, sign in, account, unsubscribe, reactions, /api/subscriptions, /webhooks/bounces.
  accountRoutes(app);
  app.get('/api', (c) => apiDocsPage(c, publicUrl));
  app.get('/api/openapi.json', (c) => c.json(openApiDocument(publicUrl)));
  app.get('/api/trending', (c) => apiTrending(c, publicUrl));
  // An id is one segment, or two for old-style ids (hep-th/9901001); `{.+}/similar` would never match, as
  // /api/papers/:id{.+} takes "…/similar" as part of the id.
  app.get('/api/papers/:id{[^/]+(?:/[0-9]+)?}/similar', (c) => apiSimilar(c, publicUrl));
  app.get('/api/papers', (c) => apiPaperList(c, publicUrl));
  app.get('/api/papers/:id{.+}', (c) => apiPaper(c, publicUrl));
  app.get('/api/categories', (c) => apiCategories(c, publicUrl));
  app.get('/api/authors', (c) => apiAuthors(c, publicUrl));
  app.get('/api/authors/:name', (c) => apiAuthor(c, publicUrl));
  app.get('/search', searchPage);
  app.get('/api/search', (c) => apiSearch(c, publicUrl));
  // Paper links in digests: count the click, then redirect to the paper page.
  app.get('/r/:token', digestClick);
  app.get('/healthz', health);
  app.get('/static/:file', stylesheet);
}
