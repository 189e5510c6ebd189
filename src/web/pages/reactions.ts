// POST /reactions — a signed-in reader upvotes or saves a paper (or takes it back). A plain form post is
// redirected back to the page it came from; the site script asks for JSON and updates the button in place.
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import { parseArxivId } from '../../model/ids.js';
import { validCsrf } from '../session.js';
import { reactionLabel } from '../views/reactions.js';
import { noMailPage } from './account-page.js';

const form = z.object({
  paper: z.string().max(64),
  kind: z.enum(['upvote', 'save']),
  on: z.enum(['0', '1']),
  // Only a path on this site (never "//host" or a scheme): the redirect cannot leave the site.
  back: z
    .string()
    .regex(/^\/(?![/\\])[^\s]*$/)
    .max(2000)
    .optional()
    .catch(undefined),
});

/** Sets or clears one reaction; answers JSON to the script, a 303 back to anyone else. */
export async function react(c: Context<AppEnv>) {
  if (!c.var.accounts) return noMailPage(c);
  const wantsJson = (c.req.header('accept') ?? '').includes('application/json');
  const reader = c.var.reader;
  const body = await c.req.parseBody();
  if (!reader) {
    return wantsJson
      ? c.json({ error: { code: 'sign_in', message: 'Sign in to upvote or save papers.' } }, 401)
      : c.redirect('/signin', 303);
  }
  if (!validCsrf(reader, body.csrf)) {
    return wantsJson
      ? c.json(
          { error: { code: 'csrf', message: 'This page is out of date: reload it and try again.' } },
          403,
        )
      : c.redirect('/account', 303);
  }
  const parsed = form.safeParse(body);
  const id = parsed.success ? parseArxivId(parsed.data.paper)?.id : undefined;
  if (!parsed.success || !id)
    return c.json({ error: { code: 'invalid_body', message: 'Unknown paper or reaction.' } }, 400);
  const on = parsed.data.on === '1';
  const result = await c.var.store.setReaction(
    reader.subscriber.id,
    id,
    parsed.data.kind,
    on,
    c.var.accounts.now(),
  );
  if (!result) return c.json({ error: { code: 'not_found', message: `No paper ${id}.` } }, 404);
  c.header('Cache-Control', 'private, no-store');
  if (wantsJson) {
    return c.json({
      paper: id,
      kind: parsed.data.kind,
      on,
      count: result.count,
      label: reactionLabel(parsed.data.kind, on),
    });
  }
  return c.redirect(parsed.data.back ?? `/papers/${id}`, 303);
}
