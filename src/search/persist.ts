// The index on disk: one binary segment file plus manifest.json (format version, change cursor, doc count,
// checksum). A manifest that does not match its segment means "corrupt": the caller rebuilds.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { Segment, type SegmentArrays } from './segment.js';

/** Bumped whenever the file layout or the meaning of a field changes; other versions are rebuilt. */
export const FORMAT_VERSION = 1;

const arrayKinds = {
  days: Int32Array,
  deleted: Uint32Array,
  hasCode: Uint32Array,
  postStart: Uint32Array,
  postDocs: Uint32Array,
  postImpact: Uint16Array,
  blockStart: Uint32Array,
  blockMax: Uint16Array,
} as const;
type ArrayName = keyof typeof arrayKinds;
const textKinds = ['ids', 'terms'] as const;
type TextName = (typeof textKinds)[number];

const section = z.object({
  name: z.string(),
  offset: z.number().int().min(0),
  bytes: z.number().int().min(0),
});
const manifestSchema = z.object({
  format: z.literal(FORMAT_VERSION),
  file: z.string().regex(/^segment-[\w.-]+\.bin$/),
  bytes: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  cursor: z.number().int().min(0),
  docCount: z.number().int().min(0),
  createdAt: z.string(),
  meta: z.object({
    analyzer: z.enum(['porter', 's-stem', 'none']),
    params: z.object({ k1: z.number(), b: z.number(), titleWeight: z.number(), authorWeight: z.number() }),
    liveDocs: z.number().int().min(0),
    avgLen: z.number(),
  }),
  sections: z.array(section),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** Why an index on disk cannot be used; the service rebuilds and says why in the log. */
export class IndexUnusable extends Error {}

/** Writes `seg` as the index in `dir`, reached up to change cursor `cursor`; atomic (manifest renamed last). */
export function writeIndex(dir: string, seg: Segment, cursor: number): Manifest {
  fs.mkdirSync(dir, { recursive: true });
  const parts: { name: string; bytes: Uint8Array }[] = [];
  for (const name of textKinds) parts.push({ name, bytes: Buffer.from(seg.a[name].join('\n'), 'utf8') });
  for (const name of Object.keys(arrayKinds) as ArrayName[]) {
    const a = seg.a[name];
    parts.push({ name, bytes: new Uint8Array(a.buffer, a.byteOffset, a.byteLength) });
  }
  const file = `segment-${cursor}-${Date.now()}.bin`;
  const tmp = path.join(dir, `${file}.tmp`);
  const fd = fs.openSync(tmp, 'w');
  const hash = createHash('sha256');
  const sections: Manifest['sections'] = [];
  let offset = 0;
  const pad = new Uint8Array(8);
  try {
    for (const p of parts) {
      sections.push({ name: p.name, offset, bytes: p.bytes.byteLength });
      // Sections start on 8-byte boundaries so typed arrays can view the file's buffer without copying.
      const padding = (8 - (p.bytes.byteLength % 8)) % 8;
      for (const chunk of [p.bytes, pad.subarray(0, padding)]) {
        fs.writeSync(fd, chunk);
        hash.update(chunk);
      }
      offset += p.bytes.byteLength + padding;
    }
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, path.join(dir, file));
  const manifest: Manifest = {
    format: FORMAT_VERSION,
    file,
    bytes: offset,
    sha256: hash.digest('hex'),
    cursor,
    docCount: seg.docCount,
    createdAt: new Date().toISOString(),
    meta: seg.meta,
    sections,
  };
  const mtmp = path.join(dir, 'manifest.json.tmp');
  fs.writeFileSync(mtmp, JSON.stringify(manifest, null, 1));
  fs.renameSync(mtmp, path.join(dir, 'manifest.json'));
  // Older segment files are no longer referenced by the manifest.
  for (const f of fs.readdirSync(dir)) {
    if (f !== file && /^segment-.*\.bin(\.tmp)?$/.test(f)) fs.rmSync(path.join(dir, f), { force: true });
  }
  return manifest;
}

/** Loads the index in `dir`; throws IndexUnusable (missing, other format, size or checksum mismatch). */
export function readIndex(dir: string): { seg: Segment; manifest: Manifest } {
  const mpath = path.join(dir, 'manifest.json');
  if (!fs.existsSync(mpath)) throw new IndexUnusable('no index yet');
  let manifest: Manifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(fs.readFileSync(mpath, 'utf8')));
  } catch (e) {
    throw new IndexUnusable('manifest.json is unreadable or from another format version', { cause: e });
  }
  const fpath = path.join(dir, manifest.file);
  if (!fs.existsSync(fpath)) throw new IndexUnusable(`${manifest.file} is missing`);
  const buf = fs.readFileSync(fpath);
  if (buf.byteLength !== manifest.bytes) throw new IndexUnusable(`${manifest.file} has the wrong size`);
  if (createHash('sha256').update(buf).digest('hex') !== manifest.sha256) {
    throw new IndexUnusable(`${manifest.file} does not match its checksum`);
  }
  // Small files may share Node's pooled buffer at an odd offset; typed arrays need an aligned one.
  const bytes = buf.byteOffset % 8 === 0 ? buf : Buffer.from(Uint8Array.prototype.slice.call(buf));
  const at = (name: string) => {
    const s = manifest.sections.find((x) => x.name === name);
    if (!s || s.offset + s.bytes > bytes.byteLength) throw new IndexUnusable(`section ${name} is missing`);
    return s;
  };
  const text = (name: TextName) => {
    const s = at(name);
    const str = bytes.toString('utf8', s.offset, s.offset + s.bytes);
    return str === '' ? [] : str.split('\n');
  };
  const array = <N extends ArrayName>(name: N) => {
    const s = at(name);
    const Kind = arrayKinds[name];
    return new Kind(bytes.buffer, bytes.byteOffset + s.offset, s.bytes / Kind.BYTES_PER_ELEMENT);
  };
  const a = {
    ids: text('ids'),
    terms: text('terms'),
    ...Object.fromEntries((Object.keys(arrayKinds) as ArrayName[]).map((n) => [n, array(n)])),
  } as SegmentArrays;
  if (a.ids.length !== manifest.docCount || a.postStart.length !== a.terms.length + 1) {
    throw new IndexUnusable('the segment does not match its manifest');
  }
  return { seg: new Segment(a, manifest.meta), manifest };
}
