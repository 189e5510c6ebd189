// `paperpulse trending recompute` as a user runs it: the real CLI on a temp data dir with real HF rows.
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir, runCli, tempDir } from '../helpers/server.js';
import { fixturePath } from '../helpers/fixtures.js';

const dir = tempDir();
afterAll(() => removeDir(dir));

describe('paperpulse trending recompute', () => {
  it('scores everything first, then only what changed, with no progress bar off a terminal', async () => {
    const imp = await runCli(['import', fixturePath('hf-daily-sample.jsonl'), '--data-dir', dir]);
    expect(imp.code).toBe(0);
    const first = await runCli(['trending', 'recompute', '--data-dir', dir]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Scored \d+ papers \(full\) as of \S+ in [\d.]+ s\.\n$/);
    // stderr is a pipe here: no bar, no escape sequences.
    expect(first.stderr).not.toContain('Scoring');
    expect(first.stderr).not.toContain('\u001b[');
    const again = await runCli(['trending', 'recompute', '--data-dir', dir, '--no-decay']);
    expect(again.stdout).toMatch(/\(incremental\)/);
    const full = await runCli(['trending', 'recompute', '--full', '--data-dir', dir, '--batch-size', '7']);
    expect(full.stdout).toMatch(/\(full\)/);
  }, 60_000);

  it('refuses a bad batch size with a usage error', async () => {
    const r = await runCli(['trending', 'recompute', '--batch-size', '0', '--data-dir', dir]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('--batch-size must be a whole number');
  });
});
