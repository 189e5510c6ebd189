// GET /about — what paperpulse is, how the trending score works, how to take the data elsewhere, and where the
// data comes from under which licence.
import type { Context } from 'hono';
import type { AppEnv } from '../env.js';
import { Layout } from '../views/layout.js';

/** The about page. */
export function aboutPage(c: Context<AppEnv>) {
  return c.html(
    <Layout
      title="About — paperpulse"
      section="about"
      demo={c.var.demo}
      description="What paperpulse is, how it ranks papers, and where its data comes from."
    >
      <h1>About paperpulse</h1>
      <p>
        paperpulse tells researchers which new papers matter. It collects new papers from arXiv and the
        signals people leave on them — upvotes on Hugging Face, stars on the paper's code, and this site's own
        upvotes and saves — and ranks what is trending. The formula is public, and every entry says why it is
        there.
      </p>
      <p>
        It is open-source software that anyone can run for their own group: one process on one SQLite file, or
        several processes on PostgreSQL when a community outgrows one machine.
      </p>
      <h2 id="trending">How the trending score works</h2>
      <p>
        Papers rank by the attention they gain — upvotes, comments, stars, and this site's own upvotes, saves,
        readers and digest clicks — divided by their age.{' '}
        <a href="/about/trending">The formula, its constants and what does not count</a>.
      </p>
      <h2 id="reuse">Taking the data elsewhere</h2>
      <ul>
        <li>
          Every list has feeds (Atom, RSS and JSON Feed): the trending list, each category (for example{' '}
          <a href="/c/cs.LG/feed.atom">cs.LG</a>), each author, and any search — follow a search from its
          results page.
        </li>
        <li>
          The <a href="/api">JSON API</a> lists, filters and pages through papers, categories and authors, and
          exports any list as JSON lines or CSV (<code>format=jsonl</code> or <code>format=csv</code>).
        </li>
        <li>
          AI agents can query the same data through the Model Context Protocol:{' '}
          <code>npx paperpulse mcp</code> offers the tools <code>search_papers</code>,{' '}
          <code>trending_papers</code>, <code>get_paper</code> and <code>similar_papers</code>.
        </li>
      </ul>
      <h2 id="sources">Data sources and licences</h2>
      <dl class="facts">
        <dt>Paper metadata</dt>
        <dd>
          Titles, authors, abstracts, categories, dates and comments come from{' '}
          <a href="https://arxiv.org">arXiv</a>, whose metadata is dedicated to the public domain (CC0 1.0).
          paperpulse stores no full texts: the PDF and abstract links lead to arXiv, and each paper is under
          the licence its authors chose there.
        </dd>
        <dt>Upvotes and comments</dt>
        <dd>
          Counts from <a href="https://huggingface.co/papers">Hugging Face daily papers</a>, read through its
          public API; their use is subject to Hugging Face's terms.
        </dd>
        <dt>Code and stars</dt>
        <dd>
          Repository links from paper abstracts and comments, from Hugging Face and from Papers with Code (CC
          BY-SA 4.0); star counts from the public <a href="https://docs.github.com/en/rest">GitHub API</a>,
          subject to GitHub's terms.
        </dd>
        <dt>This site's own signals</dt>
        <dd>
          Upvotes, saves, page views and digest clicks of this instance's readers, counted here and shared
          with no one.
        </dd>
        <dt>Software</dt>
        <dd>
          paperpulse is MIT-licensed. Mathematics in titles and abstracts is rendered to MathML by KaTeX (MIT)
          on the server, so pages need no scripts or web fonts.
        </dd>
      </dl>
      <p class="note">
        Thank you to arXiv for use of its open access interoperability. paperpulse is not affiliated with
        arXiv, Hugging Face or GitHub.
      </p>
    </Layout>,
  );
}
