import { z } from "zod";
import { parseEncryptionKeys } from "../security/token-cipher.js";
import { DEFAULT_POST_RATE_PER_MINUTE } from "../slack/rate-limits.js";

const slackToken = (prefix: string) =>
  z
    .string()
    .trim()
    .refine((v) => v.startsWith(prefix), { message: `must start with "${prefix}"` });

const url = (protocols: string[]) =>
  z
    .string()
    .trim()
    .refine(
      (v) => {
        try {
          return protocols.includes(new URL(v).protocol);
        } catch {
          return false;
        }
      },
      { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(" or ")}` },
    );

const intFrom = (min: number, max: number) => {
  const error = `must be a whole number from ${min} to ${max}`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};

/** Loopback hosts: plain http is allowed to them only (the fake Slack in tests, the demo). */
function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * The Web API base: https, or http to a loopback address only. The bot token travels in every
 * request, so plain http to any other host would send it in clear text.
 */
const slackApiUrl = z
  .string()
  .trim()
  .refine(
    (v) => {
      try {
        const u = new URL(v);
        return u.protocol === "https:" || (u.protocol === "http:" && isLoopbackHost(u.hostname));
      } catch {
        return false;
      }
    },
    { message: "must be an https:// URL (http:// only to localhost, 127.0.0.0/8 or ::1, for tests and the demo)" },
  );

/**
 * Every environment variable the app reads. `.env.example` documents each one; keep them in sync.
 * Empty strings count as unset, so a blank line in .env falls back to the default.
 */
const envObject = z.object({
  /**
   * Bot token (xoxb-…) of the one workspace the app serves (single-workspace mode). Required unless
   * OAuth distribution is configured (SLACK_CLIENT_ID …); ignored when it is.
   */
  SLACK_BOT_TOKEN: slackToken("xoxb-").optional(),
  /**
   * OAuth distribution (HTTP mode): with SLACK_CLIENT_ID set, any workspace installs the app through
   * GET /slack/install, and each workspace's own token is used for its calls. All four are then required.
   */
  SLACK_CLIENT_ID: z.string().trim().regex(/^[0-9]+\.[0-9]+$/, "must be the app's Client ID (Basic Information page), like 1234567890.1234567890").optional(),
  /** Client Secret from Basic Information → App Credentials. */
  SLACK_CLIENT_SECRET: z.string().trim().min(8, "must be the app's Client Secret (Basic Information page)").optional(),
  /** Signs the OAuth state parameter (any long random string, e.g. `openssl rand -hex 32`). */
  SLACK_STATE_SECRET: z.string().trim().min(16, "must be at least 16 characters (e.g. openssl rand -hex 32)").optional(),
  /**
   * Keys that encrypt stored tokens (AES-256-GCM): `id:base64key` pairs separated by commas, each
   * key 32 bytes (`openssl rand -base64 32`). The first encrypts, every one decrypts.
   */
  TOKEN_ENCRYPTION_KEYS: z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      for (const problem of parseEncryptionKeys(value).problems) ctx.addIssue({ code: "custom", message: problem });
    })
    .optional(),
  /**
   * Workspace-wide chat.postMessage budget per minute (Slack does not publish its limit; operators
   * of large bots report about 500). Big slots are spread so each workspace stays under it. Default 500.
   */
  SLACK_POST_RATE_PER_MINUTE: intFrom(1, 10_000).default(DEFAULT_POST_RATE_PER_MINUTE),
  /** Days a workspace's data is kept after app_uninstalled / tokens_revoked (reinstalling within it keeps history). Default 30. */
  DATA_RETENTION_DAYS: intFrom(0, 3650).default(30),
  /** Signing secret from the app's Basic Information page; verifies every request. Required. */
  SLACK_SIGNING_SECRET: z.string().trim().min(8, "must be the app's signing secret (Basic Information page)"),
  /** App-level token (xapp-…). When set, the app connects over Socket Mode instead of HTTP. */
  SLACK_APP_TOKEN: slackToken("xapp-").optional(),
  /** Web API base URL. Default Slack's; GovSlack and tests point it elsewhere. */
  SLACK_API_URL: slackApiUrl.default("https://slack.com/api/"),
  /** Bot user id and bot id; optional. When both are set, start-up skips auth.test. */
  SLACK_BOT_USER_ID: z.string().trim().optional(),
  SLACK_BOT_ID: z.string().trim().optional(),
  /** How many times a Web API call is retried on 5xx/network errors (429s go to the job queue). Default 3. */
  SLACK_API_RETRIES: intFrom(0, 10).default(3),
  /** PostgreSQL connection string. Required. */
  DATABASE_URL: url(["postgres:", "postgresql:"]),
  /**
   * Where the job queues live: "redis" (default, production) or "postgres" (BullMQ's PostgreSQL
   * backend in DATABASE_URL, schema "bullmq": for a machine without Redis, e.g. `npm run demo`).
   */
  QUEUE_BACKEND: z.enum(["redis", "postgres"]).default("redis"),
  /** Redis connection string. Default redis://127.0.0.1:6379. */
  REDIS_URL: url(["redis:", "rediss:"]).default("redis://127.0.0.1:6379"),
  /** HTTP port for /slack/events and the health endpoints. Default 3000. */
  PORT: intFrom(0, 65535).default(3000),
  /** web = HTTP only, worker = job workers only, all = both (default). */
  ROLE: z.enum(["web", "worker", "all"]).default("all"),
  /** pino level. Default info. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /**
   * Bearer token for GET /metrics (Prometheus: `authorization: { credentials: … }`). Unset: /metrics
   * is open, for a scrape on a private network. At least 16 characters.
   */
  METRICS_TOKEN: z.string().trim().min(16, "must be at least 16 characters").optional(),
  /** Basic-auth user for the queue dashboard at /admin/queues. The dashboard is off unless both this and ADMIN_PASSWORD are set. */
  ADMIN_USERNAME: z.string().trim().min(1).optional(),
  /** Basic-auth password for /admin/queues. At least 12 characters. */
  ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").optional(),
  /** Allow retry/clean/pause/promote/add in the queue dashboard. Default false (read-only). */
  ADMIN_QUEUE_ACTIONS: z
    .enum(["true", "false", "1", "0"], { error: "must be true or false" })
    .default("false")
    .transform((v) => v === "true" || v === "1"),
  /**
   * Public HTTPS base URL of the web role (e.g. https://stretch.example.com). When set, App Home
   * shows the participation chart as an image served from here at a signed, expiring URL; unset,
   * Home keeps its text bars.
   */
  PUBLIC_URL: url(["https:", "http:"]).optional(),
  /** How long a signed chart URL stays valid, in minutes. Default 1440 (a day). */
  CHART_URL_TTL_MINUTES: intFrom(1, 10_080).default(1440),
  /** Shortest interval a schedule may use, in minutes. Default 15. */
  SCHEDULE_MIN_INTERVAL_MINUTES: intFrom(1, 1440).default(15),
  /** How often job schedulers are reconciled against Postgres, in seconds. Default 30. */
  RECONCILE_INTERVAL_SECONDS: intFrom(1, 3600).default(30),
  /** BullMQ key prefix; lets several deployments (or test runs) share one Redis. Default "stretch". */
  QUEUE_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9:_-]+$/, "may contain letters, digits, ':', '_' and '-' only")
    .default("stretch"),
  /**
   * Delivery jobs in flight per worker process. Each mostly waits on Slack and on batched SQL, so
   * high values are cheap; the bench peaks around 400 on 2 cores. Default 200.
   */
  WORKER_CONCURRENCY: intFrom(1, 500).default(200),
  /**
   * How long a worker's claim on a prompt holds, in seconds. A claim older than this with no
   * recorded message means the worker died mid-post: the retry checks Slack before reposting.
   * Must exceed the longest Slack call (10 s timeout). Default 60.
   */
  DELIVERY_LEASE_SECONDS: intFrom(1, 3600).default(60),
  /**
   * After an outage (Redis lost, workers down) the reconciler sends each target the latest slot it
   * missed within the last N minutes: one catch-up prompt, never a backlog. 0 = none. Default 30.
   */
  SLOT_CATCHUP_MINUTES: intFrom(0, 1440).default(30),
  /** `/stretch now` prompts allowed per channel (or DM) in any hour; one at a time regardless. Default 3. */
  STRETCH_NOW_PER_HOUR: intFrom(1, 60).default(3),
  /** A prompt this late (minutes after its slot) is skipped as "expired" instead of posted. Default 60. */
  PROMPT_MAX_LATENESS_MINUTES: intFrom(1, 1440).default(60),
  /**
   * Skip DM prompts for people whose Slack presence is "away" (reason "away"). Best effort: one
   * users.getPresence call per DM (at most 4 at once; others go unchecked), and when Slack
   * rate-limits it (~50 a minute) prompts are posted without the check until Retry-After has
   * passed, so large slots are never delayed by it.
   * DND is always respected. Default true.
   */
  PROMPT_SKIP_AWAY: z
    .enum(["true", "false", "1", "0"], { error: "must be true or false" })
    .default("true")
    .transform((v) => v === "true" || v === "1"),
  /** BullMQ job lock duration in ms; a worker silent this long is presumed dead. Default 30000. */
  WORKER_LOCK_DURATION_MS: intFrom(1000, 600_000).default(30_000),
  /** How often workers look for jobs of dead workers (stalled jobs), in ms. Default 30000. */
  WORKER_STALLED_INTERVAL_MS: intFrom(1000, 600_000).default(30_000),
  /**
   * Acknowledged events (reactions, Done presses, lifecycle events) held in process memory while
   * neither Postgres nor Redis can take them; beyond it new ones are dropped with a "LOST" error
   * log. Each held event costs well under 1 KB. Default 10000.
   */
  INBOX_MEMORY_LIMIT: intFrom(100, 1_000_000).default(10_000),
  /**
   * SIGTERM/SIGINT: the process exits after at most this many seconds. Reactions and events are
   * drained first, then workers get what is left to finish their jobs before they are closed by
   * force (unfinished jobs are taken over by another worker). Default 25 (under Kubernetes' 30).
   */
  SHUTDOWN_TIMEOUT_SECONDS: intFrom(2, 600).default(25),
});

/** The OAuth variables that must come together. */
const OAUTH_VARS = ["SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET", "TOKEN_ENCRYPTION_KEYS"] as const;

export const envSchema = envObject.superRefine((env, ctx) => {
  if (env.SLACK_CLIENT_ID) {
    for (const key of OAUTH_VARS) {
      if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "is required for OAuth distribution (SLACK_CLIENT_ID is set); see .env.example" });
    }
    if (env.SLACK_APP_TOKEN) ctx.addIssue({ code: "custom", path: ["SLACK_APP_TOKEN"], message: "cannot be combined with SLACK_CLIENT_ID: OAuth distribution needs HTTP mode (/slack/oauth_redirect)" });
  } else if (!env.SLACK_BOT_TOKEN) {
    ctx.addIssue({ code: "custom", path: ["SLACK_BOT_TOKEN"], message: "is required but not set (or set SLACK_CLIENT_ID and the other OAuth variables to serve many workspaces; see .env.example)" });
  }
  // Runs even when other variables are wrong, so every problem is reported at once.
}, { when: () => true });

export type Env = z.infer<typeof envSchema>;

/** OAuth distribution is on when SLACK_CLIENT_ID is set (the schema then guarantees the rest). */
export function isOAuthMode(env: Pick<Env, "SLACK_CLIENT_ID">): boolean {
  return Boolean(env.SLACK_CLIENT_ID);
}
