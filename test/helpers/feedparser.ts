// Parses a feed with Python's feedparser (Debian python3-feedparser), the reference liberal parser:
// a feed is valid for readers when feedparser reads it with bozo == 0.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

// Debian's interpreter, not whatever `python3` is first on PATH (a pyenv shim may lack the Debian module).
const python = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

const script = `
import sys, json, feedparser
d = feedparser.parse(sys.stdin.buffer.read())
print(json.dumps({
  "bozo": int(d.bozo), "bozo_exception": str(d.get("bozo_exception", "")), "version": d.version,
  "title": d.feed.get("title"), "links": [l.get("href") for l in d.feed.get("links", [])],
  "entries": [{"title": e.get("title"), "link": e.get("link"), "id": e.get("id"),
               "authors": [a.get("name") for a in e.get("authors", [])],
               "summary": e.get("summary"), "published": e.get("published"),
               "tags": [t.get("term") for t in e.get("tags", [])]} for e in d.entries]}))
`;

export interface ParsedFeed {
  bozo: number;
  bozo_exception: string;
  version: string;
  title: string | null;
  links: string[];
  entries: {
    title: string;
    link: string;
    id: string;
    authors: string[];
    summary: string;
    published: string;
    tags: string[];
  }[];
}

/** Runs feedparser over `body` and returns what it understood. */
export function parseFeed(body: string): ParsedFeed {
  const out = execFileSync(python, ['-c', script], { input: body, maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out.toString('utf8')) as ParsedFeed;
}
