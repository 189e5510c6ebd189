// Paths to and contents of the real data files in test/fixtures (see its README.md).
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path of a file under test/fixtures. */
export const fixturePath = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

/** The parsed non-blank lines of a JSON-lines fixture, in file order. */
export function jsonLines(name: string): unknown[] {
  return fs
    .readFileSync(fixturePath(name), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as unknown);
}

/** A whole JSON fixture (e.g. a raw Hugging Face day). */
export const jsonFile = (name: string): unknown => JSON.parse(fs.readFileSync(fixturePath(name), 'utf8'));
