import { describe, expect, it } from 'vitest';
import { contrast, pairs, palettes } from './contrast.js';
import { css } from './styles.js';

describe('colour contrast (WCAG 2.1 AA)', () => {
  it('computes ratios as WCAG defines them', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrast('#ffffff', '#ffffff')).toBe(1);
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`every text and focus pair of the ${scheme} palette meets AA`, () => {
      const p = palettes()[scheme];
      const failing = pairs
        .map(([fg, bg, min, where]) => ({ where, fg, bg, min, ratio: contrast(p[fg]!, p[bg]!) }))
        .filter((x) => !(x.ratio >= x.min))
        .map((x) => `${x.where}: --${x.fg} on --${x.bg} is ${x.ratio.toFixed(2)}:1, needs ${x.min}:1`);
      expect(failing).toEqual([]);
    });
  }

  it('highlighted search words stay readable (fixed colours, both schemes)', () => {
    const mark = /mark\s*{\s*background:\s*(#[0-9a-f]{6});\s*color:\s*(#[0-9a-f]{6})/i.exec(css)!;
    expect(contrast(mark[2]!, mark[1]!)).toBeGreaterThanOrEqual(4.5);
  });
});
