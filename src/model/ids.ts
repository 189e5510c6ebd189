// arXiv identifiers: new style (2509.17458, 0704.0001) and old style (hep-th/9901001, math.GT/0309136).

const newStyle = /^(\d{4}\.\d{4,5})(?:v(\d+))?$/;
const oldStyle = /^([a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v(\d+))?$/;

/** Splits an arXiv id (optionally prefixed by `arXiv:` or an abs/pdf URL) into id and version; undefined if invalid. */
export function parseArxivId(raw: string): { id: string; version: number | null } | undefined {
  const s = raw
    .trim()
    .replace(/^arxiv:/i, '')
    .replace(/^https?:\/\/(?:export\.)?arxiv\.org\/(?:abs|pdf)\//i, '')
    .replace(/\.pdf$/i, '');
  const m = newStyle.exec(s) ?? oldStyle.exec(s);
  if (!m?.[1]) return undefined;
  return { id: m[1], version: m[2] ? Number(m[2]) : null };
}
