// The site's one stylesheet, served from /static/ with a content hash so browsers may cache it for ever.
import { createHash } from 'node:crypto';

export const css = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1b1c1f; --muted: #50545c; --line: #e2e4e8; --card: #f7f8fa;
  --accent: #0b57d0; --accent-fg: #ffffff; --chip: #eef2fb;
  --focus: #c45a00;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #121417; --fg: #e9eaec; --muted: #b3b7bf; --line: #2c3038; --card: #1a1d22;
    --accent: #8ab4f8; --accent-fg: #0b1a33; --chip: #1f2a3d;
    --focus: #e8710a;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--fg);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible,
summary:focus-visible, [tabindex]:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: .5rem; background: var(--bg); padding: .5rem 1rem; }
/* The skip link's target takes focus (tabindex=-1) without a ring around the whole page. */
#main:focus, #main:focus-visible { outline: none; }
.skip:focus { left: 1rem; z-index: 10; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.wrap { max-width: 52rem; margin: 0 auto; padding: 0 1rem; }
header.site { border-bottom: 1px solid var(--line); }
header.site .wrap { display: flex; align-items: center; gap: 1.5rem; min-height: 3.5rem; flex-wrap: wrap; }
.brand { font-weight: 700; font-size: 1.2rem; color: var(--fg); text-decoration: none; letter-spacing: -.01em; }
.brand span { color: var(--accent); }
header.site nav a { color: var(--muted); text-decoration: none; margin-right: 1rem; }
header.site nav a[aria-current="page"] { color: var(--fg); font-weight: 600; }
main { padding: 1.25rem 0 3rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 1.5rem 0 .5rem; }
/* Long unbroken words in titles and names (URLs, identifiers) wrap instead of widening the page. */
h1, h2, .meta { overflow-wrap: anywhere; }
.subscribe { background: var(--card); border: 1px solid var(--line); border-radius: .75rem; padding: 1rem 1.25rem; margin-top: 1rem; }
.subscribe h2 { font-size: 1.1rem; margin: 0 0 .6rem; }
.subscribe form { display: flex; gap: .5rem; flex-wrap: wrap; }
.subscribe input[type=email] { flex: 1 1 14rem; min-width: 0; padding: .55rem .7rem; font: inherit; color: var(--fg);
  background: var(--bg); border: 1px solid var(--muted); border-radius: .5rem; }
button, .button { font: inherit; font-weight: 600; padding: .55rem 1.1rem; border-radius: .5rem; border: 0; cursor: pointer;
  background: var(--accent); color: var(--accent-fg); }
.tabs { display: flex; flex-wrap: wrap; gap: .25rem; margin: .75rem 0; padding: 0; list-style: none; }
.tabs a { display: inline-block; padding: .3rem .8rem; border-radius: 999px; text-decoration: none; color: var(--fg); border: 1px solid var(--line); }
.tabs a[aria-current="page"] { background: var(--fg); color: var(--bg); border-color: var(--fg); }
.note { color: var(--muted); font-size: .95rem; margin: .25rem 0 1rem; }
.note.stale { background: var(--card); border-left: 3px solid var(--accent); padding: .5rem .75rem; border-radius: 0 .5rem .5rem 0; }
ol.papers { list-style: none; padding: 0; margin: 0; counter-reset: none; }
.paper { padding: 1.1rem 0; border-top: 1px solid var(--line); display: grid; grid-template-columns: 2.5rem 1fr; gap: 0 .5rem; }
.paper .rank { color: var(--muted); font-variant-numeric: tabular-nums; font-weight: 600; padding-top: .15rem; }
.paper h2 { font-size: 1.15rem; line-height: 1.35; margin: 0 0 .25rem; }
.paper h2 a { color: var(--fg); text-decoration: none; }
.paper h2 a:hover { text-decoration: underline; }
.meta { color: var(--muted); font-size: .92rem; margin: 0 0 .4rem; }
.chips { display: inline-flex; flex-wrap: wrap; gap: .3rem; vertical-align: middle; }
ul.chips.plain { list-style: none; padding: 0; margin: 0 0 .75rem; display: flex; }
.small-heading { font-size: .95rem; margin: .75rem 0 .35rem; color: var(--muted); font-weight: 600; }
.chip { background: var(--chip); color: var(--fg); border-radius: .35rem; padding: 0 .4rem; font-size: .82rem; text-decoration: none; }
.abstract { margin: .4rem 0; overflow-wrap: anywhere; }
/* Lists show the start of each abstract; the paper page shows all of it. */
.paper .abstract { display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 4; line-clamp: 4; overflow: hidden; }
.meta time { white-space: nowrap; }
.meta a.author { color: inherit; text-decoration: none; }
.meta a.author:hover, .meta a.author:focus-visible { text-decoration: underline; color: var(--accent); }
.subscribe .fine { margin: .5rem 0 0; font-size: .85rem; color: var(--muted); }
.links { display: flex; flex-wrap: wrap; gap: .35rem 1rem; font-size: .92rem; margin: .4rem 0 0; padding: 0; list-style: none; }
.why { font-size: .9rem; color: var(--muted); margin: .35rem 0 0; }
.why strong { color: var(--fg); font-weight: 600; }
.pager { display: flex; justify-content: space-between; margin-top: 1.5rem; }
dl.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .3rem 1rem; }
dl.facts dt { color: var(--muted); }
/* Comments carry long URLs: let them wrap rather than push the page sideways at 360 px. */
dl.facts dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; margin: .5rem 0; display: block; overflow-x: auto; }
th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
header.site form.search { display: flex; gap: .4rem; margin-left: auto; flex: 1 1 14rem; max-width: 22rem; }
header.site form.search input { flex: 1; min-width: 0; padding: .4rem .6rem; font: inherit; color: var(--fg);
  background: var(--bg); border: 1px solid var(--muted); border-radius: .5rem; }
header.site form.search button { padding: .4rem .8rem; }
mark { background: #fde68a; color: #1b1c1f; border-radius: .15rem; padding: 0 .1rem; }
.filters { margin: .25rem 0 1rem; }
.filters .chip[aria-pressed="true"] { background: var(--fg); color: var(--bg); }
/* Trending: sparklines (SVG strokes follow the text colour), trending within a search. */
svg.spark { vertical-align: middle; color: var(--accent); margin-left: .25rem; }
form.search-within { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; margin: 0 0 1rem; font-size: .92rem; }
form.search-within input { flex: 0 1 16rem; min-width: 0; padding: .35rem .6rem; font: inherit; color: var(--fg);
  background: var(--bg); border: 1px solid var(--muted); border-radius: .5rem; }
form.search-within button { padding: .35rem .8rem; }
.help code { background: var(--card); padding: 0 .25rem; border-radius: .25rem; }
footer.site { border-top: 1px solid var(--line); color: var(--muted); font-size: .9rem; padding: 1.25rem 0 2rem; }
math { font-size: 1.05em; }
/* Subscribe, sign-in and account forms (web/pages/subscribe.tsx, account.tsx). */
form.stack { display: grid; gap: .5rem; max-width: 34rem; }
form.stack fieldset { border: 1px solid var(--line); border-radius: .5rem; padding: .5rem 1rem 1rem; display: grid; gap: .35rem; }
form.stack input:not([type=checkbox]):not([type=radio]), form.stack select { padding: .45rem .6rem; font: inherit;
  color: var(--fg); background: var(--bg); border: 1px solid var(--muted); border-radius: .5rem; }
form.stack label.check, .choices label { display: block; }
.field-error, .form-error { color: #b42318; font-size: .9rem; }
[aria-invalid="true"] { border-color: #b42318 !important; }
.hp { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
.notice { background: var(--card); border-left: 3px solid var(--accent); padding: .5rem .75rem; border-radius: 0 .5rem .5rem 0; }
.inline { display: inline; }
button.secondary { background: var(--card); color: var(--fg); border: 1px solid var(--line); }
button.danger { background: #b42318; color: #fff; }
form.react { display: inline; }
form.react button { padding: .2rem .7rem; font-size: .85rem; background: var(--card); color: var(--fg); border: 1px solid var(--line); }
form.react button[aria-pressed="true"] { background: var(--accent); color: var(--accent-fg); }
.reactions { display: flex; gap: .4rem; margin: .4rem 0 0; }
@media (max-width: 480px) {
  .paper { grid-template-columns: 1fr; }
  .paper .rank { padding: 0; }
  h1 { font-size: 1.35rem; }
}
`;

/** Short content hash of the stylesheet, part of its URL. */
export const cssHash = createHash('sha1').update(css).digest('hex').slice(0, 10);
