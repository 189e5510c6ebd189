// The instance's secret key (signs tokens and links): SECRET_KEY, or generated once into DATA_DIR.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import type { Store } from '../store/store.js';

/** Returns SECRET_KEY if set; otherwise reads DATA_DIR/secret.key, creating it (mode 600) on first start. */
export function ensureSecretKey(config: Config): string {
  if (config.secretKey) return config.secretKey;
  const file = path.join(config.dataDir, 'secret.key');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  fs.mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64url');
  // 'wx' fails if another process created it meanwhile; then theirs is the key.
  try {
    fs.writeFileSync(file, key + '\n', { mode: 0o600, flag: 'wx' });
    return key;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return fs.readFileSync(file, 'utf8').trim();
    throw e;
  }
}

/**
 * The key every process of a shared (PostgreSQL) deployment must agree on: SECRET_KEY if set; otherwise one key
 * kept in the store's meta table, created by whichever process asks first (seeded from DATA_DIR/secret.key when
 * that exists, so an instance moved over with `db copy` keeps signing and verifying its old links).
 */
export async function sharedSecretKey(config: Config, store: Store): Promise<string> {
  if (config.secretKey) return config.secretKey;
  let local: string | undefined;
  try {
    local = fs.readFileSync(path.join(config.dataDir, 'secret.key'), 'utf8').trim() || undefined;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  return store.setMetaIfAbsent('secret_key', local ?? randomBytes(32).toString('base64url'));
}
