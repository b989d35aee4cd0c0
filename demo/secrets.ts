import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface DemoSecrets {
  signingSecret: string;
  botToken: string;
}

/**
 * The signing secret and bot token the app and the simulated workspace share: made on the first
 * run, kept in `<dataDir>/secrets.json` (owner-only) so a restart pairs with the saved workspace.
 */
export function demoSecrets(dataDir: string): DemoSecrets {
  const file = join(dataDir, "secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as DemoSecrets;
  const secrets: DemoSecrets = {
    signingSecret: randomBytes(16).toString("hex"),
    botToken: `xoxb-demo-${randomBytes(12).toString("hex")}`,
  };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}
