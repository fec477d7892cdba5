import { z } from 'zod';

// Every environment variable the services read, with its default. `process.env` is read here only;
// the rest of the code receives a validated, typed AppConfig. Keep .env.example in step with this.
const port = z.coerce.number().int().min(1).max(65535);
const positiveInt = z.coerce.number().int().positive();
const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.optional(),
  // architecture.md §3 rev. 2: loopback unless the deployment says otherwise (containers: 0.0.0.0).
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  DATA_DIR: z.string().min(1).default('./.data'),
  EMBEDDED_PG_PORT: port.default(54329),
  NATS_URL: optionalString,
  NATS_USER: optionalString,
  NATS_PASS: optionalString,
  BOOTSTRAP_ADMIN_TOKEN: optionalString.pipe(
    z.string().min(24, 'must be at least 24 characters (it is an admin credential)').optional(),
  ),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
  LOG_FORMAT: z.enum(['json', 'text']).default('json'),
  // 1,000: a backlog drained 4–24% faster than with 500, with 5–12% less CPU, the lanes' transactions
  // twice as large (their KPI counter upserts grow less than their rows); docs/benchmarks.md, session 22.
  INGEST_BATCH_SIZE: positiveInt.max(1000).default(1000),
  INGEST_FLUSH_MS: positiveInt.max(10000).default(50),
  INGEST_MAX_IN_FLIGHT: positiveInt.max(8).default(2),
  INGEST_MAX_DELIVER: positiveInt.max(100).default(5),
  INGEST_ACK_WAIT_SECONDS: positiveInt.max(3600).default(30),
  INGEST_RETRY_BASE_MS: positiveInt.max(600_000).default(1000),
  INGEST_RETRY_MAX_MS: positiveInt.max(3_600_000).default(30_000),
  KPI_GAUGE_REFRESH_SECONDS: positiveInt.default(30),
  SOURCE_TIMEOUT_MS: positiveInt.default(10000),
  RATE_LIMIT_REQUESTS: positiveInt.default(1200),
  RATE_LIMIT_WINDOW_SECONDS: positiveInt.max(3600).default(60),
  SEED_PLAN: z.enum(['true', 'false']).default('true'),
  SEED_CATALOG: z.enum(['true', 'false']).default('true'),
  // Reports (architecture.md §7, revision 2).
  REPORT_WINDOW: z.enum(['calendar', 'decree09'], 'must be calendar or decree09').default('decree09'),
  REPORT_DEADLINE_DAYS: z.coerce.number().int().min(0).max(30).default(2),
  REPORT_SIGNER_TITLE: z
    .string()
    .trim()
    .min(1, 'must name the signer title, e.g. "KT. GIÁM ĐỐC/PHÓ GIÁM ĐỐC"')
    .max(200)
    .default('KT. GIÁM ĐỐC/PHÓ GIÁM ĐỐC'),
  REPORT_SIGNER_NAME: optionalString,
  // Plan follow-up (architecture.md §6, revision 2); REPORT_WINDOW above is the window in force.
  REMINDER_DAYS: z.coerce.number().int().min(0).max(60).default(5),
  PLAN_GAUGE_REFRESH_SECONDS: positiveInt.max(60).default(30),
});

export type ServiceName = 'plan-management' | 'tthc-metrics' | 'reporting' | 'all-in-one';

export const DEFAULT_PORTS: Record<ServiceName, number> = {
  'all-in-one': 3000,
  'plan-management': 3001,
  'tthc-metrics': 3002,
  reporting: 3003,
};

export interface AppConfig {
  service: ServiceName;
  env: 'development' | 'production' | 'test';
  port: number;
  /** Address HTTP listens on: 127.0.0.1 unless HOST is set. */
  host: string;
  /** Unset: an embedded PostgreSQL under `dataDir` is started (all-in-one). */
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  /** Unset: the in-process transport is used (all-in-one). */
  natsUrl: string | undefined;
  /** Per-service NATS credentials (deploy/nats/nats.conf); unset on an open server. */
  natsUser: string | undefined;
  natsPass: string | undefined;
  bootstrapAdminToken: string | undefined;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  logFormat: 'json' | 'text';
  ingest: {
    batchSize: number;
    flushMs: number;
    /** JetStream batches handled at the same time (the next is pulled while one commits). */
    maxInFlight: number;
    /** Kept for compatibility: the event consumer never gives up on a message (rev. 2). */
    maxDeliver: number;
    ackWaitSeconds: number;
    /** Redelivery delay after a failed batch, doubling per delivery from base to max. */
    retryBaseMs: number;
    retryMaxMs: number;
  };
  kpiGaugeRefreshSeconds: number;
  /** Requests per token (or per address without one) in each window, then 429 with Retry-After. */
  rateLimit: { requests: number; windowSeconds: number };
  sourceTimeoutMs: number;
  seedPlan: boolean;
  seedCatalog: boolean;
  /** Reports: default window, submission deadline and signature (architecture.md §7). */
  report: {
    window: 'calendar' | 'decree09';
    deadlineWorkingDays: number;
    /** Lines of the signature title, top first: ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"] or ["GIÁM ĐỐC"]. */
    signerTitle: string[];
    /** Unset: the signer of the plan's decision. */
    signerName: string | undefined;
  };
  /** Working days before a period's cut-off from which a missing progress report is reminded. */
  reminderDays: number;
  /** How often the plan gauges are recomputed, in seconds (at most a minute, so they age). */
  planGaugeRefreshSeconds: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Validates the environment once at start-up. Throws {@link ConfigError} naming every bad variable.
 */
export function loadConfig(
  service: ServiceName,
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<AppConfig> = {},
): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`),
    );
  }
  const e = parsed.data;
  return {
    service,
    env: e.NODE_ENV,
    port: e.PORT ?? DEFAULT_PORTS[service],
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    natsUrl: e.NATS_URL,
    natsUser: e.NATS_USER,
    natsPass: e.NATS_PASS,
    bootstrapAdminToken: e.BOOTSTRAP_ADMIN_TOKEN,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    ingest: {
      batchSize: e.INGEST_BATCH_SIZE,
      flushMs: e.INGEST_FLUSH_MS,
      maxInFlight: e.INGEST_MAX_IN_FLIGHT,
      maxDeliver: e.INGEST_MAX_DELIVER,
      ackWaitSeconds: e.INGEST_ACK_WAIT_SECONDS,
      retryBaseMs: e.INGEST_RETRY_BASE_MS,
      retryMaxMs: e.INGEST_RETRY_MAX_MS,
    },
    kpiGaugeRefreshSeconds: e.KPI_GAUGE_REFRESH_SECONDS,
    rateLimit: { requests: e.RATE_LIMIT_REQUESTS, windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS },
    sourceTimeoutMs: e.SOURCE_TIMEOUT_MS,
    seedPlan: e.SEED_PLAN === 'true',
    seedCatalog: e.SEED_CATALOG === 'true',
    report: {
      window: e.REPORT_WINDOW,
      deadlineWorkingDays: e.REPORT_DEADLINE_DAYS,
      // "KT. GIÁM ĐỐC/PHÓ GIÁM ĐỐC": one line per "/" (or "|"), as Decree 30 sets a deputy's signature.
      signerTitle: e.REPORT_SIGNER_TITLE.split(/[/|]/)
        .map((l) => l.trim())
        .filter((l) => l !== ''),
      signerName: e.REPORT_SIGNER_NAME,
    },
    reminderDays: e.REMINDER_DAYS,
    planGaugeRefreshSeconds: e.PLAN_GAUGE_REFRESH_SECONDS,
    ...overrides,
  };
}
