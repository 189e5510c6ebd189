// The meta table's insert-if-absent, on both backends: of processes racing to create a value, one wins and all
// read the winner's value (the shared secret key relies on it).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backends, tempStore, type Backend, type TempStore } from '../../test/helpers/store.js';
import { openStore } from './open.js';

describe.each(backends)('setMetaIfAbsent (%s)', (backend: Backend) => {
  let t: TempStore;
  beforeEach(async () => {
    t = await tempStore(backend);
  });
  afterEach(() => t.cleanup());

  it('stores the first value and returns it to every later caller', async () => {
    expect(await t.store.setMetaIfAbsent('k', 'first')).toBe('first');
    expect(await t.store.setMetaIfAbsent('k', 'second')).toBe('first');
    expect(await t.store.getMeta('k')).toBe('first');
  });

  it('gives racing connections one and the same value', async () => {
    // Separate stores: separate connections (pools), as separate processes would have.
    const others = Array.from({ length: 4 }, () => openStore({ dataDir: t.dir, databaseUrl: t.url }));
    try {
      const all = [t.store, ...others];
      const got = await Promise.all(all.map((s, i) => s.setMetaIfAbsent('race', `value-${i}`)));
      expect(new Set(got).size).toBe(1);
      expect(await t.store.getMeta('race')).toBe(got[0]);
    } finally {
      await Promise.all(others.map((s) => s.close()));
    }
  });
});
