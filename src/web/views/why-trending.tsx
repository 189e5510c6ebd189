// The "Why it is trending" part of a paper page: the reasons in words, the score with its parts, and a sparkline
// of the paper's signals over the last 30 days.
import type { Paper } from '../../model/paper.js';
import type { Trending } from '../../rank/trending.js';
import { compactNumber, reasons, signalLabels } from '../../rank/explain.js';
import { Sparkline } from './sparkline.js';

/** Loads what the section shows for `paper` and renders it. */
export async function WhyTrending({ paper, trending }: { paper: Paper; trending: Trending }) {
  const { score, detail, window } = await trending.forPaper(paper);
  const history = await trending.history([paper.id], window.asOf);
  const observations = history.get(paper.id) ?? [];
  const c = trending.constants;
  return (
    <section aria-labelledby="why-trending">
      <h2 id="why-trending">Why it is trending</h2>
      <p class="why">
        {reasons(detail, paper.firstSeen, window).join(' · ')}.{' '}
        {observations.length ? (
          <Sparkline observations={observations} firstSeen={paper.firstSeen} asOf={window.asOf} />
        ) : null}
      </p>
      <p class="note">
        Trending score {score.score.toPrecision(3)} = {score.points.toFixed(1)} points / (
        {(score.ageHours / 24).toFixed(1)} days + {c.offsetDays})<sup>{c.gravity}</sup>
        {score.parts.length || score.prior || score.past ? ', points from ' : ''}
        {[
          ...score.parts.map(
            (p) =>
              `${compactNumber(p.value)} ${signalLabels[p.kind]} gained in ${c.trailingDays} days → ${p.points.toFixed(1)}`,
          ),
          ...(score.past ? [`earlier attention × ${c.pastWeight} → ${score.past.toFixed(1)}`] : []),
          ...(score.prior ? [`new paper → ${score.prior}`] : []),
        ].join(', ')}
        . <a href="/about/trending">How the score works</a>
      </p>
    </section>
  );
}
