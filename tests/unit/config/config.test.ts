import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../../src/config/index.js";

const valid = {
  SLACK_BOT_TOKEN: "xoxb-123-456-abcdef",
  SLACK_SIGNING_SECRET: "0123456789abcdef",
  DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/stretch",
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("loadConfig", () => {
  it("applies the documented defaults", () => {
    const config = loadConfig(valid);
    expect(config).toMatchObject({
      SLACK_API_URL: "https://slack.com/api/",
      REDIS_URL: "redis://127.0.0.1:6379",
      PORT: 3000,
      ROLE: "all",
      SCHEDULE_MIN_INTERVAL_MINUTES: 15,
    });
    expect(config.SLACK_APP_TOKEN).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("reports one line per problem, naming the variable but never its value", () => {
    const problems = problemsOf({ SLACK_BOT_TOKEN: "xoxp-user-token-secret", DATABASE_URL: "mysql://db", PORT: "eighty", ROLE: "boss" });
    expect(problems).toHaveLength(5);
    expect(problems).toEqual(
      expect.arrayContaining([
        'SLACK_BOT_TOKEN must start with "xoxb-"',
        "SLACK_SIGNING_SECRET is required but not set (see .env.example)",
        "DATABASE_URL must be a URL starting with postgres:// or postgresql://",
        "PORT must be a whole number from 0 to 65535",
      ]),
    );
    expect(problems.find((p) => p.startsWith("ROLE"))).toContain("web");
    expect(problems.join("\n")).not.toContain("xoxp-user-token-secret");
  });

  it("treats blank values as unset, so defaults apply", () => {
    expect(loadConfig({ ...valid, PORT: " ", SLACK_APP_TOKEN: "" }).PORT).toBe(3000);
  });

  it("switches to Socket Mode only with an app-level token", () => {
    expect(problemsOf({ ...valid, SLACK_APP_TOKEN: "xoxb-wrong-kind" })).toEqual(['SLACK_APP_TOKEN must start with "xapp-"']);
    expect(loadConfig({ ...valid, SLACK_APP_TOKEN: "xapp-1-A1-123-abc" }).SLACK_APP_TOKEN).toBe("xapp-1-A1-123-abc");
  });
});

describe("start-up with a bad environment", () => {
  it("exits 1 with one clear line per problem and no stack trace", async () => {
    const run = promisify(execFile);
    const error = await run("npx", ["tsx", "src/main.ts"], {
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", SLACK_BOT_TOKEN: "nope", DOTENV_CONFIG_PATH: "/nonexistent" },
      timeout: 20_000,
    }).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(error?.code).toBe(1);
    const lines = error!.stderr.split("\n").filter((l) => l.trim() && !l.startsWith("npm warn"));
    expect(lines[0]).toMatch(/^Cannot start: the configuration has 3 problem\(s\):$/);
    expect(lines.slice(1)).toEqual([
      '  - SLACK_BOT_TOKEN must start with "xoxb-"',
      "  - SLACK_SIGNING_SECRET is required but not set (see .env.example)",
      "  - DATABASE_URL is required but not set (see .env.example)",
    ]);
    expect(error!.stderr).not.toMatch(/\n\s+at /);
  });

  it("SLACK_API_URL: https anywhere, plain http only to loopback (the token travels in every call)", () => {
    for (const ok of ["https://slack-gov.com/api/", "http://127.0.0.1:4000/api/", "http://127.8.9.10/api/", "http://localhost:3999/api/", "http://[::1]:4000/api/"]) {
      expect(loadConfig({ ...valid, SLACK_API_URL: ok }).SLACK_API_URL).toBe(ok);
    }
    for (const bad of ["http://slack.com/api/", "http://10.0.0.5/api/", "http://127.0.0.1.evil.example/api/", "http://localhost.evil.example/", "ftp://127.0.0.1/", "not a url"]) {
      expect(problemsOf({ ...valid, SLACK_API_URL: bad })).toEqual([
        "SLACK_API_URL must be an https:// URL (http:// only to localhost, 127.0.0.0/8 or ::1, for tests and the demo)",
      ]);
    }
  });

  it("documents the safety settings' defaults", () => {
    expect(loadConfig(valid)).toMatchObject({ INBOX_MEMORY_LIMIT: 10_000, SHUTDOWN_TIMEOUT_SECONDS: 25 });
  });
});

describe("loadConfig: OAuth distribution", () => {
  const oauth = {
    SLACK_SIGNING_SECRET: "0123456789abcdef",
    DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/stretch",
    SLACK_CLIENT_ID: "1234567890.0987654321",
    SLACK_CLIENT_SECRET: "client-secret-value",
    SLACK_STATE_SECRET: "state-secret-0123456789",
    TOKEN_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 7).toString("base64")}`,
  };

  it("needs no SLACK_BOT_TOKEN when the app is distributed, and defaults the retention to 30 days", () => {
    const config = loadConfig(oauth);
    expect(config.SLACK_BOT_TOKEN).toBeUndefined();
    expect(config.DATA_RETENTION_DAYS).toBe(30);
  });

  it("asks for the token or the OAuth variables, and for every OAuth variable once a client id is set", () => {
    expect(problemsOf({ SLACK_SIGNING_SECRET: "0123456789abcdef", DATABASE_URL: oauth.DATABASE_URL })).toEqual([
      expect.stringMatching(/^SLACK_BOT_TOKEN is required but not set \(or set SLACK_CLIENT_ID/),
    ]);
    const problems = problemsOf({ ...valid, SLACK_CLIENT_ID: oauth.SLACK_CLIENT_ID });
    expect(problems.map((p) => p.split(" ")[0]).sort()).toEqual(["SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET", "TOKEN_ENCRYPTION_KEYS"]);
  });

  it("reports a malformed key list without printing it, and refuses OAuth with Socket Mode", () => {
    const problems = problemsOf({ ...oauth, TOKEN_ENCRYPTION_KEYS: "k1:c2hvcnQ=", SLACK_APP_TOKEN: "xapp-1-A1-1-x" });
    expect(problems).toEqual(
      expect.arrayContaining([
        'TOKEN_ENCRYPTION_KEYS key "k1" must be 32 bytes in base64 (e.g. openssl rand -base64 32)',
        expect.stringMatching(/^SLACK_APP_TOKEN cannot be combined with SLACK_CLIENT_ID/),
      ]),
    );
    expect(problems.join("\n")).not.toContain("c2hvcnQ=");
  });
});
