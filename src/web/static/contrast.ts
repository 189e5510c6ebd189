// WCAG 2.1 contrast of the site's palette, read from the stylesheet itself so a colour change that breaks AA
// fails the test (contrast.test.ts) instead of shipping.
import { css } from './styles.js';

export type Palette = Record<string, string>;

/** The custom properties (--name: #rrggbb) of the light :root block and of the dark-mode block. */
export function palettes(stylesheet = css): { light: Palette; dark: Palette } {
  const vars = (block: string): Palette =>
    Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-fA-F]{6})/g)].map((m) => [m[1]!, m[2]!]));
  const light = /:root\s*{([^}]*)}/.exec(stylesheet)?.[1] ?? '';
  const dark = /prefers-color-scheme:\s*dark\)\s*{\s*:root\s*{([^}]*)}/.exec(stylesheet)?.[1] ?? '';
  const l = vars(light);
  return { light: l, dark: { ...l, ...vars(dark) } };
}

/** Relative luminance of an sRGB colour (#rrggbb), per WCAG 2.1. */
export function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** Contrast ratio (1–21) of two colours. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/**
 * The pairs the site draws text (4.5:1 for AA body text) or focus rings and control borders (3:1, WCAG 1.4.11)
 * with: [foreground variable, background variable, minimum, where].
 */
export const pairs: [string, string, number, string][] = [
  ['fg', 'bg', 4.5, 'body text'],
  ['fg', 'card', 4.5, 'text on cards'],
  ['muted', 'bg', 4.5, 'secondary text'],
  ['muted', 'card', 4.5, 'secondary text on cards'],
  ['accent', 'bg', 4.5, 'links'],
  ['accent', 'card', 4.5, 'links on cards'],
  ['accent-fg', 'accent', 4.5, 'button labels'],
  ['fg', 'chip', 4.5, 'category chips'],
  ['bg', 'fg', 4.5, 'selected tab'],
  ['focus', 'bg', 3, 'focus ring'],
  ['focus', 'card', 3, 'focus ring on cards'],
  ['muted', 'bg', 3, 'input borders'],
];
