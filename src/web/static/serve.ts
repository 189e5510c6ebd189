// GET /static/app.<hash>.css — the stylesheet, cacheable for a year because its name changes with its content.
import type { Context } from 'hono';
import { css, cssHash } from './styles.js';
import { script, scriptHash } from './script.js';

/** Serves the stylesheet and the script under their hashed names; anything else under /static is a 404. */
export function stylesheet(c: Context) {
  if (c.req.param('file') === `pp.${scriptHash}.js`) {
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    return c.body(script, 200, { 'Content-Type': 'text/javascript; charset=utf-8' });
  }
  if (c.req.param('file') !== `app.${cssHash}.css`) return c.text('Not found', 404);
  c.header('Cache-Control', 'public, max-age=31536000, immutable');
  return c.body(css, 200, { 'Content-Type': 'text/css; charset=utf-8' });
}
