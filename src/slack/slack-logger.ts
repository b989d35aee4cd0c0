import { LogLevel, type Logger as SlackLogger } from "@slack/web-api";
import type { Logger } from "../logger.js";

/**
 * Adapts pino to the logger interface Slack's SDKs expect, so their lines are structured too.
 * setLevel is recorded but not applied: LOG_LEVEL alone decides what is written.
 */
export function toSlackLogger(logger: Logger): SlackLogger {
  let level: LogLevel = LogLevel.INFO;
  const join = (msg: unknown[]) =>
    msg.map((m) => (typeof m === "string" ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(" ");
  return {
    debug: (...msg) => logger.debug(join(msg)),
    info: (...msg) => logger.info(join(msg)),
    warn: (...msg) => logger.warn(join(msg)),
    error: (...msg) => logger.error(join(msg)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
