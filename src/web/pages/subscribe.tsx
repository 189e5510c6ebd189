// POST /subscribe — email digests are not built yet; this page says so and stores nothing.
import type { Context } from 'hono';
import type { AppEnv } from '../env.js';
import { Layout } from '../views/layout.js';

/** Answers the subscribe form honestly: no address is kept until digests exist. */
export function subscribePage(c: Context<AppEnv>) {
  return c.html(
    <Layout title="Daily digest — paperpulse" demo={c.var.demo}>
      <h1>Daily digests are coming soon</h1>
      <p>
        This release of paperpulse does not send email yet, so <strong>you have not been subscribed</strong>{' '}
        and the address you typed was not stored.
      </p>
      <p>
        When digests arrive you will confirm your address from a link we email you, choose your fields and
        your hour, and be able to leave with one click.
      </p>
      <p>
        <a href="/">Back to trending papers</a>
      </p>
    </Layout>,
  );
}
