import "dotenv/config";
import { ConfigError, loadConfig } from "../config/index.js";
import { createDb } from "../db/client.js";
import { createLogger } from "../logger.js";
import { createInstallationTokens } from "../services/installation-tokens-factory.js";

/**
 * `npm run tokens:reencrypt` (built image: `node dist/src/tools/tokens-reencrypt.js`): re-seals
 * every stored token with the first key of TOKEN_ENCRYPTION_KEYS. Key rotation: put the new key
 * first (keep the old one listed), deploy, run this, then remove the old key. Safe while the app
 * runs: a row refreshed in between is skipped (its new ciphertext already uses the first key).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.SLACK_CLIENT_ID) {
    process.stdout.write("Single-workspace mode (no SLACK_CLIENT_ID): no tokens are stored in the database.\n");
    return;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const db = createDb(config.DATABASE_URL, 2);
  try {
    const tokens = createInstallationTokens(config, db, logger);
    const { rows, rewritten } = await tokens.reencryptAll();
    process.stdout.write(`Checked ${rows} installation(s); ${rewritten} re-encrypted with the first key of TOKEN_ENCRYPTION_KEYS.\n`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`Cannot run: the configuration has ${error.problems.length} problem(s):\n${error.problems.map((p) => `  - ${p}\n`).join("")}`);
  } else {
    process.stderr.write(`Re-encryption failed: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
