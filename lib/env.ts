import path from "node:path";
import { z } from "zod";

/**
 * Every environment variable Podium reads, parsed in one place. Secrets that the embedded default
 * can generate (NEXTAUTH_SECRET, PODIUM_ENCRYPTION_KEY) are filled in by `lib/runtime/bootstrap.ts`
 * before anything reads them; with DATABASE_URL they must be given.
 */
const bool = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off", ""])
  .transform((v) => v === "1" || v === "true" || v === "yes" || v === "on");

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// or postgresql://")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  PODIUM_DATA_DIR: z.string().default(".data"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOSTNAME: z.string().default("0.0.0.0"),
  NEXTAUTH_URL: z.string().url().optional(),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters").optional(),
  PODIUM_ENCRYPTION_KEY: z.string().optional(),
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: z.string().min(10, "ADMIN_PASSWORD must be at least 10 characters").optional(),
  /** Load the demo helpdesk on first start. Default: on for the embedded database, off for DATABASE_URL. */
  PODIUM_DEMO: bool.optional(),
  /** `inline`: the web process runs the scheduled jobs; `off`: a separate `npm run worker` does. */
  PODIUM_JOBS: z.enum(["inline", "off"]).default("inline"),
  JOB_SYNC_SCHEDULE: z.string().optional(),
  JOB_CONFIRM_SCHEDULE: z.string().optional(),
  JOB_DIGEST_SCHEDULE: z.string().optional(),
  JOB_QUARTER_CLOSE_SCHEDULE: z.string().optional(),
  /** Telegram Bot API base (tests point it at a local receiver). */
  PODIUM_TELEGRAM_API_BASE: z.string().url().default("https://api.telegram.org"),
  JOB_QUOTAS_SCHEDULE: z.string().optional(),
  JOB_QUOTAS_DAILY_SCHEDULE: z.string().optional(),
  JOB_HANDICAP_SCHEDULE: z.string().optional(),
  /** Demo helpdesk: days of history generated before the first start. */
  PODIUM_DEMO_DAYS: z.coerce.number().int().min(1).max(365).default(90),
  /** Gzip responses in Node (read by next.config.ts); off by default: the TLS proxy in front compresses. */
  PODIUM_COMPRESS: bool.optional(),
  /** Web processes with DATABASE_URL (default: one per core, up to 4); the embedded database always uses one. */
  PODIUM_WEB_PROCESSES: z.coerce.number().int().min(1).max(64).optional(),
  /** Log one `[timing]` line per request (its time inside the server); bench:web reads them. */
  PODIUM_REQUEST_TIMING: bool.optional(),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

/** Tests and the bootstrap change process.env; they call this so the next read sees it. */
export function resetEnvCache(): void {
  cached = undefined;
}

export function dataDir(env: Env = getEnv()): string {
  return path.resolve(env.PODIUM_DATA_DIR);
}

export function isEmbedded(env: Env = getEnv()): boolean {
  return !env.DATABASE_URL;
}

export function demoEnabled(env: Env = getEnv()): boolean {
  return env.PODIUM_DEMO ?? isEmbedded(env);
}
