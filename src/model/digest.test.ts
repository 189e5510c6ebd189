// The digest calendar: ISO weeks, the latest slot a schedule reached in a zone (DST included), and back.
import { describe, expect, it } from 'vitest';
import { dayOfPeriod, isoWeek, latestScheduled, localTime, scheduledOn, slotAfter } from './digest.js';

const prefs = (over: Partial<Parameters<typeof latestScheduled>[0]> = {}) => ({
  frequency: 'daily' as const,
  weekday: 1,
  sendHour: 8,
  timeZone: 'UTC',
  ...over,
});

describe('digest calendar', () => {
  it.each([
    ['2026-11-30', '2026-W49'],
    ['2026-01-01', '2026-W01'],
    ['2025-12-29', '2026-W01'],
    ['2027-01-01', '2026-W53'],
    ['2021-01-03', '2020-W53'],
  ])('ISO week of %s is %s', (day, week) => expect(isoWeek(day)).toBe(week));

  it('reads the local hour and weekday in a zone, across a DST change', () => {
    // Europe/Berlin leaves summer time at 01:00 UTC on 2026-10-25.
    expect(localTime(new Date('2026-10-25T00:30:00Z'), 'Europe/Berlin')).toEqual({
      day: '2026-10-25',
      hour: 2,
      weekday: 0,
    });
    expect(localTime(new Date('2026-10-25T01:30:00Z'), 'Europe/Berlin')).toEqual({
      day: '2026-10-25',
      hour: 2,
      weekday: 0,
    });
    expect(localTime(new Date('2026-11-30T20:00:00Z'), 'Pacific/Kiritimati').day).toBe('2026-12-01');
  });

  it('daily: today once the send hour passed, else yesterday', () => {
    const p = prefs({ timeZone: 'America/New_York' });
    expect(latestScheduled(p, new Date('2026-11-30T12:59:00Z'))).toEqual({
      period: '2026-11-29',
      day: '2026-11-29',
    });
    expect(latestScheduled(p, new Date('2026-11-30T13:00:00Z'))).toEqual({
      period: '2026-11-30',
      day: '2026-11-30',
    });
  });

  it('weekly: the latest chosen weekday whose hour passed, named by its ISO week', () => {
    const p = prefs({ frequency: 'weekly', weekday: 0, sendHour: 18, timeZone: 'Asia/Kathmandu' });
    // Sunday 2026-11-29 18:00 in Kathmandu (+05:45) is 12:15 UTC.
    expect(latestScheduled(p, new Date('2026-11-29T12:14:00Z'))).toEqual({
      period: '2026-W47',
      day: '2026-11-22',
    });
    expect(latestScheduled(p, new Date('2026-11-29T12:15:00Z'))).toEqual({
      period: '2026-W48',
      day: '2026-11-29',
    });
    expect(latestScheduled(p, new Date('2026-12-02T00:00:00Z')).period).toBe('2026-W48');
  });

  it('maps a period back to its scheduled day, for every weekday', () => {
    for (let weekday = 0; weekday < 7; weekday++) {
      for (const day of ['2026-11-30', '2027-01-01', '2020-12-31']) {
        const slot = scheduledOn({ frequency: 'weekly', weekday }, day);
        expect(dayOfPeriod(slot.period, weekday)).toBe(slot.day);
        expect(slot.day <= day).toBe(true);
      }
    }
    expect(dayOfPeriod('2026-11-30', 3)).toBe('2026-11-30');
    expect(dayOfPeriod('nonsense', 3)).toBeUndefined();
  });

  it('a slot before the confirmation is not the subscriber’s', () => {
    const p = prefs({ timeZone: 'Europe/Berlin' });
    const slot = { period: '2026-11-30', day: '2026-11-30' };
    expect(slotAfter(slot, p, '2026-11-30T06:59:00Z')).toBe(true); // 07:59 Berlin
    expect(slotAfter(slot, p, '2026-11-30T07:00:00Z')).toBe(false); // 08:00 Berlin
    expect(slotAfter(slot, p, '2026-11-29T20:00:00Z')).toBe(true);
  });
});
