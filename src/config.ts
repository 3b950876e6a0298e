import { z } from 'zod';

const optionalUrl = z
  .string()
  .trim()
  .url('must be a URL')
  .optional()
  .or(z.literal('').transform(() => undefined));

/** Every setting comes from the environment; this is the one place that reads it. */
export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    EVENT_STORE: z.enum(['pglite', 'postgres', 'esdb']).default('pglite'),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: optionalUrl,
    EVENTSTORE_URL: optionalUrl.describe('esdb://host:2113?tls=false'),
    REDIS_URL: optionalUrl,
    /** Notifications go out through this SMTP server (smtp://user:pass@host:587); unset: they land in the `outbox` table. */
    SMTP_URL: optionalUrl,
    TYPESENSE_URL: optionalUrl,
    TYPESENSE_API_KEY: z.string().optional(),
    HOST: z.string().default('0.0.0.0'),
    PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    // Secrets: checked where they are used (resolvePiiMasterKey, resolveEmailHashSecret), because a
    // failed check here would echo the value. Required in production; development derives fixed ones.
    /** Wraps every per-customer PII key: 32 random bytes, base64 (`openssl rand -base64 32`). */
    PII_MASTER_KEY: z.string().optional(),
    /** Keys the hash that names email-claim streams: at least 32 random characters. */
    EMAIL_HASH_SECRET: z.string().optional(),
    /** Signs the API's bearer tokens (HS256): at least 32 random characters. */
    JWT_SECRET: z.string().optional(),
    /** How long a bearer token lives, in seconds. Roles and erasure count at once regardless. */
    JWT_TTL_SECONDS: z.coerce.number().int().min(60).max(30 * 24 * 3600).default(3600),
    /** Comma-separated origins allowed by CORS, or `*`; empty allows none (same-origin only). */
    CORS_ORIGINS: z.string().default(''),
    /** Requests per minute per client on /auth and checkout routes. */
    RATE_LIMIT_AUTH_PER_MINUTE: z.coerce.number().int().min(1).default(20),
    RATE_LIMIT_CHECKOUT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
    /** The first admin: created (or granted the role) at start-up when both are set. */
    ADMIN_EMAIL: z.string().optional(),
    ADMIN_PASSWORD: z.string().optional(),
  })
  .superRefine((config, ctx) => {
    if (config.EVENT_STORE === 'postgres' && !config.DATABASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'is required when EVENT_STORE=postgres' });
    }
    if (config.EVENT_STORE === 'esdb' && !config.EVENTSTORE_URL) {
      ctx.addIssue({ code: 'custom', path: ['EVENTSTORE_URL'], message: 'is required when EVENT_STORE=esdb' });
    }
    if (config.TYPESENSE_URL && !config.TYPESENSE_API_KEY) {
      ctx.addIssue({ code: 'custom', path: ['TYPESENSE_API_KEY'], message: 'is required when TYPESENSE_URL is set' });
    }
  });

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment; a bad value throws one line naming the variable and what is wrong with it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const variable = issue.path.join('.') || 'environment';
    const value = env[variable];
    return `${variable} ${issue.message}${value !== undefined && value !== '' ? ` (got ${JSON.stringify(value)})` : ''}`;
  });
  throw new ConfigError(`invalid configuration: ${lines.join('; ')}`);
}
