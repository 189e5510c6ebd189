// Finding links to code repositories in free text (abstracts, comments) and normalising them.

// Case-insensitive like normalizeGithubUrl: host names are, and authors do write "https://GitHub.com/...".
const githubInText = /https?:\/\/(?:www\.)?github\.com\/([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)/gi;

/** Returns the canonical `https://github.com/owner/repo` form of a GitHub URL, or undefined for non-repo URLs. */
export function normalizeGithubUrl(url: string): string | undefined {
  const m = /^https?:\/\/(?:www\.)?github\.com\/([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)/i.exec(url.trim());
  if (!m?.[1] || !m[2]) return undefined;
  // Sentences often end right after a link, and clone URLs end in .git: neither is part of the name.
  const repo = m[2]
    .replace(/\.+$/, '')
    .replace(/\.git$/i, '')
    .replace(/\.+$/, '');
  if (!repo || ['orgs', 'topics', 'features', 'about', 'sponsors'].includes(m[1].toLowerCase()))
    return undefined;
  return `https://github.com/${m[1]}/${repo}`;
}

/** All distinct GitHub repository URLs mentioned in the given texts, in order of appearance. */
export function githubUrlsIn(...texts: (string | null | undefined)[]): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const m of text.matchAll(githubInText)) {
      const url = normalizeGithubUrl(m[0]);
      if (url) found.add(url);
    }
  }
  return [...found];
}
