import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The originality check ("no 8-word run copied from a seed article") without the articles: the
 * repository cannot redistribute them, so it keeps a fingerprint instead — a short hash of every
 * 8-word run of each article (tests/fixtures/seeds/runs.json). The text cannot be read back from it.
 *
 * Rebuild after the seeds change: `npx tsx tests/helpers/seed-runs.ts /path/to/seeds`.
 */
export const RUN = 8;
export const FINGERPRINT_FILE = fileURLToPath(new URL("../fixtures/seeds/runs.json", import.meta.url));

export interface SeedFingerprint {
  run: number;
  /** seed file name → hashes of its runs */
  files: Record<string, string[]>;
}

/** Lowercase words with punctuation stripped (apostrophes dropped so "you're" and "youre" match). */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter((w) => w.length > 0);
}

export function runHash(run: readonly string[]): string {
  return createHash("sha256").update(run.join(" ")).digest("hex").slice(0, 16);
}

/** Every RUN-word run of `text`, as [the words, their hash]. */
export function runsOf(text: string): Array<[string, string]> {
  const w = words(text);
  const runs: Array<[string, string]> = [];
  for (let i = 0; i + RUN <= w.length; i++) {
    const run = w.slice(i, i + RUN);
    runs.push([run.join(" "), runHash(run)]);
  }
  return runs;
}

export function loadFingerprint(): SeedFingerprint {
  return JSON.parse(readFileSync(FINGERPRINT_FILE, "utf8")) as SeedFingerprint;
}

export function buildFingerprint(seedDir: string): SeedFingerprint {
  const files: Record<string, string[]> = {};
  for (const file of readdirSync(seedDir).filter((f) => f.endsWith(".txt")).sort()) {
    const hashes = new Set(runsOf(readFileSync(path.join(seedDir, file), "utf8")).map(([, hash]) => hash));
    files[file] = [...hashes].sort();
  }
  return { run: RUN, files };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const dir = process.argv[2];
  if (!dir) throw new Error("usage: tsx tests/helpers/seed-runs.ts <seed directory>");
  writeFileSync(FINGERPRINT_FILE, `${JSON.stringify(buildFingerprint(dir))}\n`);
  console.log(`wrote ${FINGERPRINT_FILE}`);
}
