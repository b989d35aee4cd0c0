/**
 * A worker process for multi-process engine tests: the real start-up (src/app.ts) with the
 * environment the test passes (ROLE=worker, its DATABASE_URL, QUEUE_PREFIX…). Prints "ready" once
 * workers run; SIGTERM closes gracefully, SIGKILL is the crash under test.
 */
import { startApp } from "../../src/app.js";
import { loadConfig } from "../../src/config/index.js";
import { createLogger } from "../../src/logger.js";

const config = loadConfig(process.env);
const app = await startApp(config, createLogger(config.LOG_LEVEL));
process.stdout.write("ready\n");
process.on("SIGTERM", () => {
  void app.close().then(() => process.exit(0));
});
