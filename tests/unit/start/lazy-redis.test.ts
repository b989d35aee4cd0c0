import { execFileSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/**
 * Which of ioredis's modules a fresh Node process has loaded after importing `module` (ioredis is
 * CommonJS, so even an ESM import of it lands in require.cache). A child process: this test
 * runner's own module cache says nothing about what the app loads.
 */
function ioredisLoadedAfterImporting(module: string): boolean {
  const script = [
    'import { createRequire } from "node:module";',
    `await import(${JSON.stringify(pathToFileURL(resolve(ROOT, module)).href)});`,
    "const cache = createRequire(import.meta.url).cache;",
    'process.stdout.write(String(Object.keys(cache).some((k) => k.includes("/node_modules/ioredis/"))));',
  ].join("\n");
  const out = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
  return out.trim().endsWith("true");
}

describe("the Redis job backend is loaded only when it is used", () => {
  it("importing the app (the demo's QUEUE_BACKEND=postgres path) does not load ioredis", () => {
    expect(ioredisLoadedAfterImporting("src/app.ts")).toBe(false);
  });

  it("the Redis backend module itself does (the check can see it)", () => {
    expect(ioredisLoadedAfterImporting("src/engine/queues/redis-backend.ts")).toBe(true);
  });
});
