// The "daily email" box shown above the trending list.

/** The subscribe form; it posts to /subscribe, which says honestly what happens (see pages/subscribe.tsx). */
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
        <button type="submit">Subscribe</button>
      </form>
      <p class="fine">
        Daily digests arrive in the next release of paperpulse; until then nothing you type here is stored.
      </p>
    </section>
  );
}
