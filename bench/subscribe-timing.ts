// `node --import tsx bench/subscribe-timing.ts`: POST /subscribe latency by address state (new, subscribed,
// suppressed: they must not differ), and what a session costs a paper page (no shared cache, reactions read).
import { accountsApp, Client } from '../test/helpers/accounts.js';

const t = await accountsApp({ linkIntervalSeconds: 0 });
const post = (email: string) => new Client(t.app).post('/subscribe', { email });
const signed = new Client(t.app);
await signed.post('/subscribe', { email: 'active@example.org' });
await t.accounts.idle();
const link = /http:\/\/paperpulse\.test(\/subscribe\/confirm\/\S+)/.exec(t.smtp.received.at(-1)!.text!)![1]!;
await signed.post(link, {});
await t.store.requestSubscription(
  'gone@example.org',
  (await t.store.subscriberByEmail('active@example.org'))!.preferences,
  new Date(),
);
await t.store.recordBounce('gone@example.org', 'hard', 3, new Date());
const times: Record<string, number[]> = { new: [], active: [], suppressed: [] };
for (let i = 0; i < 300; i++) {
  for (const [k, email] of [
    ['new', `n${i}@example.org`],
    ['active', 'active@example.org'],
    ['suppressed', 'gone@example.org'],
  ] as const) {
    const s = performance.now();
    const r = await post(email);
    await r.text();
    times[k]!.push(performance.now() - s);
  }
  if (i % 20 === 0) await t.accounts.idle();
}
await t.accounts.idle();
const q = (a: number[], p: number) =>
  [...a].sort((x, y) => x - y)[Math.floor(p * (a.length - 1))]!.toFixed(2);
for (const [k, a] of Object.entries(times))
  console.log(`POST /subscribe ${k}: p50 ${q(a, 0.5)} ms, p95 ${q(a, 0.95)} ms`);
const paper = (await t.store.papersChangedSince(0, 1))[0]!.paper.id;
const anon: number[] = [],
  sess: number[] = [];
for (let i = 0; i < 200; i++) {
  let s = performance.now();
  await (await t.app.request(`/papers/${paper}`)).text();
  anon.push(performance.now() - s);
  s = performance.now();
  await (await signed.get(`/papers/${paper}`)).text();
  sess.push(performance.now() - s);
}
console.log(
  `GET /papers/:id anonymous (response cache): p50 ${q(anon, 0.5)} ms; signed in (no cache, reactions): p50 ${q(sess, 0.5)} ms, p95 ${q(sess, 0.95)} ms`,
);
await t.cleanup();
