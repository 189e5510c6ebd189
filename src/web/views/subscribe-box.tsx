// The "daily email" box shown above the trending list.
import { scriptPath } from '../static/script.js';

/**
 * A one-field subscribe form posting to /subscribe (default preferences; the site script adds the browser's
 * time zone). The full form with every preference is at GET /subscribe.
 */
export function SubscribeBox() {
  return (
    <section class="subscribe" aria-labelledby="subscribe-title">
      <h2 id="subscribe-title">Get trending papers in your email inbox once a day!</h2>
      <form method="post" action="/subscribe">
        <label class="visually-hidden" for="subscribe-email">
          Email address
        </label>
        <input
          id="subscribe-email"
          type="email"
          name="email"
          required
          autocomplete="email"
          placeholder="you@example.org"
        />
        <input type="hidden" name="timeZone" value="UTC" data-from-browser="1" />
        <div class="hp" aria-hidden="true">
          <label for="subscribe-website">Leave this empty</label>
          <input id="subscribe-website" name="website" tabindex={-1} autocomplete="off" />
        </div>
        <button type="submit">Subscribe</button>
      </form>
      <p class="fine">
        We email you a link to confirm first. <a href="/subscribe">Choose fields, keywords and your hour</a>,
        or <a href="/account">sign in</a> to change them.
      </p>
      <script src={scriptPath} defer />
    </section>
  );
}
