import { describe, expect, it } from 'vitest';
import { resolveWindow } from './window.js';

const now = new Date('2026-11-30T10:15:00Z');

describe('resolveWindow', () => {
  it.each([
    ['day', '2026-11-30', '2026-11-30', '2026-11-30'],
    ['week', '2026-11-29', '2026-11-24', '2026-11-30'],
    ['month', '2026-11-05', '2026-11-01', '2026-11-30'],
  ] as const)('%s is current when the latest data (%s) falls inside it', (view, latest, from, to) => {
    const w = resolveWindow(view, now, latest);
    expect(w).toMatchObject({ view, from, to, stale: false });
    // Rounded up to the next hour, so the answer can be cached for the rest of the hour.
    expect(w.asOf).toBe('2026-11-30T11:00:00.000Z');
  });

  it('slides back to the latest data and marks the window stale', () => {
    const w = resolveWindow('week', now, '2025-12-18');
    expect(w).toEqual({
      view: 'week',
      from: '2025-12-12',
      to: '2025-12-18',
      asOf: '2025-12-18T23:59:59.999Z',
      stale: true,
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

  it('crosses month and year ends in UTC', () => {
    expect(resolveWindow('week', new Date('2026-01-02T00:30:00Z'), '2026-01-02')).toMatchObject({
      from: '2025-12-27',
    });
    // 2024 is a leap year: 30 days ending on March 1 start on February 1.
    expect(resolveWindow('month', new Date('2024-03-01T12:00:00Z'), '2024-03-01')).toMatchObject({
      from: '2024-02-01',
    });
  });
});
