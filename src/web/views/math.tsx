// Paper text with inline TeX ($...$) rendered to MathML on the server; everything else is escaped text.
import katex from 'katex';
import { raw } from 'hono/html';

// Content must not start or end with a space, so prices such as "$5 to $10" stay text.
const inlineMath = /\$([^\s$](?:[^$\n]{0,298}[^\s$])?)\$/g;

function renderTex(tex: string): string | undefined {
  try {
    // trust:false forbids \href, \url and friends; MathML needs no fonts, styles or scripts (strict CSP).
    return katex.renderToString(tex, {
      output: 'mathml',
      throwOnError: true,
      trust: false,
      strict: 'ignore',
      maxSize: 10,
      maxExpand: 200,
    });
  } catch {
    return undefined;
  }
}

/** Renders `text` with its inline math typeset; text that is not valid TeX is shown as written. */
export function RichText({ text }: { text: string }) {
  const parts: (string | ReturnType<typeof raw>)[] = [];
  let last = 0;
  for (const m of text.matchAll(inlineMath)) {
    const html = renderTex(m[1]!);
    if (!html) continue;
    parts.push(text.slice(last, m.index));
    parts.push(raw(html));
    last = m.index + m[0].length;
  }
  parts.push(text.slice(last));
  return <>{parts}</>;
}
