// The 404 page.
import type { Context } from 'hono';
import type { AppEnv } from '../env.js';
import { Layout } from '../views/layout.js';

/** Responds 404 with a page that explains what was not found and where to go. */
export function notFoundPage(c: Context<AppEnv>, message = 'There is no page at this address.') {
  return c.html(
    <Layout title="Not found — paperpulse" demo={c.var.demo}>
      <h1>Not found</h1>
      <p>{message}</p>
      <p>
        <a href="/">See what is trending</a>
      </p>
    </Layout>,
    404,
  );
}
