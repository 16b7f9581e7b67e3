import { z } from 'zod';
import { envPrefix, SUBGRAPHS } from './topology';

// Every environment variable the product reads, validated in one place at start-up: a bad value
// stops the process with the variable's name and the rule (README "Configuration" lists the same).

export class SettingsError extends Error {}

const whole = (min: number) =>
  z.string().regex(/^\d+$/, `must be a whole number ≥ ${min}`).transform(Number).pipe(z.number().min(min, `must be a whole number ≥ ${min}`));
const url = (protocols: string[]) =>
  z.string().refine((v) => URL.canParse(v) && protocols.includes(new URL(v).protocol), `must be a ${protocols.join(' or ')} URL`);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as Asia/Shanghai');

const perSubgraph = Object.fromEntries(
  SUBGRAPHS.flatMap(({ name }) => [
    [`${envPrefix(name)}_URL`, url(['http:', 'https:']).optional()],
    [`${envPrefix(name)}_PORT`, whole(0).optional()],
    [`${envPrefix(name)}_DATABASE_URL`, url(['mysql:']).optional()],
  ]),
);

const base = z.object({
  NODE_ENV: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  DATA_DIR: z.string().min(1).optional(),
  // The gateway.
  PORT: whole(0).default(4000),
  HOST: z.string().min(1).optional(),
  JWKS_URL: url(['http:', 'https:']).optional(),
  JWKS_FILE: z.string().min(1).optional(),
  JWT_ISSUER: z.string().min(1).optional(),
  JWT_AUDIENCE: z.string().min(1).optional(),
  AUTHORIZATION_MODE: z.enum(['filter', 'reject', 'dry-run']).default('filter'),
  AUTHORIZATION_FILE: z.string().min(1).optional(),
  MAX_QUERY_DEPTH: whole(1).default(12),
  MAX_QUERY_ALIASES: whole(0).default(30),
  MAX_QUERY_COST: whole(1).default(20_000),
  MAX_QUERY_TOKENS: whole(1).default(5_000),
  MAX_QUERY_DATA_COST: whole(1).default(250_000),
  MAX_RESPONSE_BYTES: whole(1024).default(16 * 1024 * 1024),
  SHUTDOWN_DELAY_MS: whole(0).default(0),
  SUBGRAPH_CLIENT: z.enum(['undici', 'apollo']).default('undici'),
  REDIS_URL: url(['redis:', 'rediss:']).optional(),
  // OpenTelemetry traces: off unless one of these is set (kit/protocol/tracing.ts).
  OTEL_EXPORTER_OTLP_ENDPOINT: url(['http:', 'https:']).optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: url(['http:', 'https:']).optional(),
  // Subgraphs and their databases.
  SUBGRAPH_HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: url(['mysql:']).optional(),
  DATABASE_POOL_SIZE: whole(1).default(10),
  IDENTITY_PRIVATE_KEY_FILE: z.string().min(1).optional(),
  IDENTITY_PUBLIC_KEY_FILE: z.string().min(1).optional(),
  SERVICE_PRIVATE_KEY_FILE: z.string().min(1).optional(),
  SUBJECT_KEY_FILE: z.string().min(1).optional(),
  MEASURES_CATALOGUE_FILE: z.string().min(1).optional(),
  // The access log (its database is ACCESS_LOG_DATABASE_URL, from the per-subgraph settings): 001 Art. 30 spirit, 5 years.
  ACCESS_LOG_RETENTION_YEARS: whole(1).default(5),
  // The platform's calendar: its time zone, and a pinned day for drills and tests (never in production).
  CREDIT_TZ: timeZone.default('Asia/Shanghai'),
  CREDIT_TODAY: isoDate.optional(),
});
const schema = base.extend(perSubgraph);

export type Settings = z.output<typeof base> & Record<string, unknown>;

/** Reads and validates the environment; throws one SettingsError naming every bad variable. */
export function settings(env: NodeJS.ProcessEnv = process.env): Settings {
  const known = Object.fromEntries(Object.keys(schema.shape).flatMap((k) => (env[k] === undefined || env[k] === '' ? [] : [[k, env[k]]])));
  const parsed = schema.safeParse(known);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = String(i.path[0]);
      return `environment variable ${name}: ${i.message} (got "${String(env[name]).slice(0, 80)}")`;
    });
    throw new SettingsError(lines.join('\n'));
  }
  if (parsed.data.NODE_ENV === 'production' && parsed.data.CREDIT_TODAY) {
    throw new SettingsError('environment variable CREDIT_TODAY: pins the calendar for drills and tests, never in production');
  }
  return parsed.data as Settings;
}
