import { describe, expect, it } from 'vitest';
import { addDays, checkRange, daysBetween, hourOf, isDay } from './dates.js';

describe('dates', () => {
  it.each([
    ['2025-09-29', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-13-01', false],
    ['2025-9-29', false],
    ['yesterday', false],
  ])('isDay(%s) = %s', (s, ok) => expect(isDay(s)).toBe(ok));

  it('adds days across months and years, and lists a range inclusively', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(daysBetween('2025-09-29', '2025-10-01')).toEqual(['2025-09-29', '2025-09-30', '2025-10-01']);
    expect(daysBetween('2025-10-02', '2025-10-01')).toEqual([]);
  });

  it('checks --from/--until with messages naming the flag', () => {
    expect(() => checkRange('2025-13-01', undefined)).toThrow(
      '--from must be a day written YYYY-MM-DD, not "2025-13-01"',
    );
    expect(() => checkRange('2025-10-02', '2025-10-01')).toThrow(
      '--from 2025-10-02 is after --until 2025-10-01',
    );
    expect(() => checkRange(undefined, undefined)).not.toThrow();
  });

  it('rounds an observation down to its hour', () => {
    expect(hourOf(new Date('2025-09-18T10:42:13.5Z'))).toBe('2025-09-18T10:00:00.000Z');
  });
});
