// A small server-rendered SVG sparkline of a paper's signals: no script, no style attribute (strict CSP); SVG
// presentation attributes only. Each line is scaled to its own range, so stars and upvotes share one box.
import type { SignalKind } from '../../model/paper.js';
import type { Observation } from '../../store/trending-store.js';
import { gainOptions } from '../../rank/gains.js';
import { valueAt, type Snapshot } from '../../rank/velocity.js';
import { compactNumber, signalLabels } from '../../rank/explain.js';

const DAY = 86_400_000;
const W = 120;
const H = 28;
const SAMPLES = 30;

export interface SparkLine {
  kind: SignalKind;
  /** SVG polyline points ("x,y x,y …"). */
  points: string;
  first: number;
  last: number;
}

/**
 * The lines of a sparkline over [from, to] (ms): up to two signal kinds with the largest rise, sampled evenly
 * with the same interpolation the score uses. Pure.
 */
export function sparkLines(obs: Observation[], listedAt: number, from: number, to: number): SparkLine[] {
  const byKind = new Map<SignalKind, Snapshot[]>();
  for (const o of obs) {
    const list = byKind.get(o.kind) ?? [];
    list.push({ t: Date.parse(o.observedAt), v: o.value });
    byKind.set(o.kind, list);
  }
  const lines: (SparkLine & { rise: number })[] = [];
  for (const [kind, snaps] of byKind) {
    snaps.sort((a, b) => a.t - b.t);
    const opts = gainOptions(kind, listedAt);
    const values = Array.from({ length: SAMPLES }, (_, i) =>
      valueAt(snaps, from + ((to - from) * i) / (SAMPLES - 1), opts),
    );
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    const points = values
      .map((v, i) => {
        const x = (W * i) / (SAMPLES - 1);
        // A flat series sits on the baseline; margins of 2 keep the stroke inside the box.
        const y = hi > lo ? H - 2 - ((H - 4) * (v - lo)) / (hi - lo) : H - 2;
        return `${x.toFixed(1)},${y.toFixed(1)}`;
      })
      .join(' ');
    lines.push({ kind, points, first: values[0]!, last: values[SAMPLES - 1]!, rise: (hi - lo) / (hi || 1) });
  }
  return lines
    .sort((a, b) => b.rise - a.rise || b.last - a.last)
    .slice(0, 2)
    .map(({ kind, points, first, last }) => ({ kind, points, first, last }));
}

/** The sparkline of one paper's signals over the last `days` days up to `asOf` (ISO). */
export function Sparkline({
  observations,
  firstSeen,
  asOf,
  days = 30,
}: {
  observations: Observation[];
  firstSeen: string;
  asOf: string;
  days?: number;
}) {
  const to = Date.parse(asOf);
  const listedAt = Date.parse(`${firstSeen}T00:00:00Z`);
  // A young paper's line starts at its listing (at least two days back), not in an empty month.
  const from = Math.max(to - days * DAY, Math.min(listedAt, to - 2 * DAY));
  const lines = sparkLines(observations, listedAt, from, to);
  // Flat lines say nothing the words do not ("no new reactions lately") and read as an underline.
  if (lines.every((l) => l.first === l.last)) return null;
  const span = Math.max(1, Math.round((to - from) / DAY));
  const label = `${lines
    .map((l) => `${signalLabels[l.kind]} ${compactNumber(l.first)} → ${compactNumber(l.last)}`)
    .join(', ')} over ${span} days`;
  return (
    <svg class="spark" width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
      <title>{label}</title>
      {lines.map((l, i) => (
        <polyline
          points={l.points}
          fill="none"
          stroke="currentColor"
          stroke-width="1.5"
          stroke-linejoin="round"
          {...(i > 0 ? { 'stroke-dasharray': '3 2', opacity: '0.6' } : {})}
        />
      ))}
    </svg>
  );
}
