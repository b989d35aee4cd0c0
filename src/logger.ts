import { pino, type Logger } from "pino";

export type { Logger };

const CENSOR = "[redacted]";

/**
 * Keys whose values never reach the log sink, at any depth (a token inside an error's request
 * options, a header map three levels down, a config object): anything named like a token,
 * secret, password, authorization or cookie, and the connection strings and env names below.
 */
const SECRET_KEY = /token|secret|password|passwd|authorization|cookie|^(database_url|redis_url|token_encryption_keys|admin_password|metrics_token)$/i;
/** Secrets recognisable by their shape wherever they appear in a string value. */
const SECRET_VALUE = [
  // Slack tokens: bot, user, app-level, refresh, configuration.
  { pattern: /\bx(?:ox[abposer]|app)-[A-Za-z0-9-]+/g, replace: CENSOR },
  // Passwords inside connection strings (postgres://user:password@host).
  { pattern: /(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@\s]+@/gi, replace: `$1${CENSOR}@` },
  // "Bearer xyz" wherever a header was turned into text.
  { pattern: /\b(Bearer\s+)[A-Za-z0-9._~+/=-]+/g, replace: `$1${CENSOR}` },
];
/** Deeper than this is cut (and cycles are cut): a log line is not a data dump. */
const MAX_DEPTH = 8;

/**
 * A copy of a log object with every secret blanked, at any depth. pino's `redact` paths match
 * fixed depths only ("*.token" is one level), which is how a nested token once got through.
 */
export function redactDeep(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === "string") return redactString(value);
  if (typeof value !== "object" || value === null) return value;
  if (seen.has(value)) return "[circular]";
  if (depth >= MAX_DEPTH) return "[too deep]";
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1, seen));
  // Errors stay Errors (pino's err serializer then reads them as usual), with their texts redacted.
  const out: Record<string, unknown> = value instanceof Error ? errorCopy(value) : {};
  for (const [key, v] of Object.entries(value)) out[key] = SECRET_KEY.test(key) && v !== undefined && v !== null ? CENSOR : redactDeep(v, depth + 1, seen);
  return out;
}

function errorCopy(error: Error): Error & Record<string, unknown> {
  const copy = new Error(redactString(error.message)) as Error & Record<string, unknown>;
  copy.name = error.name;
  copy.stack = error.stack === undefined ? undefined : redactString(error.stack);
  return copy;
}

/** A JSON string value under a secret-looking key, in a finished log line. */
const SECRET_JSON_FIELD = /"([^"\\]*(?:token|secret|password|passwd|authorization|cookie)[^"\\]*)":"(?:[^"\\]|\\.)*"/gi;

/** Redacts a finished JSON log line (string values only; objects were handled by redactDeep). */
export function redactLine(line: string): string {
  return redactString(line.replace(SECRET_JSON_FIELD, `"$1":"${CENSOR}"`));
}

function redactString(text: string): string {
  let out = text;
  for (const { pattern, replace } of SECRET_VALUE) out = out.replace(pattern, replace);
  return out;
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "stretch-bot" },
      // Every log object and every child logger's bindings go through redactDeep.
      formatters: {
        log: (object) => redactDeep(object) as Record<string, unknown>,
        bindings: (bindings) => redactDeep(bindings) as Record<string, unknown>,
      },
      hooks: {
        // The finished line too: child loggers' bindings, the message and its %s arguments never
        // pass through formatters.log.
        streamWrite: redactLine,
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
