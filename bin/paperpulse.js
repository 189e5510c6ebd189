#!/usr/bin/env node
// Entry point for `npx paperpulse`: runs the compiled CLI (built by `npm install` via the prepare script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));
if (!existsSync(main)) {
  console.error(
    'paperpulse is not built yet: run `npm install` (or `npm run build`) in the project folder first.',
  );
  process.exit(1);
}
await import(main);
