import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has working defaults for a fresh machine', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      rateLimit: 300,
      trustProxy: false,
      logLevel: 'info',
      databasePoolSize: 10,
    });
    expect(c.dataDir).toBe(path.resolve('./data'));
    expect(c.publicUrl).toBe('http://localhost:3000');
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('reads the environment, with flags taking precedence and blanks meaning unset', () => {
    const c = loadConfig(
      {
        PORT: '8080',
        DATA_DIR: '  ',
        PUBLIC_URL: 'https://papers.example.org/',
        RATE_LIMIT: '0',
        TRUST_PROXY: 'true',
        DATABASE_URL: 'postgresql://pp@db.example.org/pp',
        DATABASE_POOL_SIZE: '25',
      },
      { port: '9090', dataDir: undefined },
    );
    expect(c).toMatchObject({
      port: 9090,
      rateLimit: 0,
      trustProxy: true,
      publicUrl: 'https://papers.example.org',
      databaseUrl: 'postgresql://pp@db.example.org/pp',
      databasePoolSize: 25,
    });
    expect(c.dataDir).toBe(path.resolve('./data'));
  });

  it.each([
    [{ PORT: 'notaport' }, {}, /PORT: must be a number/],
    [{ PORT: '70000' }, {}, /PORT: must be between 0 and 65535/],
    [{}, { port: 'x' }, /PORT \(--port\): must be a number/],
    [{ DATABASE_URL: 'mysql://x' }, {}, /DATABASE_URL: must start with postgres/],
    [{ SMTP_URL: 'http://mail' }, {}, /SMTP_URL: must start with smtp/],
    [{ PUBLIC_URL: 'papers.example.org' }, {}, /PUBLIC_URL: must be an absolute URL/],
    [{ SECRET_KEY: 'short' }, {}, /SECRET_KEY: must be at least 32 characters/],
    [{ LOG_LEVEL: 'loud' }, {}, /LOG_LEVEL/],
    [{ RATE_LIMIT: '-1' }, {}, /RATE_LIMIT: must be 0 \(off\) or more/],
    [{ DATABASE_POOL_SIZE: '0' }, {}, /DATABASE_POOL_SIZE: must be at least 1/],
    [{ DATABASE_POOL_SIZE: 'many' }, {}, /DATABASE_POOL_SIZE: must be a number/],
  ])('rejects %j %j with a message naming the setting', (env, flags, message) => {
    expect(() => loadConfig(env, flags)).toThrow(ConfigError);
    expect(() => loadConfig(env, flags)).toThrow(message);
  });

  it('lists every bad setting at once', () => {
    expect(() => loadConfig({ PORT: 'x', LOG_LEVEL: 'loud' })).toThrow(/PORT[\s\S]*LOG_LEVEL/);
  });
});

describe('TRENDING_WEIGHTS', () => {
  it('overrides named weights', () => {
    expect(loadConfig({ TRENDING_WEIGHTS: 'github_stars=8, pp_views=0.02' }).trendingWeights).toEqual({
      github_stars: 8,
      pp_views: 0.02,
    });
    expect(loadConfig({}).trendingWeights).toEqual({});
  });

  it.each(['stars=8', 'hf_upvotes=-1', 'hf_upvotes=', 'hf_upvotes=lots'])(
    'refuses %s, naming the variable',
    (v) => {
      expect(() => loadConfig({ TRENDING_WEIGHTS: v })).toThrow(/TRENDING_WEIGHTS: .*kind=number/);
    },
  );
});

describe('subscriber settings', () => {
  it('default to 3 soft bounces, one link email a minute, and a derived webhook key', () => {
    expect(loadConfig({})).toMatchObject({ softBounceLimit: 3, linkInterval: 60, webhookSecret: undefined });
    expect(
      loadConfig({ SOFT_BOUNCE_LIMIT: '5', LINK_INTERVAL: '0', WEBHOOK_SECRET: 'sixteen-chars-or-more' }),
    ).toMatchObject({ softBounceLimit: 5, linkInterval: 0, webhookSecret: 'sixteen-chars-or-more' });
  });

  it('refuses bad values, naming the variable', () => {
    expect(() => loadConfig({ SOFT_BOUNCE_LIMIT: '0' })).toThrow(/SOFT_BOUNCE_LIMIT: must be at least 1/);
    expect(() => loadConfig({ LINK_INTERVAL: '-1' })).toThrow(/LINK_INTERVAL: must be 0 or more/);
    expect(() => loadConfig({ WEBHOOK_SECRET: 'short' })).toThrow(/WEBHOOK_SECRET: must be at least 16/);
  });
});
