// GET /about/trending — the trending formula in plain words, with the constants this server ranks with.
import type { Context } from 'hono';
import type { AppEnv } from '../env.js';
import type { SignalKind } from '../../model/paper.js';
import { signalLabels } from '../../rank/explain.js';
import { HF_FRESH_DAYS } from '../../rank/gains.js';
import { Layout } from '../views/layout.js';

const order: SignalKind[] = [
  'hf_upvotes',
  'hf_comments',
  'github_stars',
  'pp_upvotes',
  'pp_saves',
  'pp_clicks',
  'pp_views',
];

/** The page; every number on it is read from the constants the server ranks with (config overrides included). */
export function aboutTrendingPage(c: Context<AppEnv>) {
  const t = c.var.trending.constants;
  const log = (k: SignalKind) => t.logKinds.includes(k);
  return c.html(
    <Layout title="How trending works — paperpulse" section="about" demo={c.var.demo}>
      <h1>How the trending score works</h1>
      <p>
        paperpulse ranks papers by the attention they are <em>gaining</em>, not by the totals they once
        reached. It keeps every signal as a time series — Hugging Face upvotes and comments and GitHub stars
        as polled, and this site's own upvotes, saves, page readers and digest clicks as running totals — and
        reads the gain of each over a window, interpolating between observations.
      </p>
      <h2>Points</h2>
      <p>Each signal gained is worth points:</p>
      <table class="formula">
        <thead>
          <tr>
            <th scope="col">signal</th>
            <th scope="col">points</th>
          </tr>
        </thead>
        <tbody>
          {order.map((k) => (
            <tr>
              <td>{signalLabels[k]}</td>
              <td>
                {log(k)
                  ? `${t.weights[k]} for every tenfold gained (10 → ${t.weights[k]}, 100 → ${2 * t.weights[k]}, 1,000 → ${3 * t.weights[k]})`
                  : `${t.weights[k]} each`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        Stars count logarithmically because they are heavy-tailed: a famous repository must not bury a new
        paper that readers are upvoting. A paper younger than {t.priorDays} days also gets {t.prior} point, so
        brand-new papers can surface before anyone has reacted.
      </p>
      <h2>The views</h2>
      <ul>
        <li>
          <strong>Trending</strong>: points from the gains of the last {t.trailingDays} days, divided by the
          paper's age:{' '}
          <code>
            points / (age in days + {t.offsetDays})^{t.gravity}
          </code>
          . A paper needs about {Math.pow((7 + 1 + t.offsetDays) / (1 + t.offsetDays), t.gravity).toFixed(1)}{' '}
          times the points of one listed a week later to rank level with it. Gains made before those{' '}
          {t.trailingDays} days still count, at {t.pastWeight} of their points: attention fades with age
          rather than vanishing after a week.
        </li>
        <li>
          <strong>Today, This week, This month</strong>: papers first listed on those calendar days (in your
          time zone when you pass <code>tz</code>, otherwise UTC), ranked by the points they gained since
          listing.
        </li>
        <li>
          <strong>All time</strong>: papers ranked by the points of their latest totals.
        </li>
      </ul>
      <h2>What does not count</h2>
      <ul>
        <li>
          A repository seen for the first time is not a sudden gain: it may have earned its stars years ago.
          Its stars count from the second observation on (and in the all-time totals).
        </li>
        <li>
          Hugging Face counts start at zero when a paper is featured there, which happens within days of its
          listing; a paper first seen there more than {HF_FRESH_DAYS} days after listing has its count treated
          as already reached.
        </li>
        <li>Counts that drop (unstarred repositories) never count as negative attention.</li>
        <li>
          Page readers are counted once per visitor per paper per day. No address is stored: a visitor is a
          keyed hash of the day, address and browser, which cannot be reversed or linked across days. Robots
          are not counted.
        </li>
      </ul>
      <h2>When data is stale</h2>
      <p>
        Scores are recomputed every few minutes. When nothing new has arrived for a window (for example on
        demo data), the lists show the latest days that have data and say so.
      </p>
      <p>
        The same numbers are in every entry of the <a href="/api">JSON API</a> (<code>score.parts</code>), and
        the choice of constants is measured by replaying real Hugging Face daily papers; see the project's
        architecture notes.
      </p>
    </Layout>,
  );
}
