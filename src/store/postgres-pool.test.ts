// Where a DATABASE_URL points, as error messages name it: never with the password.
import { describe, it, expect } from 'vitest';
import { describeUrl } from './postgres-pool.js';

describe('describeUrl', () => {
  it.each([
    ['postgres://pp:s3cret@db.example.org:5433/papers', 'db.example.org:5433/papers'],
    ['postgresql://pp@db.example.org/papers', 'db.example.org:5432/papers'],
    ['postgres:///papers?host=%2Fvar%2Frun%2Fpostgresql', '/var/run/postgresql:5432/papers'],
    ['postgres://pp:s3cret@[::1]:5432/papers?sslmode=require', '[::1]:5432/papers'],
    ['not a url with s3cret', 'the configured server'],
  ])('%s -> %s', (url, expected) => {
    expect(describeUrl(url)).toBe(expected);
    expect(describeUrl(url)).not.toContain('s3cret');
  });
});
