// Configuration: environment variables and command-line flags, parsed once with zod into a frozen Config.
import { z } from 'zod';
import path from 'node:path';
import { UserError } from './errors.js';
import { signalKinds, type SignalKind } from './model/paper.js';

const port = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

const schema = z.object({
  port: port.default(3000),
  host: z.string().min(1).default('0.0.0.0'),
  dataDir: z.string().min(1, 'must not be empty').default('./data'),
  databaseUrl: z
    .string()
    .optional()
    .refine((v) => v === undefined || /^(postgres(ql)?|sqlite):/.test(v), {
      message: 'must start with postgres:// or sqlite: (leave it unset to use SQLite in DATA_DIR)',
    }),
  // Connections each process may open to PostgreSQL; N web + M worker processes need (N + M) x this in total.
  databasePoolSize: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .default(10),
  smtpUrl: z
    .string()
    .optional()
    .refine((v) => v === undefined || /^smtps?:\/\//.test(v), {
      message: 'must start with smtp:// or smtps://',
    }),
  // Messages per second at most through SMTP_URL (relays throttle or block bursts); 0 = no limit.
  smtpRate: z.coerce.number({ error: 'must be a number' }).min(0, 'must be 0 (no limit) or more').default(10),
  // The From of every email; a bare address gets the name "paperpulse". Default: digest@<PUBLIC_URL host>.
  mailFrom: z.string().trim().min(3).optional(),
  // Overrides of the trending weights, "kind=points,…" (e.g. "github_stars=8,pp_views=0.02"); see rank/score.ts.
  trendingWeights: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const out: Partial<Record<SignalKind, number>> = {};
      for (const part of (v ?? '').split(',').filter((p) => p.trim())) {
        const [kind, value] = part.split('=').map((x) => x.trim());
        const n = Number(value);
        if (
          !(signalKinds as readonly string[]).includes(kind ?? '') ||
          value === '' ||
          !Number.isFinite(n) ||
          n < 0
        ) {
          ctx.addIssue({
            code: 'custom',
            message: `"${part.trim()}" must be kind=number with a number of 0 or more and a kind among ${signalKinds.join(', ')}`,
          });
          return z.NEVER;
        }
        out[kind as SignalKind] = n;
      }
      return out;
    }),
  // Soft bounces (mailbox full, greylisting) counted before an address is suppressed; hard ones suppress at once.
  softBounceLimit: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .default(3),
  // At most one confirmation or sign-in email per address per this many seconds (against mail bombing).
  linkInterval: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0 or more')
    .default(60),
  // Signs bounce/complaint webhook calls (HMAC-SHA256); unset = derived from SECRET_KEY (`subscribers webhook-secret`).
  webhookSecret: z.string().min(16, 'must be at least 16 characters (or unset it to derive one)').optional(),
  publicUrl: z.url({ message: 'must be an absolute URL such as https://papers.example.org' }).optional(),
  secretKey: z.string().min(32, 'must be at least 32 characters (or unset it to generate one)').optional(),
  rateLimit: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0 (off) or more')
    .default(300),
  trustProxy: z.boolean().default(false),
  // Semantic search provider: unset = the built-in model; an OpenAI-compatible /v1/embeddings endpoint; or a
  // local ONNX model directory (search/embed/provider.ts checks the combinations).
  embeddingsUrl: z.url({ message: 'must be an absolute URL such as http://127.0.0.1:11434/v1' }).optional(),
  embeddingsModel: z.string().min(1).optional(),
  embeddingsApiKey: z.string().min(1).optional(),
  embeddingsDimension: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(8192, 'must be at most 8192')
    .optional(),
  embeddingsTimeoutMs: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(100, 'must be at least 100 (ms)')
    .default(10_000),
  embeddingsOnnxDir: z.string().min(1).optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  dev: z.boolean().default(false),
});

export type Config = Readonly<z.infer<typeof schema> & { dataDir: string; publicUrl: string }>;

const envNames: Record<string, string> = {
  port: 'PORT',
  host: 'HOST',
  dataDir: 'DATA_DIR',
  databaseUrl: 'DATABASE_URL',
  databasePoolSize: 'DATABASE_POOL_SIZE',
  smtpUrl: 'SMTP_URL',
  trendingWeights: 'TRENDING_WEIGHTS',
  smtpRate: 'SMTP_RATE',
  mailFrom: 'MAIL_FROM',
  softBounceLimit: 'SOFT_BOUNCE_LIMIT',
  linkInterval: 'LINK_INTERVAL',
  webhookSecret: 'WEBHOOK_SECRET',
  publicUrl: 'PUBLIC_URL',
  secretKey: 'SECRET_KEY',
  logLevel: 'LOG_LEVEL',
  rateLimit: 'RATE_LIMIT',
  trustProxy: 'TRUST_PROXY',
  embeddingsUrl: 'EMBEDDINGS_URL',
  embeddingsModel: 'EMBEDDINGS_MODEL',
  embeddingsApiKey: 'EMBEDDINGS_API_KEY',
  embeddingsDimension: 'EMBEDDINGS_DIMENSION',
  embeddingsTimeoutMs: 'EMBEDDINGS_TIMEOUT_MS',
  embeddingsOnnxDir: 'EMBEDDINGS_ONNX_DIR',
  dev: 'NODE_ENV',
};

/** Thrown when configuration is invalid; the message names each bad setting and what to do. */
export class ConfigError extends UserError {
  constructor(message: string) {
    super(message, 'config');
  }
}

/** Builds the Config from the environment, with command-line flags taking precedence. */
export function loadConfig(env: NodeJS.ProcessEnv, flags: Record<string, unknown> = {}): Config {
  const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());
  const input = {
    port: flags.port ?? blank(env.PORT),
    host: flags.host ?? blank(env.HOST),
    dataDir: flags.dataDir ?? blank(env.DATA_DIR),
    databaseUrl: blank(env.DATABASE_URL),
    databasePoolSize: blank(env.DATABASE_POOL_SIZE),
    smtpUrl: blank(env.SMTP_URL),
    trendingWeights: blank(env.TRENDING_WEIGHTS),
    smtpRate: blank(env.SMTP_RATE),
    mailFrom: blank(env.MAIL_FROM),
    softBounceLimit: blank(env.SOFT_BOUNCE_LIMIT),
    linkInterval: blank(env.LINK_INTERVAL),
    webhookSecret: blank(env.WEBHOOK_SECRET),
    publicUrl: blank(env.PUBLIC_URL),
    secretKey: blank(env.SECRET_KEY),
    logLevel: blank(env.LOG_LEVEL),
    rateLimit: blank(env.RATE_LIMIT),
    trustProxy: ['1', 'true', 'yes'].includes((env.TRUST_PROXY ?? '').trim().toLowerCase()),
    embeddingsUrl: blank(env.EMBEDDINGS_URL),
    embeddingsModel: blank(env.EMBEDDINGS_MODEL),
    embeddingsApiKey: blank(env.EMBEDDINGS_API_KEY),
    embeddingsDimension: blank(env.EMBEDDINGS_DIMENSION),
    embeddingsTimeoutMs: blank(env.EMBEDDINGS_TIMEOUT_MS),
    embeddingsOnnxDir: blank(env.EMBEDDINGS_ONNX_DIR),
    dev: env.NODE_ENV === 'development',
  };
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '');
      const name = envNames[key] ?? key;
      const flag =
        flags[key] !== undefined ? ` (--${key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())})` : '';
      return `  ${name}${flag}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return Object.freeze({
    ...c,
    dataDir: path.resolve(c.dataDir),
    publicUrl: (c.publicUrl ?? `http://localhost:${c.port}`).replace(/\/$/, ''),
  });
}
