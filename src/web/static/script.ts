// /static/pp.<hash>.js — the one small script, progressive enhancement only (every page works without it):
// fills a new subscription's time zone from the browser, and turns upvote/save forms into in-place toggles.
import { createHash } from 'node:crypto';

export const script = `(function () {
  'use strict';
  // Included by several parts of a page (subscribe box, reaction buttons): run once.
  if (document.documentElement.hasAttribute('data-pp')) return;
  document.documentElement.setAttribute('data-pp', '');
  // The server defaults to UTC; the browser knows better (only where the page asks, and only if untouched).
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { zone = ''; }
  document.querySelectorAll('input[data-from-browser]').forEach(function (input) {
    if (zone && (input.value === '' || input.value === 'UTC')) input.value = zone;
  });
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains('react')) return;
    event.preventDefault();
    var button = form.querySelector('button');
    if (button) button.disabled = true;
    fetch(form.action, {
      method: 'POST',
      body: new URLSearchParams(new FormData(form)),
      headers: { Accept: 'application/json' },
      credentials: 'same-origin'
    }).then(function (res) {
      if (!res.ok) throw new Error(String(res.status));
      return res.json();
    }).then(function (r) {
      form.querySelector('input[name=on]').value = r.on ? '0' : '1';
      if (button) {
        button.textContent = r.label;
        button.setAttribute('aria-pressed', r.on ? 'true' : 'false');
        button.disabled = false;
      }
    }).catch(function () {
      // Fall back to the plain form post (it redirects back here).
      form.submit();
    });
  });
})();
`;

export const scriptHash = createHash('sha1').update(script).digest('hex').slice(0, 10);

/** The script's URL (its name changes with its content, so it can be cached for a year). */
export const scriptPath = `/static/pp.${scriptHash}.js`;
