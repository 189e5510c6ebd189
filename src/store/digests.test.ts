// The digest part of the store contract, on both backends: who is due (zones, weekdays, states), planning once
// per (subscriber, period) with its job, claims fenced so two senders never share a digest, history, clicks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from './store.js';
import { defaultPreferences, type Preferences } from '../model/subscriber.js';
import { backends, tempStore, type TempStore } from '../../test/helpers/store.js';
import { paper } from '../../test/helpers/papers.js';
import { digestJobKey } from './digest-queries.js';

const at = (iso: string) => new Date(iso);
const job = { kind: 'digest-send', maxAttempts: 5 };

describe.each(backends)('%s store: digests', (backend) => {
  let t: TempStore;
  let store: Store;
  const ids: Record<string, number> = {};

  /** An active subscriber confirmed on 2026-11-01 with these preferences. */
  const subscriber = async (email: string, over: Partial<Preferences>) => {
    const s = await store.requestSubscription(
      email,
      { ...defaultPreferences(), ...over },
      at('2026-11-01T00:00:00Z'),
    );
    await store.confirmSubscriber(s.id, at('2026-11-01T00:00:00Z'));
    ids[email] = s.id;
    return s.id;
  };

  beforeAll(async () => {
    t = await tempStore(backend);
    store = t.store;
    await store.importBatch({ papers: [paper('2611.00001'), paper('2611.00002')], signals: [] });
    // 2026-11-30 is a Monday. At 09:30 UTC: Berlin 10:30, New York 04:30, Tokyo 18:30, Kolkata 15:00.
    await subscriber('berlin@example.org', { sendHour: 8, timeZone: 'Europe/Berlin' });
    await subscriber('newyork@example.org', { sendHour: 8, timeZone: 'America/New_York' });
    await subscriber('tokyo-weekly@example.org', {
      frequency: 'weekly',
      weekday: 1,
      sendHour: 19,
      timeZone: 'Asia/Tokyo',
    });
    await subscriber('kolkata-weekly@example.org', {
      frequency: 'weekly',
      weekday: 3,
      sendHour: 7,
      timeZone: 'Asia/Kolkata',
    });
    const paused = await subscriber('paused@example.org', {});
    await store.setSubscriberStatus(paused, 'paused', at('2026-11-02T00:00:00Z'));
    await subscriber('bounced@example.org', {});
    await store.recordBounce('bounced@example.org', 'hard', 3, at('2026-11-02T00:00:00Z'));
    await store.requestSubscription('pending@example.org', defaultPreferences(), at('2026-11-01T00:00:00Z'));
    // Confirmed at 10:00 Berlin time on the 30th: today's 08:00 slot passed before they joined.
    const late = await store.requestSubscription(
      'late@example.org',
      { ...defaultPreferences(), timeZone: 'Europe/Berlin' },
      at('2026-11-30T09:00:00Z'),
    );
    await store.confirmSubscriber(late.id, at('2026-11-30T09:00:00Z'));
    ids['late@example.org'] = late.id;
  });
  afterAll(() => t?.cleanup());

  const dueAt = async (now: string, extra: { day?: string; subscriberId?: number } = {}) => {
    const out: { email: string; period: string }[] = [];
    let afterId: number | undefined;
    do {
      // Pages of 2 subscribers: the paging must not lose anyone.
      const page = await store.dueDigests({ now: at(now), afterId, limit: 2, ...extra });
      out.push(...page.due.map((d) => ({ email: d.subscriber.email, period: d.period })));
      afterId = page.nextAfterId;
    } while (afterId !== undefined);
    return out;
  };

  it('finds the subscribers whose local send hour has passed, by zone, frequency and weekday', async () => {
    expect(await dueAt('2026-11-30T09:30:00Z')).toEqual([
      { email: 'berlin@example.org', period: '2026-11-30' },
      // Not yet 08:00 in New York: its latest slot is yesterday's, which it has not had either.
      { email: 'newyork@example.org', period: '2026-11-29' },
      // Monday 19:00 in Tokyo (18:30 now) is still ahead: last week's Monday slot.
      { email: 'tokyo-weekly@example.org', period: '2026-W48' },
      // Wednesday slot: the latest was 2026-11-25 (ISO week 48).
      { email: 'kolkata-weekly@example.org', period: '2026-W48' },
    ]);
    // Paused, suppressed, pending and the subscriber who confirmed after today's slot are never due.
    expect((await dueAt('2026-11-30T10:00:00Z')).map((d) => d.email)).not.toContain('late@example.org');
    expect((await dueAt('2026-12-01T07:30:00Z')).find((d) => d.email === 'late@example.org')?.period).toBe(
      '2026-12-01',
    );
    expect(
      (await dueAt('2026-11-30T09:30:00Z')).find((d) => d.email === 'tokyo-weekly@example.org'),
    ).toBeDefined();
    expect((await dueAt('2026-11-30T09:30:01Z', { subscriberId: ids['berlin@example.org'] })).length).toBe(1);
  });

  it('plans each (subscriber, period) once, with one sending job keyed digest:<subscriber>:<period>', async () => {
    const due = (await store.dueDigests({ now: at('2026-11-30T09:30:00Z'), limit: 100 })).due;
    const planned = due.map((d) => ({
      subscriberId: d.subscriber.id,
      period: d.period,
      frequency: d.frequency,
    }));
    // Two planners at once: the unique (subscriber, period) lets only one add each row.
    const added = await Promise.all([
      store.queueDigests(planned, job, at('2026-11-30T09:30:00Z')),
      store.queueDigests(planned, job, at('2026-11-30T09:30:00Z')),
    ]);
    expect(added[0] + added[1]).toBe(4);
    expect(await store.queueDigests(planned, job, at('2026-11-30T09:31:00Z'))).toBe(0);
    expect(await dueAt('2026-11-30T09:45:00Z')).toEqual([]);
    const berlin = ids['berlin@example.org']!;
    const row = await store.digestFor(berlin, '2026-11-30');
    expect(row).toMatchObject({ state: 'queued', attempts: 0, paperIds: null, frequency: 'daily' });
    const claimed = await store.claimJob('w', ['digest-send'], 60_000, at('2026-11-30T09:32:00Z'));
    expect(claimed?.key).toMatch(/^digest:\d+:/);
    const { job: stored, inserted } = await store.enqueueJob({
      kind: 'digest-send',
      key: digestJobKey(berlin, '2026-11-30'),
    });
    expect(inserted).toBe(false);
    expect(stored.payload).toEqual({ subscriberId: berlin, period: '2026-11-30' });
    // An explicit day plans that day's digest for everyone active, even those who joined late.
    const day = await dueAt('2026-11-30T09:30:00Z', { day: '2026-12-02' });
    expect(day.map((d) => d.period).sort()).toEqual([
      '2026-12-02',
      '2026-12-02',
      '2026-12-02',
      '2026-W49',
      '2026-W49',
    ]);
  });

  it('lets exactly one sender claim a digest, fences the loser, and takes over an expired lease', async () => {
    const sub = ids['newyork@example.org']!;
    const now = at('2026-11-30T10:00:00Z');
    const until = at('2026-11-30T10:01:00Z');
    const claims = await Promise.all(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((o) => store.claimDigest(sub, '2026-11-29', o, until, now)),
    );
    const winners = claims.filter((c) => c !== undefined);
    expect(winners).toHaveLength(1);
    const d = winners[0]!;
    expect(d).toMatchObject({ state: 'sending', attempts: 1 });
    const loser = d.leaseOwner === 'a' ? 'b' : 'a';
    expect(await store.saveDigestContent(d.id, loser, ['x'], '<m>', now)).toBe(false);
    expect(await store.finishDigest(d.id, loser, { state: 'sent' }, now)).toBe(false);
    expect(
      await store.saveDigestContent(d.id, d.leaseOwner!, ['2611.00001', '2611.00002'], '<m@x>', now),
    ).toBe(true);
    // Still leased: nobody else may take it.
    expect(
      await store.claimDigest(sub, '2026-11-29', 'z', until, at('2026-11-30T10:00:30Z')),
    ).toBeUndefined();
    // The holder died; after the lease a new sender takes it over, with the composed papers kept.
    const taken = await store.claimDigest(
      sub,
      '2026-11-29',
      'z',
      at('2026-11-30T10:03:00Z'),
      at('2026-11-30T10:02:00Z'),
    );
    expect(taken).toMatchObject({
      leaseOwner: 'z',
      attempts: 2,
      paperIds: ['2611.00001', '2611.00002'],
      messageId: '<m@x>',
    });
    expect(await store.finishDigest(d.id, d.leaseOwner!, { state: 'sent' }, now)).toBe(false);
    expect(await store.releaseDigest(d.id, 'z', 'SMTP 451', at('2026-11-30T10:02:10Z'))).toBe(true);
    expect(await store.digestFor(sub, '2026-11-29')).toMatchObject({
      state: 'queued',
      lastError: 'SMTP 451',
    });
    const again = await store.claimDigest(
      sub,
      '2026-11-29',
      'y',
      at('2026-11-30T10:05:00Z'),
      at('2026-11-30T10:04:00Z'),
    );
    expect(again?.attempts).toBe(3);
    expect(await store.finishDigest(again!.id, 'y', { state: 'sent' }, at('2026-11-30T10:04:01Z'))).toBe(
      true,
    );
    const sent = await store.digestFor(sub, '2026-11-29');
    expect(sent).toMatchObject({
      state: 'sent',
      lastError: null,
      leaseOwner: null,
      sentAt: '2026-11-30T10:04:01.000Z',
    });
    // Final: never claimable again, not even after any lease time.
    expect(
      await store.claimDigest(sub, '2026-11-29', 'q', at('2027-01-01T00:00:00Z'), at('2027-01-01T00:00:00Z')),
    ).toBeUndefined();
  });

  it('records failures, keeps history for dedup, counts states and exports a subscriber’s digests', async () => {
    const berlin = ids['berlin@example.org']!;
    const c = await store.claimDigest(
      berlin,
      '2026-11-30',
      'w',
      at('2026-11-30T11:00:00Z'),
      at('2026-11-30T10:00:00Z'),
    );
    await store.finishDigest(
      c!.id,
      'w',
      { state: 'failed', reason: 'The SMTP server refused the message (550)' },
      at('2026-11-30T10:00:01Z'),
    );
    expect(await store.digestFor(berlin, '2026-11-30')).toMatchObject({
      state: 'failed',
      lastError: expect.stringContaining('550'),
      sentAt: null,
    });
    const ny = ids['newyork@example.org']!;
    expect(await store.digestHistory(ny, '2026-11-01T00:00:00Z')).toEqual({
      lastSentAt: '2026-11-30T10:04:01.000Z',
      paperIds: ['2611.00001', '2611.00002'],
    });
    expect(await store.digestHistory(berlin, '2026-11-01T00:00:00Z')).toEqual({
      lastSentAt: undefined,
      paperIds: [],
    });
    const counts = await store.digestCounts();
    expect(counts).toMatchObject({ queued: 2, sent: 1, failed: 1, sending: 0 });
    expect((await store.digestCounts('2026-11-29')).sent).toBe(1);
    expect((await store.digestsOfSubscriber(ny, 10)).map((d) => [d.period, d.state])).toEqual([
      ['2026-11-29', 'sent'],
    ]);
  });

  it('counts a digest click once per subscriber, paper and period, as the pp_clicks signal', async () => {
    const ny = ids['newyork@example.org']!;
    const berlin = ids['berlin@example.org']!;
    const t1 = at('2026-11-30T12:00:00Z');
    expect(await store.recordDigestClick(ny, '2611.00001', '2026-11-29', t1)).toEqual({
      counted: true,
      total: 1,
    });
    expect(await store.recordDigestClick(ny, '2611.00001', '2026-11-29', at('2026-11-30T12:01:00Z'))).toEqual(
      { counted: false, total: 1 },
    );
    expect(
      await store.recordDigestClick(berlin, '2611.00001', '2026-11-30', at('2026-11-30T12:02:00Z')),
    ).toEqual({ counted: true, total: 2 });
    expect(await store.recordDigestClick(ny, '2611.00001', '2026-11-30', at('2026-11-30T12:03:00Z'))).toEqual(
      { counted: true, total: 3 },
    );
    expect(await store.recordDigestClick(ny, '9999.99999', '2026-11-29', t1)).toBeUndefined();
    expect(await store.recordDigestClick(999_999, '2611.00001', '2026-11-29', t1)).toBeUndefined();
    expect((await store.signalsForPaper('2611.00001', '2026-12-01T00:00:00Z')).pp_clicks).toBe(3);
  });

  it('deletes a subscriber’s digests and clicks with the subscriber', async () => {
    const ny = ids['newyork@example.org']!;
    expect(await store.deleteSubscriber(ny)).toBe(true);
    expect(await store.digestsOfSubscriber(ny, 10)).toEqual([]);
    expect(
      await store.recordDigestClick(ny, '2611.00001', '2026-12-01', at('2026-12-01T00:00:00Z')),
    ).toBeUndefined();
  });
});
