import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  return { log: createLogger("debug", stream), text: () => lines.join("\n"), lines };
}

const SECRETS = ["xoxb-1111-2222-supersecret", "xapp-1-A0-333-appsecret", "hunter2", "sig-secret-123", "Bearer-abcdef123"];

describe("log redaction works at any depth", () => {
  it("blanks secret-named keys however deep, and token-shaped strings anywhere", () => {
    const { log, text } = capture();
    log.info(
      {
        request: { options: { headers: { Authorization: `Bearer ${SECRETS[4]}`, "x-slack-signature": "v0=abc" }, body: { token: SECRETS[0] } } },
        deep: { a: { b: { c: { d: { e: { clientSecret: SECRETS[3], note: `uses ${SECRETS[1]}` } } } } } },
        databaseUrl: "postgresql://stretch:hunter2@db:5432/stretch",
        list: [{ refresh_token: "xoxe-1-refresh" }],
      },
      "calling Slack",
    );
    const out = text();
    for (const secret of SECRETS) expect(out).not.toContain(secret);
    expect(out).not.toContain("xoxe-1-refresh");
    expect(out).toContain("postgresql://stretch:[redacted]@db:5432/stretch");
    expect(JSON.parse(out).deep.a.b.c.d.e).toEqual({ clientSecret: "[redacted]", note: "uses [redacted]" });
  });

  it("covers errors (message, stack, nested data), child bindings, and the message with its arguments", () => {
    const { log, lines } = capture();
    const err = Object.assign(new Error(`connect failed for postgres://u:${SECRETS[2]}@h/db`), { data: { response_metadata: { token: SECRETS[0] } } });
    log.error({ err }, "boom");
    log.child({ config: { SLACK_SIGNING_SECRET: SECRETS[3] } }).warn(`token was ${SECRETS[0]}`);
    log.info("retrying with %s", SECRETS[1]);
    const out = lines.join("\n");
    for (const secret of SECRETS.slice(0, 4)) expect(out).not.toContain(secret);
    const first = JSON.parse(lines[0]!) as { err: { type: string; message: string } };
    expect(first.err.type).toBe("Error");
    expect(first.err.message).toBe("connect failed for postgres://u:[redacted]@h/db");
  });

  it("leaves ordinary fields alone", () => {
    const { log, lines } = capture();
    log.info({ teamId: "T0ABC", userId: "U0ABC", outcome: "completed", ts: "1700000000.000100" }, "reaction");
    expect(JSON.parse(lines[0]!)).toMatchObject({ teamId: "T0ABC", userId: "U0ABC", outcome: "completed", ts: "1700000000.000100", msg: "reaction" });
  });
});
