// Subscriber flows through HTTP (app.request) with a real SMTP server and mailparser: double opt-in, no
// enumeration, honeypot, rate limits and throttles, link tokens, magic sign-in, the account page, export and
// delete, one-click unsubscribe, reactions and the bounce webhook.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, PUBLIC_URL, accountsApp, linkIn, type AccountsApp } from '../../test/helpers/accounts.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signBounceCall } from '../mail/bounce-webhook.js';
import { LINK_TTL_SECONDS } from '../mail/links.js';

let t: AccountsApp;
beforeAll(async () => {
  t = await accountsApp();
});
afterAll(() => t?.cleanup());

/** Waits for background mail, then returns the messages received for `to` since `from`. */
async function mailTo(to: string, from = 0) {
  await t.accounts.idle();
  return t.smtp.received.slice(from).filter((m) => m.to && 'text' in m.to && m.to.text === to);
}

/** Subscribes and confirms `email` through the pages; returns the signed-in client. */
async function subscribed(email: string): Promise<Client> {
  const client = new Client(t.app);
  const before = t.smtp.received.length;
  await client.post('/subscribe', { email, website: '' });
  const [mail] = await mailTo(email, before);
  const res = await client.post(linkIn(mail!, '/subscribe/confirm/'), {});
  expect(res.status).toBe(303);
  return client;
}

describe('subscribe and confirm (double opt-in)', () => {
  it('mails a signed confirmation link; GET only shows a button, POST confirms and signs in', async () => {
    const client = new Client(t.app);
    const form = await client.get('/subscribe');
    expect(form.status).toBe(200);
    expect(form.headers.get('cache-control')).toBe('private, no-store');
    const html = await form.text();
    expect(html).toMatch(/<script src="\/static\/pp\.[0-9a-f]+\.js" defer="?"?/);
    expect(html).toContain('data-from-browser="1"');
    expect(html).toContain('value="UTC"');

    const before = t.smtp.received.length;
    const res = await client.post('/subscribe', {
      email: ' Ada@Example.org ',
      categories: 'cs.LG, cs.CL',
      keywords: 'kv cache, diffusion',
      authors: 'Lovelace, Ada; Alan Turing',
      frequency: 'weekly',
      weekday: '3',
      sendHour: '7',
      timeZone: 'Europe/Berlin',
      maxPapers: '5',
      full: '1',
      arxivCalendar: '1',
      website: '',
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Check your inbox');

    const [mail, ...more] = await mailTo('ada@example.org', before);
    expect(more).toEqual([]);
    expect(mail!.subject).toBe('Confirm your paperpulse digest');
    expect(mail!.from?.value).toEqual([{ name: 'paperpulse', address: 'digest@paperpulse.test' }]);
    expect(mail!.text).toContain(
      'weekly on Wednesday at 07:00 (Europe/Berlin), up to 5 papers, in cs.LG, cs.CL',
    );
    const path = linkIn(mail!, '/subscribe/confirm/');
    expect(mail!.html).toContain(`href="${PUBLIC_URL}${path}"`);

    const s = (await t.store.subscriberByEmail('ada@example.org'))!;
    expect(s.status).toBe('pending');
    expect(s.preferences).toMatchObject({
      categories: ['cs.LG', 'cs.CL'],
      keywords: ['kv cache', 'diffusion'],
      authors: ['Lovelace, Ada', 'Alan Turing'],
      frequency: 'weekly',
      weekday: 3,
      sendHour: 7,
      timeZone: 'Europe/Berlin',
      maxPapers: 5,
      skipEmpty: false,
      arxivCalendar: true,
    });

    // A mail scanner fetching the link changes nothing.
    const look = await client.get(path);
    expect(look.status).toBe(200);
    expect(await look.text()).toContain('Confirm my subscription</button>');
    expect((await t.store.subscriberById(s.id))!.status).toBe('pending');
    expect(client.cookies.size).toBe(0);

    const confirm = await client.post(path, {});
    expect(confirm.status).toBe(303);
    expect(confirm.headers.get('location')).toBe('/account?confirmed=1');
    const cookie = confirm.headers.getSetCookie().join('\n');
    expect(cookie).toMatch(/pp_session=v1\.[^;]+; Max-Age=2592000; Path=\/; HttpOnly; SameSite=Lax/);
    expect(cookie).not.toContain('Secure');
    expect((await t.store.subscriberById(s.id))!).toMatchObject({ status: 'active' });

    const account = await client.get('/account?confirmed=1');
    expect(account.headers.get('cache-control')).toBe('private, no-store');
    const page = await account.text();
    expect(page).toContain('Your subscription is confirmed');
    expect(page).toContain('Signed in as <strong>ada@example.org</strong>');

    // The link works once.
    const again = await new Client(t.app).post(path, {});
    expect(again.status).toBe(400);
  });

  it('a form with errors comes back with messages and the values typed, and stores nothing', async () => {
    const client = new Client(t.app);
    const res = await client.post('/subscribe', {
      email: 'not-an-address',
      timeZone: 'Mars/Olympus',
      maxPapers: '500',
      full: '1',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('this does not look like an email address');
    expect(html).toContain('an IANA time zone such as Europe/Berlin');
    expect(html).toContain('value="not-an-address"');
    expect(await t.store.subscriberByEmail('not-an-address')).toBeUndefined();
  });

  it('the front-page box subscribes with defaults and the time zone the script filled in', async () => {
    const before = t.smtp.received.length;
    const res = await new Client(t.app).post('/subscribe', {
      email: 'box@example.org',
      timeZone: 'America/Chicago',
      website: '',
    });
    expect(res.status).toBe(200);
    expect(await mailTo('box@example.org', before)).toHaveLength(1);
    expect((await t.store.subscriberByEmail('box@example.org'))!.preferences).toMatchObject({
      timeZone: 'America/Chicago',
      skipEmpty: true,
      frequency: 'daily',
    });
  });
});

describe('no enumeration', () => {
  it('answers new, pending, subscribed and suppressed addresses identically; only the mail differs', async () => {
    await subscribed('active@example.org');
    await new Client(t.app).post('/subscribe', { email: 'pending@example.org' });
    await t.accounts.idle();
    await subscribed('gone@example.org');
    await t.store.recordBounce('gone@example.org', 'hard', 3, new Date(t.clock.now));
    // Past the per-address throttle, so each address could be mailed again.
    t.clock.now += 10 * 60_000;

    const answers = [];
    const before = t.smtp.received.length;
    for (const email of [
      'new@example.org',
      'pending@example.org',
      'active@example.org',
      'gone@example.org',
    ]) {
      const started = performance.now();
      const res = await new Client(t.app).post('/subscribe', { email });
      const ms = performance.now() - started;
      // Date and the rate limiter's running count differ between any two requests, whatever the address.
      const headers: Record<string, string> = {};
      res.headers.forEach((v, k) => {
        if (k !== 'date' && !k.startsWith('ratelimit-')) headers[k] = v;
      });
      answers.push({ status: res.status, headers, body: await res.text(), ms });
      const api = await t.app.request('/api/subscriptions', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email }),
      });
      answers.push({ status: api.status, headers: {}, body: await api.text(), ms: 0 });
    }
    const forms = answers.filter((_, i) => i % 2 === 0);
    const apis = answers.filter((_, i) => i % 2 === 1);
    for (const a of forms) expect({ ...a, ms: 0 }).toEqual({ ...forms[0], ms: 0 });
    for (const a of apis) expect(a).toEqual(apis[0]);
    expect(apis[0]!.status).toBe(202);
    // Mail goes out after the answer: no answer waits for SMTP (which takes several ms a message here).
    for (const a of forms) expect(a.ms).toBeLessThan(250);

    await t.accounts.idle();
    const received = t.smtp.received.slice(before);
    const subjects = (to: string) =>
      received.filter((m) => m.to && 'text' in m.to && m.to.text === to).map((m) => m.subject);
    expect(subjects('new@example.org')).toEqual(['Confirm your paperpulse digest']);
    expect(subjects('pending@example.org')).toEqual(['Confirm your paperpulse digest']);
    expect(subjects('active@example.org')).toEqual(['You are already subscribed to paperpulse']);
    expect(subjects('gone@example.org')).toEqual([]);
    // The subscribed address's preferences were not touched by a stranger's request.
    expect((await t.store.subscriberByEmail('active@example.org'))!.status).toBe('active');
  });

  it('the "already subscribed" mail carries a sign-in link instead of changing anything', async () => {
    t.clock.now += 10 * 60_000;
    const before = t.smtp.received.length;
    await new Client(t.app).post('/subscribe', { email: 'active@example.org', keywords: 'spam', full: '1' });
    const [mail] = await mailTo('active@example.org', before);
    const client = new Client(t.app);
    expect((await client.post(linkIn(mail!, '/signin/'), {})).status).toBe(303);
    expect(await (await client.get('/account')).text()).toContain('active@example.org');
    expect((await t.store.subscriberByEmail('active@example.org'))!.preferences.keywords).toEqual([]);
  });
});

describe('abuse controls', () => {
  it('a filled honeypot gets the same answer, and nothing is stored or sent', async () => {
    const before = t.smtp.received.length;
    const res = await new Client(t.app).post('/subscribe', {
      email: 'bot@example.org',
      website: 'http://spam',
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Check your inbox');
    await t.accounts.idle();
    expect(t.smtp.received.length).toBe(before);
    expect(await t.store.subscriberByEmail('bot@example.org')).toBeUndefined();
  });

  it('mails one link per address per interval, however many requests arrive', async () => {
    const before = t.smtp.received.length;
    for (let i = 0; i < 5; i++) await new Client(t.app).post('/subscribe', { email: 'often@example.org' });
    await Promise.all(
      Array.from({ length: 5 }, () => new Client(t.app).post('/signin', { email: 'often@example.org' })),
    );
    expect(await mailTo('often@example.org', before)).toHaveLength(1);
    t.clock.now += 5 * 60_000 + 1000;
    await new Client(t.app).post('/subscribe', { email: 'often@example.org' });
    expect(await mailTo('often@example.org', before)).toHaveLength(2);
  });

  it('limits subscribe and sign-in requests per client address (HTML for pages, JSON for the API)', async () => {
    const limited = await accountsApp({ requestLimit: { limit: 3, windowSeconds: 600 } });
    try {
      const c = new Client(limited.app);
      expect((await c.post('/subscribe', { email: 'a@example.org' })).status).toBe(200);
      expect((await c.post('/signin', { email: 'a@example.org' })).status).toBe(200);
      expect((await c.post('/subscribe', { email: 'b@example.org' })).status).toBe(200);
      const page = await c.post('/signin', { email: 'c@example.org' });
      expect(page.status).toBe(429);
      expect(Number(page.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(await page.text()).toContain('Too many requests');
      const api = await limited.app.request('/api/subscriptions', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'd@example.org' }),
      });
      expect(api.status).toBe(429);
      expect(await api.json()).toMatchObject({ error: { code: 'rate_limited' } });
      // Reading pages is not limited.
      expect((await c.get('/subscribe')).status).toBe(200);
      await limited.accounts.idle();
      expect(await limited.store.subscriberByEmail('d@example.org')).toBeUndefined();
    } finally {
      await limited.cleanup();
    }
  });

  it('refuses form posts from other sites, and posts without Origin or Sec-Fetch-Site', async () => {
    const c = new Client(t.app);
    expect(
      (await c.post('/subscribe', { email: 'x@example.org' }, { Origin: 'https://evil.example' })).status,
    ).toBe(403);
    const bare = await t.app.request('/subscribe', {
      method: 'POST',
      body: new URLSearchParams({ email: 'x@example.org' }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(bare.status).toBe(403);
    // Sec-Fetch-Site: same-origin is accepted without Origin (what browsers send on their own forms).
    const fetchSite = await t.app.request('/signin', {
      method: 'POST',
      body: new URLSearchParams({ email: 'x@example.org' }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Sec-Fetch-Site': 'same-origin' },
    });
    expect(fetchSite.status).toBe(200);
  });
});

describe('link tokens', () => {
  it('refuses expired, tampered, wrong-purpose and reused links with one neutral page', async () => {
    t.clock.now += 10 * 60_000;
    const before = t.smtp.received.length;
    await new Client(t.app).post('/subscribe', { email: 'late@example.org' });
    const [mail] = await mailTo('late@example.org', before);
    const path = linkIn(mail!, '/subscribe/confirm/');
    const tampered = path.slice(0, -3) + (path.endsWith('AAA') ? 'BBB' : 'AAA');
    for (const p of [tampered, '/subscribe/confirm/v1.e30.AAAA', '/subscribe/confirm/nonsense']) {
      const res = await new Client(t.app).post(p, {});
      expect(res.status, p).toBe(400);
      expect(await res.text()).toContain('This link does not work any more');
    }
    // A sign-in link is not a confirmation link.
    const signInPath = t.accounts.mail.links.signIn(1).slice(PUBLIC_URL.length);
    const token = signInPath.split('/').pop()!;
    expect((await new Client(t.app).post(`/subscribe/confirm/${token}`, {})).status).toBe(400);

    t.clock.now += (LINK_TTL_SECONDS.confirm + 60) * 1000;
    expect((await new Client(t.app).get(path)).status).toBe(400);
    expect((await new Client(t.app).post(path, {})).status).toBe(400);
    expect((await t.store.subscriberByEmail('late@example.org'))!.status).toBe('pending');
  });
});

describe('magic sign-in', () => {
  it('answers every address alike, mails known ones a single-use link, and signs in on POST only', async () => {
    await subscribed('reader@example.org');
    t.clock.now += 10 * 60_000;
    const before = t.smtp.received.length;
    const known = await new Client(t.app).post('/signin', { email: 'reader@example.org' });
    const unknown = await new Client(t.app).post('/signin', { email: 'nobody@example.org' });
    expect(await known.text()).toBe(await unknown.text());
    expect(await mailTo('nobody@example.org', before)).toEqual([]);
    const [mail] = await mailTo('reader@example.org', before);
    expect(mail!.subject).toBe('Your paperpulse sign-in link');
    const path = linkIn(mail!, '/signin/');

    const browser = new Client(t.app);
    const look = await browser.get(path);
    expect(look.status).toBe(200);
    expect(look.headers.getSetCookie()).toEqual([]);
    const signIn = await browser.post(path, {});
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get('location')).toBe('/account');
    expect(await (await browser.get('/account')).text()).toContain('reader@example.org');

    // Single use: a second press (or a prefetcher that posts) gets nothing.
    const second = new Client(t.app);
    expect((await second.post(path, {})).status).toBe(400);
    expect(second.cookies.size).toBe(0);

    // Expired after 30 minutes.
    t.clock.now += 10 * 60_000;
    await new Client(t.app).post('/signin', { email: 'reader@example.org' });
    const [later] = await mailTo('reader@example.org', before + 1);
    t.clock.now += 31 * 60_000;
    expect((await new Client(t.app).post(linkIn(later!, '/signin/'), {})).status).toBe(400);
  });

  it('a tampered or foreign session cookie is ignored and removed', async () => {
    const client = await subscribed('cookie@example.org');
    const good = client.cookies.get('pp_session')!;
    client.cookies.set('pp_session', good.slice(0, -2) + 'xx');
    const res = await client.get('/account');
    expect(await res.text()).toContain('Email me a sign-in link');
    expect(res.headers.getSetCookie().join()).toMatch(/pp_session=; Max-Age=0/);
    expect(client.cookies.has('pp_session')).toBe(false);
  });
});

describe('the account page', () => {
  it('changes preferences, pauses and resumes, and needs the CSRF token for every form', async () => {
    const client = await subscribed('manage@example.org');
    const page = await (await client.get('/account')).text();
    const csrf = Client.csrfOf(page);

    const noToken = await client.post('/account/status', { action: 'pause' });
    expect(noToken.status).toBe(403);
    const wrongToken = await client.post('/account/status', {
      action: 'pause',
      csrf: csrf.replace(/.$/, 'x'),
    });
    expect(wrongToken.status).toBe(403);
    expect((await t.store.subscriberByEmail('manage@example.org'))!.status).toBe('active');

    const bad = await client.post('/account/preferences', { csrf, full: '1', timeZone: 'Nowhere/Else' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Some preferences were not saved');

    const saved = await client.post('/account/preferences', {
      csrf,
      full: '1',
      categories: 'cs.RO',
      frequency: 'daily',
      sendHour: '18',
      timeZone: 'Asia/Tokyo',
      maxPapers: '20',
      skipEmpty: '1',
    });
    expect(saved.status).toBe(303);
    expect((await t.store.subscriberByEmail('manage@example.org'))!.preferences).toMatchObject({
      categories: ['cs.RO'],
      sendHour: 18,
      timeZone: 'Asia/Tokyo',
      maxPapers: 20,
      skipEmpty: true,
      arxivCalendar: false,
    });
    expect(await (await client.get('/account?done=saved')).text()).toContain('Your preferences are saved.');

    expect((await client.post('/account/status', { action: 'pause', csrf })).headers.get('location')).toBe(
      '/account?done=paused',
    );
    expect((await t.store.subscriberByEmail('manage@example.org'))!.status).toBe('paused');
    await client.post('/account/status', { action: 'resume', csrf });
    expect((await t.store.subscriberByEmail('manage@example.org'))!.status).toBe('active');
    await client.post('/account/status', { action: 'unsubscribe', csrf });
    expect((await t.store.subscriberByEmail('manage@example.org'))!.status).toBe('unsubscribed');
    // Coming back from the account page: signed in through the address, and asking explicitly.
    await client.post('/account/status', { action: 'start', csrf });
    expect((await t.store.subscriberByEmail('manage@example.org'))!.status).toBe('active');
  });

  it('signs out here, or everywhere (old cookies stop working)', async () => {
    const laptop = await subscribed('devices@example.org');
    const phone = new Client(t.app);
    phone.cookies.set('pp_session', laptop.cookies.get('pp_session')!);
    const csrf = Client.csrfOf(await (await laptop.get('/account')).text());
    const out = await laptop.post('/account/signout-all', { csrf });
    expect(out.status).toBe(303);
    expect(laptop.cookies.has('pp_session')).toBe(false);
    expect(await (await phone.get('/account')).text()).toContain('Email me a sign-in link');

    const again = await subscribedAgain('devices@example.org');
    const token = Client.csrfOf(await (await again.get('/account')).text());
    await again.post('/signout', { csrf: token });
    expect(again.cookies.has('pp_session')).toBe(false);
  });

  it('exports everything kept as JSON, then deletes it all after a confirm step', async () => {
    const client = await subscribed('leaving@example.org');
    const html = await (await client.get('/papers/2509.22186')).text();
    const csrf = Client.csrfOf(html);
    await client.post('/reactions', { csrf, paper: '2509.22186', kind: 'save', on: '1' });
    await client.post('/reactions', { csrf, paper: '2509.22186', kind: 'upvote', on: '1' });

    const account = await (await client.get('/account')).text();
    expect(account).toMatch(/<a href="\/papers\/2509\.22186">/);
    const exported = await client.get('/account/export');
    expect(exported.headers.get('content-disposition')).toContain('attachment');
    expect(exported.headers.get('cache-control')).toBe('private, no-store');
    const data = (await exported.json()) as Record<string, unknown>;
    expect(data).toMatchObject({
      subscriber: { email: 'leaving@example.org', status: 'active' },
      preferences: { frequency: 'daily' },
      reactions: { upvotes: [{ paperId: '2509.22186' }], saves: [{ paperId: '2509.22186' }] },
      digests: [],
    });
    expect(await new Client(t.app).get('/account/export')).toMatchObject({ status: 303 });

    const confirmPage = await (await client.get('/account/delete')).text();
    expect(confirmPage).toContain('Delete everything');
    const id = (await t.store.subscriberByEmail('leaving@example.org'))!.id;
    const res = await client.post('/account/delete', { csrf: Client.csrfOf(confirmPage) });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Your account is deleted');
    expect(await t.store.subscriberById(id)).toBeUndefined();
    expect(await t.store.reactionsOf(id, ['2509.22186'])).toEqual([]);
    expect(client.cookies.has('pp_session')).toBe(false);
  });
});

/** Signs in again by email (after signing out everywhere). */
async function subscribedAgain(email: string): Promise<Client> {
  t.clock.now += 10 * 60_000;
  const before = t.smtp.received.length;
  await new Client(t.app).post('/signin', { email });
  const [mail] = await mailTo(email, before);
  const client = new Client(t.app);
  await client.post(linkIn(mail!, '/signin/'), {});
  return client;
}

describe('one-click unsubscribe', () => {
  it('works as a cross-origin POST with no session (RFC 8058), at once; GET only asks', async () => {
    await subscribed('oneclick@example.org');
    const s = (await t.store.subscriberByEmail('oneclick@example.org'))!;
    const path = t.accounts.mail.links.unsubscribe(s.id).slice(PUBLIC_URL.length);

    const look = await t.app.request(path);
    expect(look.status).toBe(200);
    expect(await look.text()).toContain('oneclick@example.org');
    expect((await t.store.subscriberById(s.id))!.status).toBe('active');

    for (const origin of [undefined, 'https://mail.provider.example']) {
      const res = await t.app.request(path, {
        method: 'POST',
        body: 'List-Unsubscribe=One-Click',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          ...(origin ? { Origin: origin } : {}),
        },
      });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('Unsubscribed.');
    }
    expect((await t.store.subscriberById(s.id))!.status).toBe('unsubscribed');
    expect(await (await t.app.request(path)).text()).toContain('You are unsubscribed');

    const forged = await t.app.request(path.replace(/.{4}$/, 'AAAA'), {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(forged.status).toBe(400);
    // The exemption is this route only: other form posts still need the Origin check.
    const other = await t.app.request('/account/status', {
      method: 'POST',
      body: 'action=pause',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: 'https://mail.provider.example',
      },
    });
    expect(other.status).toBe(403);
  });
});

describe('upvote and save', () => {
  it('shows signed-in readers their state on paper pages and lists, never from the shared cache', async () => {
    // A paper nobody in this file has reacted to: its pp_upvotes total starts at 0.
    const id = (await t.store.papersChangedSince(0, 1))[0]!.paper.id;
    const anonymous = await t.app.request(`/papers/${id}`);
    expect(anonymous.headers.get('cache-control')).toContain('public');
    expect(await anonymous.text()).not.toContain('form class="react"');

    const client = await subscribed('voter@example.org');
    const page = await client.get(`/papers/${id}`);
    expect(page.headers.get('cache-control')).toBe('private, no-store');
    expect(page.headers.get('x-cache')).toBeNull();
    const html = await page.text();
    expect(html).toContain('▲ Upvote');
    const csrf = Client.csrfOf(html);

    const res = await client.post('/reactions', {
      csrf,
      paper: id,
      kind: 'upvote',
      on: '1',
      back: `/papers/${id}`,
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/papers/${id}`);
    const after = await (await client.get(`/papers/${id}`)).text();
    expect(after).toContain('aria-pressed="true"');
    expect(after).toContain('▲ Upvoted');
    const signals = await t.store.signalsForPaper(id, new Date(Date.now() + 60_000).toISOString());
    expect(signals.pp_upvotes).toBe(1);

    // The script's JSON mode; and the redirect never leaves the site.
    const json = await client.post(
      '/reactions',
      { csrf, paper: id, kind: 'upvote', on: '0', back: '//evil.example/x' },
      { Accept: 'application/json' },
    );
    expect(await json.json()).toMatchObject({ on: false, label: '▲ Upvote', kind: 'upvote' });
    const offsite = await client.post('/reactions', {
      csrf,
      paper: id,
      kind: 'save',
      on: '1',
      back: '//evil.example/x',
    });
    expect(offsite.headers.get('location')).toBe(`/papers/${id}`);

    const list = await (await client.get('/')).text();
    expect(list).toContain('☆ Save');
    // Buttons on every list of cards; each page carries the script once per part that needs it.
    const author = (await t.store.paperById(id))!.authors[0]!;
    const authorPage = await (await client.get(`/authors/${encodeURIComponent(author)}`)).text();
    expect(authorPage).toContain(`name="paper" value="${id}"`);
    expect(authorPage.match(/<script /g)).toHaveLength(1);
    expect((await (await client.get(`/papers/${id}`)).text()).match(/<script /g)).toHaveLength(1);
    // Anonymous readers are sent to sign in.
    const anon = await new Client(t.app).post('/reactions', { paper: id, kind: 'upvote', on: '1' });
    expect(anon.headers.get('location')).toBe('/signin');
  });
});

describe('sessions', () => {
  it('sets Secure cookies on an https site, and leaves static files public for signed-in readers', async () => {
    const secure = await accountsApp({ publicUrl: 'https://papers.example.org' });
    try {
      const client = new Client(secure.app);
      await client.post('/subscribe', { email: 'https@example.org' });
      await secure.accounts.idle();
      const mail = secure.smtp.received.at(-1)!;
      const path = /https:\/\/papers\.example\.org(\/subscribe\/confirm\/\S+)/.exec(mail.text ?? '')![1]!;
      const res = await client.post(path, {});
      expect(res.headers.getSetCookie().join()).toMatch(/pp_session=[^;]+;.*HttpOnly; Secure; SameSite=Lax/);
      const html = await (await client.get('/account')).text();
      const script = /src="(\/static\/pp\.[0-9a-f]+\.js)"/.exec(html)![1]!;
      const js = await client.get(script);
      expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(js.headers.get('content-type')).toContain('text/javascript');
      expect(await js.text()).toContain("classList.contains('react')");
    } finally {
      await secure.cleanup();
    }
  });
});

describe('bounce webhook', () => {
  const call = (body: string, at = Math.floor(t.clock.now / 1000), sign = t.accounts.webhookSecret) =>
    t.app.request('/webhooks/bounces', {
      method: 'POST',
      body,
      headers: {
        'Content-Type': 'application/json',
        [TIMESTAMP_HEADER]: String(at),
        [SIGNATURE_HEADER]: signBounceCall(sign, at, body),
      },
    });

  it('records signed bounces and complaints, refusing bad signatures, stale timestamps and replays', async () => {
    await subscribed('bouncy@example.org');
    await subscribed('angry@example.org');
    const soft = JSON.stringify({ type: 'soft', email: 'bouncy@example.org' });
    expect(await (await call(soft)).json()).toEqual({ recorded: true, suppressed: false });
    // The same call again (a replay within the time window) is refused.
    expect((await call(soft)).status).toBe(409);
    t.clock.now += 1000;
    await call(soft);
    t.clock.now += 1000;
    expect(await (await call(soft)).json()).toEqual({ recorded: true, suppressed: true });
    expect((await t.store.subscriberByEmail('bouncy@example.org'))!.suppressed?.reason).toBe('soft_bounces');

    const complaint = JSON.stringify({ type: 'complaint', email: 'angry@example.org' });
    expect((await call(complaint, undefined, 'another-secret-0123456789')).status).toBe(401);
    expect((await call(complaint, Math.floor(t.clock.now / 1000) - 600)).status).toBe(401);
    const unsigned = await t.app.request('/webhooks/bounces', { method: 'POST', body: complaint });
    expect(await unsigned.json()).toMatchObject({ error: { code: 'missing' } });
    expect((await t.store.subscriberByEmail('angry@example.org'))!.suppressed).toBeNull();
    expect(await (await call(complaint)).json()).toEqual({ recorded: true, suppressed: true });
    expect((await call(JSON.stringify({ type: 'meh', email: 'x@example.org' }))).status).toBe(400);
    expect(
      await (await call(JSON.stringify({ type: 'hard', email: 'stranger@example.org' }))).json(),
    ).toEqual({
      recorded: false,
      suppressed: false,
    });

    // Suppressed addresses are never mailed again, not even a sign-in link.
    t.clock.now += 10 * 60_000;
    const before = t.smtp.received.length;
    await new Client(t.app).post('/signin', { email: 'angry@example.org' });
    await new Client(t.app).post('/subscribe', { email: 'angry@example.org' });
    expect(await mailTo('angry@example.org', before)).toEqual([]);
  });
});

describe('POST /api/subscriptions', () => {
  it('validates JSON, applies preference defaults, and is documented in OpenAPI', async () => {
    const post = (body: string, type = 'application/json') =>
      t.app.request('/api/subscriptions', { method: 'POST', body, headers: { 'Content-Type': type } });
    expect((await post('{"email": "nope"}')).status).toBe(400);
    expect((await post('not json')).status).toBe(400);
    expect((await post('email=a@example.org', 'text/plain')).status).toBe(403);
    const ok = await post(JSON.stringify({ email: 'api@example.org', preferences: { keywords: ['rl'] } }));
    expect(ok.status).toBe(202);
    await t.accounts.idle();
    expect((await t.store.subscriberByEmail('api@example.org'))!.preferences).toMatchObject({
      keywords: ['rl'],
      maxPapers: 10,
    });
    const doc = (await (await t.app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>;
    };
    expect(doc.paths['/api/subscriptions']!.post!.requestBody).toBeDefined();
    expect(Object.keys(doc.paths['/api/subscriptions']!.post!.responses)).toContain('202');
  });
});
