// The subscriber part of the store contract, on both backends: opt-in states, atomic link throttling, bounces,
// single-use tokens, reactions recorded as signals, import and delete.
import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import type { Store } from './store.js';
import { defaultPreferences } from '../model/subscriber.js';
import { backends, tempStore, type TempStore } from '../../test/helpers/store.js';
import { paper } from '../../test/helpers/papers.js';

const at = (iso: string) => new Date(iso);
const prefs = (over: Partial<ReturnType<typeof defaultPreferences>> = {}) => ({
  ...defaultPreferences(),
  ...over,
});

describe.each(backends)('%s store: subscribers', (backend) => {
  let t: TempStore;
  let store: Store;
  beforeAll(async () => {
    t = await tempStore(backend);
    store = t.store;
    await store.importBatch({ papers: [paper('2501.00001'), paper('2501.00002')], signals: [] });
  });
  afterAll(() => t?.cleanup());

  it('keeps one subscriber per address, pending until confirmed, with full preferences', async () => {
    const s = await store.requestSubscription(
      '  Ada@Example.ORG ',
      prefs({ categories: ['cs.LG'] }),
      at('2026-01-01T00:00:00Z'),
    );
    expect(s).toMatchObject({
      email: 'ada@example.org',
      status: 'pending',
      confirmedAt: null,
      softBounces: 0,
    });
    expect(s.preferences).toEqual(prefs({ categories: ['cs.LG'] }));
    // A second request before confirming replaces the unconfirmed preferences; same row.
    const again = await store.requestSubscription(
      'ada@example.org',
      prefs({ keywords: ['kv cache'] }),
      at('2026-01-01T00:01:00Z'),
    );
    expect(again.id).toBe(s.id);
    expect(again.preferences.keywords).toEqual(['kv cache']);
    const confirmed = await store.confirmSubscriber(s.id, at('2026-01-01T00:02:00Z'));
    expect(confirmed).toMatchObject({ status: 'active', confirmedAt: '2026-01-01T00:02:00.000Z' });
    // Confirming twice keeps the first confirmation time.
    expect((await store.confirmSubscriber(s.id, at('2026-01-02T00:00:00Z')))?.confirmedAt).toBe(
      '2026-01-01T00:02:00.000Z',
    );
    // Subscribing with a confirmed address changes nothing: nobody can rewrite another person's preferences.
    const hijack = await store.requestSubscription(
      'ADA@example.org',
      prefs({ keywords: ['spam'] }),
      at('2026-01-03T00:00:00Z'),
    );
    expect(hijack).toMatchObject({ status: 'active', preferences: prefs({ keywords: ['kv cache'] }) });
    expect(await store.subscriberByEmail('ada@EXAMPLE.org')).toEqual(hijack);
    expect(await store.subscriberById(-1)).toBeUndefined();
  });

  it('pauses, resumes and unsubscribes; a departed subscriber can ask again and must confirm again', async () => {
    const s = await store.requestSubscription('bob@example.org', prefs(), at('2026-01-01T00:00:00Z'));
    // A pending subscription cannot be paused (it was never confirmed) but can be unsubscribed.
    expect((await store.setSubscriberStatus(s.id, 'paused', at('2026-01-01T00:01:00Z')))?.status).toBe(
      'pending',
    );
    await store.confirmSubscriber(s.id, at('2026-01-01T00:02:00Z'));
    expect((await store.setSubscriberStatus(s.id, 'paused', at('2026-01-01T00:03:00Z')))?.status).toBe(
      'paused',
    );
    expect((await store.setSubscriberStatus(s.id, 'active', at('2026-01-01T00:04:00Z')))?.status).toBe(
      'active',
    );
    expect((await store.setSubscriberStatus(s.id, 'unsubscribed', at('2026-01-01T00:05:00Z')))?.status).toBe(
      'unsubscribed',
    );
    expect((await store.setSubscriberStatus(s.id, 'active', at('2026-01-01T00:06:00Z')))?.status).toBe(
      'unsubscribed',
    );
    const back = await store.requestSubscription(
      'bob@example.org',
      prefs({ frequency: 'weekly' }),
      at('2026-01-02T00:00:00Z'),
    );
    expect(back).toMatchObject({ id: s.id, status: 'pending', preferences: prefs({ frequency: 'weekly' }) });
    const updated = await store.updatePreferences(s.id, prefs({ maxPapers: 5 }), at('2026-01-02T00:01:00Z'));
    expect(updated?.preferences.maxPapers).toBe(5);
  });

  it('lets only one of many concurrent requests send a link within the interval', async () => {
    const s = await store.requestSubscription('carol@example.org', prefs(), at('2026-01-01T00:00:00Z'));
    const now = at('2026-01-01T00:00:00Z');
    const notBefore = new Date(now.getTime() - 10 * 60_000);
    const claims = await Promise.all(
      Array.from({ length: 8 }, () => store.claimLinkSend(s.id, notBefore, now)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    const later = at('2026-01-01T00:11:00Z');
    expect(await store.claimLinkSend(s.id, new Date(later.getTime() - 10 * 60_000), later)).toBe(true);
    expect((await store.subscriberById(s.id))?.lastLinkSentAt).toBe('2026-01-01T00:11:00.000Z');
  });

  it('suppresses on a hard bounce or complaint at once, on soft bounces at the threshold, keeping the first reason', async () => {
    const hard = await store.requestSubscription('hard@example.org', prefs(), at('2026-01-01T00:00:00Z'));
    const after = await store.recordBounce('HARD@example.org', 'hard', 3, at('2026-01-01T01:00:00Z'));
    expect(after?.suppressed).toEqual({ reason: 'hard_bounce', at: '2026-01-01T01:00:00.000Z' });
    const again = await store.recordBounce('hard@example.org', 'complaint', 3, at('2026-01-01T02:00:00Z'));
    expect(again?.suppressed?.reason).toBe('hard_bounce');
    expect(again?.id).toBe(hard.id);

    await store.requestSubscription('soft@example.org', prefs(), at('2026-01-01T00:00:00Z'));
    await Promise.all(
      [1, 2].map(() => store.recordBounce('soft@example.org', 'soft', 3, at('2026-01-01T01:00:00Z'))),
    );
    const two = await store.subscriberByEmail('soft@example.org');
    expect(two).toMatchObject({ softBounces: 2, suppressed: null });
    const three = await store.recordBounce('soft@example.org', 'soft', 3, at('2026-01-01T03:00:00Z'));
    expect(three).toMatchObject({
      softBounces: 3,
      suppressed: { reason: 'soft_bounces', at: '2026-01-01T03:00:00.000Z' },
    });
    expect(
      await store.recordBounce('nobody@example.org', 'hard', 3, at('2026-01-01T00:00:00Z')),
    ).toBeUndefined();
    const counts = await store.subscriberCounts();
    expect(counts.suppressed).toBeGreaterThanOrEqual(2);
  });

  it('spends a token once, and forgets it after it expires', async () => {
    const now = at('2026-01-01T00:00:00Z');
    const exp = at('2026-01-01T01:00:00Z');
    const uses = await Promise.all(Array.from({ length: 5 }, () => store.useToken('nonce-1', exp, now)));
    expect(uses.filter(Boolean)).toHaveLength(1);
    expect(await store.useToken('nonce-1', exp, at('2026-01-01T00:30:00Z'))).toBe(false);
    // Past its expiry the row is purged (the token's own signature check refuses such a token anyway).
    expect(await store.useToken('nonce-2', exp, now)).toBe(true);
    expect(await store.useToken('nonce-2', at('2026-01-01T03:00:00Z'), at('2026-01-01T02:00:00Z'))).toBe(
      true,
    );
  });

  it('records upvotes and saves with their totals as signals, once per reader', async () => {
    const a = await store.requestSubscription('r1@example.org', prefs(), at('2026-01-01T00:00:00Z'));
    const b = await store.requestSubscription('r2@example.org', prefs(), at('2026-01-01T00:00:00Z'));
    const seq0 = await store.changeSeq();
    expect(await store.setReaction(a.id, '2501.00001', 'upvote', true, at('2026-01-05T00:00:00Z'))).toEqual({
      count: 1,
      changed: true,
    });
    expect(await store.setReaction(a.id, '2501.00001', 'upvote', true, at('2026-01-05T00:01:00Z'))).toEqual({
      count: 1,
      changed: false,
    });
    const [x, y] = await Promise.all([
      store.setReaction(b.id, '2501.00001', 'upvote', true, at('2026-01-05T00:02:00Z')),
      store.setReaction(b.id, '2501.00001', 'save', true, at('2026-01-05T00:02:00Z')),
    ]);
    expect([x, y]).toEqual([
      { count: 2, changed: true },
      { count: 1, changed: true },
    ]);
    expect(await store.changeSeq()).toBeGreaterThan(seq0);
    expect(await store.signalsForPaper('2501.00001', '2026-01-06T00:00:00Z')).toMatchObject({
      pp_upvotes: 2,
      pp_saves: 1,
    });
    expect(await store.setReaction(a.id, '2501.00001', 'upvote', false, at('2026-01-05T00:03:00Z'))).toEqual({
      count: 1,
      changed: true,
    });
    expect((await store.signalsForPaper('2501.00001', '2026-01-06T00:00:00Z')).pp_upvotes).toBe(1);
    expect(
      await store.setReaction(a.id, 'no-such-paper', 'upvote', true, at('2026-01-05T00:00:00Z')),
    ).toBeUndefined();
    expect(
      await store.setReaction(999_999, '2501.00001', 'upvote', true, at('2026-01-05T00:00:00Z')),
    ).toBeUndefined();
    expect(await store.reactionsOf(b.id, ['2501.00001', '2501.00002'])).toEqual(
      expect.arrayContaining([
        { paperId: '2501.00001', kind: 'upvote' },
        { paperId: '2501.00001', kind: 'save' },
      ]),
    );
    await store.setReaction(b.id, '2501.00002', 'save', true, at('2026-01-06T00:00:00Z'));
    expect(await store.reactedPapers(b.id, 'save', 10, 0)).toEqual([
      { paperId: '2501.00002', at: '2026-01-06T00:00:00.000Z' },
      { paperId: '2501.00001', at: '2026-01-05T00:02:00.000Z' },
    ]);
    // Deleting the reader deletes their reactions (the recorded totals stay: they are history).
    expect(await store.deleteSubscriber(b.id)).toBe(true);
    expect(await store.reactionsOf(b.id, ['2501.00001'])).toEqual([]);
    expect(await store.subscriberById(b.id)).toBeUndefined();
    expect(await store.deleteSubscriber(b.id)).toBe(false);
  });

  it('imports subscribers by address, updating an existing one, and lists them by id', async () => {
    const first = await store.importSubscriber(
      {
        email: 'Imp@example.org',
        status: 'active',
        preferences: prefs({ authors: ['Ada Lovelace'] }),
        confirmedAt: '2025-05-01T00:00:00Z',
        createdAt: '2025-04-01T00:00:00Z',
      },
      at('2026-02-01T00:00:00Z'),
    );
    expect(first).toMatchObject({
      inserted: true,
      subscriber: { email: 'imp@example.org', status: 'active', createdAt: '2025-04-01T00:00:00.000Z' },
    });
    const second = await store.importSubscriber(
      {
        email: 'imp@example.org',
        status: 'paused',
        preferences: prefs(),
        suppressed: { reason: 'complaint', at: '2025-06-01T00:00:00Z' },
      },
      at('2026-02-01T00:00:00Z'),
    );
    expect(second).toMatchObject({
      inserted: false,
      subscriber: { id: first.subscriber.id, status: 'paused', suppressed: { reason: 'complaint' } },
    });
    const all = await store.listSubscribers({ limit: 1000 });
    expect(all.map((s) => s.id)).toEqual([...all.map((s) => s.id)].sort((p, q) => p - q));
    const page = await store.listSubscribers({ afterId: all[1]!.id, limit: 2, status: 'pending' });
    expect(page.every((s) => s.status === 'pending' && s.id > all[1]!.id)).toBe(true);
    expect(await store.bumpSessionVersion(first.subscriber.id, at('2026-02-02T00:00:00Z'))).toBe(2);
  });

  it('pages every reaction by key with the reader address, and adds reactions by address without signals', async () => {
    const now = at('2026-02-03T00:00:00Z');
    const { inserted } = await store.importSubscribers(
      [
        { email: 'page1@example.org', status: 'active', preferences: prefs() },
        { email: 'page2@example.org', status: 'paused', preferences: prefs() },
      ],
      now,
    );
    expect(inserted).toBe(2);
    const signals = await store.signalCount();
    const added = await store.importReactions([
      { email: 'page1@example.org', paperId: '2501.00001', kind: 'save', at: '2026-02-03T00:00:00.000Z' },
      { email: 'page2@example.org', paperId: '2501.00001', kind: 'upvote', at: '2026-02-03T00:00:00.000Z' },
      { email: 'page2@example.org', paperId: '2501.00002', kind: 'upvote', at: '2026-02-03T00:00:00.000Z' },
      // Already there, and an unknown reader: neither adds a row.
      { email: 'page2@example.org', paperId: '2501.00002', kind: 'upvote', at: '2026-02-04T00:00:00.000Z' },
      { email: 'nobody@example.org', paperId: '2501.00002', kind: 'upvote', at: '2026-02-04T00:00:00.000Z' },
    ]);
    expect(added).toEqual({ inserted: 3 });
    expect(await store.signalCount()).toBe(signals);
    const total = await store.reactionCount();
    const seen = [];
    for (let after: Parameters<Store['reactionsAfter']>[0]; ;) {
      const page = await store.reactionsAfter(after, 2);
      if (page.length === 0) break;
      seen.push(...page);
      after = page.at(-1);
    }
    expect(seen).toHaveLength(total);
    const keys = seen.map((r) => [r.subscriberId, r.paperId, r.kind].join(' '));
    expect(new Set(keys).size).toBe(total);
    const sorted = [...seen].sort(
      (a, b) =>
        a.subscriberId - b.subscriberId ||
        (a.paperId < b.paperId ? -1 : a.paperId > b.paperId ? 1 : 0) ||
        (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0),
    );
    expect(seen).toEqual(sorted);
    expect(seen.filter((r) => r.email === 'page2@example.org').map((r) => [r.paperId, r.kind, r.at])).toEqual(
      [
        ['2501.00001', 'upvote', '2026-02-03T00:00:00.000Z'],
        ['2501.00002', 'upvote', '2026-02-03T00:00:00.000Z'],
      ],
    );
  });
});
