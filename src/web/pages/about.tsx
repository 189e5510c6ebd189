// GET /about — what paperpulse is, how the trending score works, and where the data comes from.
import type { Context } from 'hono';
import type { AppEnv } from '../env.js';
import { Layout } from '../views/layout.js';

/** The about page; the formula's constants are read from the code that ranks. */
export function aboutPage(c: Context<AppEnv>) {
  return c.html(
    <Layout title="About — paperpulse" section="about" demo={c.var.demo}>
      <h1>About paperpulse</h1>
      <p>
        paperpulse collects new papers from arXiv and the signals people leave on them — upvotes on Hugging
        Face, stars on the paper's code — and ranks what is trending. The formula is public, and every entry
        says why it is there.
      </p>
      <h2 id="trending">How the trending score works</h2>
      <p>
        Papers rank by the attention they gain — upvotes, comments, stars, and this site's own upvotes, saves,
        readers and digest clicks — divided by their age.{' '}
        <a href="/about/trending">The formula, its constants and what does not count</a>.
      </p>
      <h2>Data sources and licences</h2>
      <ul>
        <li>
          Paper metadata (titles, authors, abstracts, categories): <a href="https://arxiv.org">arXiv</a>, CC0
          1.0.
        </li>
        <li>Upvotes, comments and linked repositories: Hugging Face daily papers.</li>
        <li>Star counts: GitHub.</li>
      </ul>
    </Layout>,
  );
}
