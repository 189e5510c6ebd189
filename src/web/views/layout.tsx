// The page frame: head, site header, main landmark and footer shared by every page.
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { cssHash } from '../static/styles.js';
import type { FeedLink } from '../feeds/links.js';

export interface LayoutProps {
  title: string;
  /** Which header link is the current page. */
  section?: 'trending' | 'about' | 'search';
  /** The search box's current text (on the search page). */
  query?: string;
  description?: string;
  /** Feeds of this page's list, advertised to feed readers. */
  feeds?: FeedLink[];
  demo: boolean;
  children?: Child;
}

/** Wraps a page body in the shared frame. */
export function Layout({ title, section, query, description, feeds, demo, children }: LayoutProps) {
  return (
    <>
      {raw('<!doctype html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{title}</title>
          {description ? <meta name="description" content={description} /> : null}
          <link rel="stylesheet" href={`/static/app.${cssHash}.css`} />
          <link rel="icon" href="data:," />
          {(feeds ?? []).map((f) => (
            <link rel="alternate" type={f.type} href={f.href} title={f.title} />
          ))}
        </head>
        <body>
          <a class="skip" href="#main">
            Skip to content
          </a>
          <header class="site">
            <div class="wrap">
              <a class="brand" href="/">
                paper<span>pulse</span>
              </a>
              <nav aria-label="Site">
                <a href="/" aria-current={section === 'trending' ? 'page' : undefined}>
                  Trending
                </a>
                <a href="/about" aria-current={section === 'about' ? 'page' : undefined}>
                  About
                </a>
                {/* Subscribe when new, or the settings (sign-in form without a session): one link for both. */}
                <a href="/account">Your digest</a>
              </nav>
              <form class="search" action="/search" method="get" role="search">
                <label class="visually-hidden" for="site-q">
                  Search papers
                </label>
                <input
                  id="site-q"
                  type="search"
                  name="q"
                  value={query ?? ''}
                  placeholder="Search papers"
                  maxlength={1000}
                />
                <button type="submit">Search</button>
              </form>
            </div>
          </header>
          <main id="main" class="wrap" tabindex={-1}>
            {children}
          </main>
          <footer class="site">
            <div class="wrap">
              <p>
                paperpulse ranks new papers by what people do with them, and shows why.{' '}
                {demo ? <strong>This instance is showing demo data</strong> : null}
                {demo ? ' (a real arXiv week and Hugging Face signals shipped with paperpulse).' : null} Paper
                metadata from <a href="https://arxiv.org">arXiv</a> (CC0).
              </p>
            </div>
          </footer>
        </body>
      </html>
    </>
  );
}
