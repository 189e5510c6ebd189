// GET /about — what paperpulse is, how the trending score works, and where the data comes from.
import type { Context } from 'hono';
import type { AppEnv } from '../env.js';
import { TRENDING } from '../../rank/score.js';
import { Layout } from '../views/layout.js';

/** The about page; the formula's constants are read from the code that ranks. */
export function aboutPage(c: Context<AppEnv>) {
  const t = TRENDING;
  return c.html(
    <Layout title="About — paperpulse" section="about" demo={c.var.demo}>
      <h1>About paperpulse</h1>
      <p>
        paperpulse collects new papers from arXiv and the signals people leave on them — upvotes on Hugging
        Face, stars on the paper's code — and ranks what is trending. The formula is public, and every entry
        says why it is there.
      </p>
      <h2 id="trending">How the trending score works</h2>
      <p>Each paper earns points from its latest signals:</p>
      <ul>
        <li>{t.weights.hf_upvotes} point per Hugging Face upvote,</li>
        <li>{t.weights.hf_comments} point per Hugging Face comment,</li>
        <li>
          {t.starsPerDecade} points for every tenfold of GitHub stars (10 stars = {t.starsPerDecade}, 100
          stars = {2 * t.starsPerDecade}, 1,000 stars = {3 * t.starsPerDecade}), so a famous repository cannot
          bury new work,
        </li>
        <li>plus {t.prior} point for every paper, so brand-new papers can surface before anyone reacts.</li>
      </ul>
      <p>
        The score divides the points by the paper's age:{' '}
        <code>
          points / (age in days + {t.offsetDays})^{t.gravity}
        </code>
        , with age counted from the day arXiv first listed the paper. A paper needs about four times the
        points of one listed a week later to rank level with it. The "All time" tab ranks by points alone.
      </p>
      <p>
        "Today", "This week" and "This month" only include papers first listed in those days (UTC). When
        nothing new has arrived for a window — for example on demo data — the page shows the latest days that
        have data, and says so.
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
