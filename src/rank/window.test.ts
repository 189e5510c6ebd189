import { describe, expect, it } from 'vitest';
import { isTimeZone, localDay, resolveWindow } from './window.js';

const now = new Date('2026-11-30T10:15:00Z');

describe('resolveWindow (UTC)', () => {
  it.each([
    ['day', '2026-11-30', '2026-11-30', '2026-11-30'],
    ['week', '2026-11-29', '2026-11-24', '2026-11-30'],
    ['month', '2026-11-05', '2026-11-01', '2026-11-30'],
  ] as const)('%s is current when the latest data (%s) falls inside it', (view, latest, from, to) => {
    const w = resolveWindow(view, now, latest);
    expect(w).toMatchObject({ view, from, to, stale: false, timeZone: 'UTC' });
    // Rounded up to the next hour, so the answer can be cached for the rest of the hour.
    expect(w.asOf).toBe('2026-11-30T11:00:00.000Z');
  });

  it('slides back to the latest data and marks the window stale', () => {
    expect(resolveWindow('week', now, '2025-12-18')).toEqual({
      view: 'week',
      from: '2025-12-12',
      to: '2025-12-18',
      asOf: '2025-12-18T23:59:59.999Z',
      stale: true,
      timeZone: 'UTC',
    });
  });

  it('a day window with yesterday as latest data is stale', () => {
    expect(resolveWindow('day', now, '2026-11-29')).toMatchObject({
      from: '2026-11-29',
      to: '2026-11-29',
      stale: true,
    });
  });

  it('open-ended views have no start day', () => {
    expect(resolveWindow('trending', now, '2026-11-28')).not.toHaveProperty('from');
    expect(resolveWindow('all', now, '2020-01-01')).toMatchObject({ to: '2020-01-01', stale: true });
  });

  it('crosses month and year ends', () => {
    expect(resolveWindow('week', new Date('2026-01-02T00:30:00Z'), '2026-01-02')).toMatchObject({
      from: '2025-12-27',
    });
    // 2024 is a leap year: 30 days ending on March 1 start on February 1.
    expect(resolveWindow('month', new Date('2024-03-01T12:00:00Z'), '2024-03-01')).toMatchObject({
      from: '2024-02-01',
    });
  });
});

describe('resolveWindow across time zones and DST', () => {
  it.each([
    // instant, zone, the reader's today
    ['2026-11-30T02:00:00Z', 'America/New_York', '2026-11-29'],
    ['2026-11-30T02:00:00Z', 'UTC', '2026-11-30'],
    ['2026-11-29T11:30:00Z', 'Pacific/Auckland', '2026-11-30'], // UTC+13 in (southern) summer
    ['2026-11-30T10:00:00Z', 'Pacific/Kiritimati', '2026-12-01'], // UTC+14
    ['2026-11-30T10:00:00Z', 'Pacific/Pago_Pago', '2026-11-29'], // UTC-11
    // US spring forward, 2026-03-08 02:00 EST -> 03:00 EDT: both sides of the gap are March 8
    ['2026-03-08T06:59:00Z', 'America/New_York', '2026-03-08'],
    ['2026-03-08T07:01:00Z', 'America/New_York', '2026-03-08'],
    // the last minute of March 8 in New York is now 03:59 UTC the next day (EDT, UTC-4), not 04:59
    ['2026-03-09T03:59:00Z', 'America/New_York', '2026-03-08'],
    ['2026-03-09T04:01:00Z', 'America/New_York', '2026-03-09'],
    // EU fall back, 2026-10-25 03:00 CEST -> 02:00 CET: a 25-hour day
    ['2026-10-24T22:30:00Z', 'Europe/Berlin', '2026-10-25'],
    ['2026-10-25T22:59:00Z', 'Europe/Berlin', '2026-10-25'],
    ['2026-10-25T23:01:00Z', 'Europe/Berlin', '2026-10-26'],
  ])('at %s in %s today is %s', (instant, tz, today) => {
    expect(localDay(new Date(instant), tz)).toBe(today);
    expect(resolveWindow('day', new Date(instant), today, tz)).toMatchObject({
      from: today,
      to: today,
      stale: false,
      timeZone: tz,
    });
  });

  it('a week across the DST change is 7 calendar days, not 7 × 24 hours', () => {
    // Sunday 2026-03-15 noon in New York, a week after spring forward: March 9 .. 15.
    const w = resolveWindow('week', new Date('2026-03-15T16:00:00Z'), '2026-03-15', 'America/New_York');
    expect(w).toMatchObject({ from: '2026-03-09', to: '2026-03-15' });
    const berlin = resolveWindow('week', new Date('2026-10-31T12:00:00Z'), '2026-10-31', 'Europe/Berlin');
    expect(berlin).toMatchObject({ from: '2026-10-25', to: '2026-10-31' });
  });

  it('counts arXiv’s next (UTC) day as current for a reader still on the previous date', () => {
    // 18:00 in Los Angeles on Nov 29 is Nov 30 in UTC, when the Nov 30 listing exists.
    const w = resolveWindow('day', new Date('2026-11-30T02:00:00Z'), '2026-11-30', 'America/Los_Angeles');
    expect(w).toMatchObject({ from: '2026-11-29', to: '2026-11-30', stale: false });
  });

  it('recognises time zones', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
