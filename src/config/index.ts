import { envSchema, type Env } from "./schema.js";

export type Config = Readonly<Env>;

/** Thrown when the environment is missing or malformed; `problems` has one line per variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/**
 * Parses the environment once. Problems name the variable and what is wrong, never its value
 * (it may be a secret).
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const cleaned: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) {
    if (value !== undefined && value.trim() !== "") cleaned[key] = value;
  }
  const parsed = envSchema.safeParse(cleaned);
  if (parsed.success) {
    const paired = pairingProblems(parsed.data);
    if (paired.length > 0) throw new ConfigError(paired);
    return Object.freeze(parsed.data);
  }
  const problems = parsed.error.issues.map((issue) => {
    const key = issue.path.join(".") || "environment";
    const missing = issue.code === "invalid_type" && cleaned[key] === undefined;
    return missing ? `${key} is required but not set (see .env.example)` : `${key} ${issue.message}`;
  });
  throw new ConfigError(problems);
}

/** Variables that only make sense together. */
function pairingProblems(env: Env): string[] {
  if ((env.ADMIN_USERNAME === undefined) !== (env.ADMIN_PASSWORD === undefined)) {
    return ["ADMIN_USERNAME and ADMIN_PASSWORD must be set together (the queue dashboard needs both), or neither"];
  }
  return [];
}
