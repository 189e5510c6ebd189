// Upvote and save buttons for signed-in readers: plain POST forms (they work without JavaScript); the site
// script turns them into in-place toggles.
import type { Context } from 'hono';
import type { AppEnv } from '../env.js';
import type { ReactionKind } from '../../model/subscriber.js';
import { scriptPath } from '../static/script.js';

/** What the buttons need: the reader's CSRF token and which (paper, kind) pairs they have set. */
export interface ReactionState {
  csrf: string;
  on: Set<string>;
  /** This page (path and query): where a plain form post returns to. */
  back: string;
  /** Whether the site script was already put on the page (the first buttons include it). */
  scriptIncluded: boolean;
}

/** Button text for a reaction in a state (shared with the JSON answer the script shows). */
export const reactionLabel = (kind: ReactionKind, on: boolean) =>
  kind === 'upvote' ? (on ? '▲ Upvoted' : '▲ Upvote') : on ? '★ Saved' : '☆ Save';

/** The signed-in reader's reactions to these papers; undefined without a session. */
export async function reactionState(
  c: Context<AppEnv>,
  paperIds: string[],
): Promise<ReactionState | undefined> {
  const reader = c.var.reader;
  if (!reader) return undefined;
  const rows = await c.var.store.reactionsOf(reader.subscriber.id, paperIds);
  const url = new URL(c.req.url);
  return {
    csrf: reader.csrf,
    on: new Set(rows.map((r) => `${r.paperId} ${r.kind}`)),
    back: url.pathname + url.search,
    scriptIncluded: false,
  };
}

/** Upvote and save forms for one paper, showing the reader's state. */
export function ReactionButtons({ paperId, state }: { paperId: string; state: ReactionState }) {
  // The first buttons rendered bring the script that makes them toggle in place (it runs once per page).
  const withScript = !state.scriptIncluded;
  state.scriptIncluded = true;
  return (
    <div class="reactions">
      {withScript ? <script src={scriptPath} defer /> : null}
      {(['upvote', 'save'] as const).map((kind) => {
        const on = state.on.has(`${paperId} ${kind}`);
        return (
          <form class="react" method="post" action="/reactions">
            <input type="hidden" name="csrf" value={state.csrf} />
            <input type="hidden" name="paper" value={paperId} />
            <input type="hidden" name="kind" value={kind} />
            <input type="hidden" name="on" value={on ? '0' : '1'} />
            <input type="hidden" name="back" value={state.back} />
            <button type="submit" aria-pressed={on ? 'true' : 'false'}>
              {reactionLabel(kind, on)}
            </button>
          </form>
        );
      })}
    </div>
  );
}
