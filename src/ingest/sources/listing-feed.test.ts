import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixturePath } from '../../../test/helpers/fixtures.js';
import { idMonth, parseListingFeed } from './listing-feed.js';

const read = (name: string) => fs.readFileSync(fixturePath(`sources/arxiv-rss/${name}`), 'utf8');

/** A one-item RSS feed with the given item body. */
const rssWith = (item: string) => `<?xml version="1.0"?>
<rss xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/" version="2.0"><channel>
<title>t</title><pubDate>Tue, 30 Sep 2025 00:00:00 -0400</pubDate><item>${item}</item></channel></rss>`;

describe('parseListingFeed', () => {
  it('reads the RSS 2.0 feed: announce types, categories, authors, code links, and one rejected item', () => {
    const feed = parseListingFeed(read('cs.CL+cs.CV.rss.xml'), 'feed');
    expect(feed.announced).toBe('2025-09-29');
    expect(feed.items.map((i) => `${i.record.paper.id}:${i.announceType}`)).toEqual([
      '2509.21749:new',
      '2509.21499:new',
      '2509.22186:new',
      '2509.21552:new',
      '2509.22448:new',
      '2509.24734:cross',
      '2508.00719:replace',
      '2507.13019:replace-cross',
    ]);
    expect(feed.rejected).toEqual([
      { position: 'feed item 9 (oai:arXiv.org:2509.21386v1)', reason: 'missing title' },
    ]);
    const [sound, code] = feed.items.map((i) => i.record.paper);
    // "Q\&A" in the source abstract arrives XML-escaped and is decoded once.
    expect(sound!.abstract).toContain('Audio Q\\&A');
    expect(sound!.abstract.startsWith('Recent Large Audio-Language Models')).toBe(true);
    expect(sound).toMatchObject({
      version: 1,
      primaryCategory: 'cs.CL',
      categories: ['cs.CL', 'cs.SD'],
      firstSeen: '2025-09-29',
    });
    expect(code!.authors).toContain('Carolyn Rosé');
    const replaced = feed.items[6]!.record.paper;
    expect(replaced).toMatchObject({ version: 2, firstSeen: null, source: 'arxiv-rss' });
    const gamma = feed.items[4]!.record.paper;
    expect(gamma.title).toBe('$γ$-Quant: Towards Learnable Quantization for Low-bit Pattern Recognition');
    expect(gamma.codeUrls).toEqual(['https://github.com/Mishalfatima/Gamma-Quant']);
  });

  it('reads the Atom variant of the same announcement identically', () => {
    const rss = parseListingFeed(read('cs.CL+cs.CV.rss.xml'), 'rss');
    const atom = parseListingFeed(read('cs.CL+cs.CV.atom.xml'), 'atom');
    expect(atom.announced).toBe('2025-09-29');
    expect(atom.items.map((i) => i.record)).toEqual(rss.items.map((i) => i.record));
  });

  it('treats an empty weekend feed as an empty listing, not an error', () => {
    const feed = parseListingFeed(read('empty-2025-09-27.rss.xml'), 'feed');
    expect(feed).toEqual({ announced: '2025-09-27', items: [], rejected: [] });
  });

  it.each([
    ['truncated XML', read('truncated.rss.xml'), /feed is malformed or truncated XML \(line \d+/],
    [
      'an HTML error page',
      '<!DOCTYPE html><html><body>503 Service Unavailable</body></html>',
      /HTML page, not XML/,
    ],
    ['JSON', '{"error": "nope"}', /is not XML/],
    ['XML of another kind', '<?xml version="1.0"?><OAI-PMH/>', /neither an RSS nor an Atom feed/],
    [
      'an external entity (XXE)',
      '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel>&x;</channel></rss>',
      /declares XML entities; refused/,
    ],
  ])('refuses %s with a precise message', (_what, text, message) => {
    expect(() => parseListingFeed(text, 'feed')).toThrow(message);
  });

  it.each([
    [
      'an old-style id with a v3 replacement',
      `<title>Old-style identifiers still parse</title><description>arXiv:hep-th/9901001v3 Announce Type: replace
Abstract: An abstract.</description><category>hep-th</category><arxiv:announce_type>replace</arxiv:announce_type><dc:creator>A. Author</dc:creator>`,
      { id: 'hep-th/9901001', version: 3, firstSeen: null, primaryCategory: 'hep-th' },
    ],
    [
      'entities, LaTeX and a DOI',
      `<title>Bounds for $\\mathcal{O}(n)$ &amp; friends &#8212; revisited</title><description>arXiv:2509.00001v1 Announce Type: new
Abstract:   Spaces   collapse.</description><category>cs.LG</category><category>I.2.7</category><arxiv:announce_type>new</arxiv:announce_type><dc:creator>Zoë Ångström, B. Two</dc:creator><arxiv:DOI>10.1000/xyz</arxiv:DOI><arxiv:journal_reference>J. Fixt. 1 (2025)</arxiv:journal_reference>`,
      {
        title: 'Bounds for $\\mathcal{O}(n)$ & friends — revisited',
        abstract: 'Spaces collapse.',
        authors: ['Zoë Ångström', 'B. Two'],
        categories: ['cs.LG'],
        doi: '10.1000/xyz',
        journalRef: 'J. Fixt. 1 (2025)',
        firstSeen: '2025-09-30',
      },
    ],
  ])('parses %s', (_what, item, expected) => {
    const feed = parseListingFeed(rssWith(item), 'feed');
    expect(feed.rejected).toEqual([]);
    expect(feed.items[0]!.record.paper).toMatchObject(expected);
  });

  it('rejects an item with an unknown announce type or a bad id, keeping the others', () => {
    const feed = parseListingFeed(
      rssWith(`<title>x</title><description>arXiv:2509.00001v1 Announce Type: withdrawn
Abstract: y</description><arxiv:announce_type>withdrawn</arxiv:announce_type>`).replace(
        '</channel>',
        `<item><title>x</title><description>arXiv:not-an-id Announce Type: new
Abstract: y</description></item></channel>`,
      ),
      'feed',
    );
    expect(feed.items).toEqual([]);
    expect(feed.rejected.map((r) => r.reason)).toEqual([
      'unknown announce type "withdrawn"',
      '"not-an-id" is not an arXiv id',
    ]);
  });
});

describe('idMonth', () => {
  it.each([
    ['2509.17458', '2025-09-01'],
    ['0704.0001', '2007-04-01'],
    ['hep-th/9901001', '1999-01-01'],
    ['math.GT/0309136', '2003-09-01'],
    ['nonsense', undefined],
  ])('%s -> %s', (id, day) => expect(idMonth(id)).toBe(day));
});
