import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * The layer rules of docs/ARCHITECTURE.md, read from the import lines: the prompt engine depends
 * on ports it defines (src/engine/ports.ts), never on services or the Slack edge; the domain is
 * pure logic. A rule broken in src/ fails here with the offending file and import.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const SRC = join(ROOT, "src");

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith(".ts") && !name.endsWith(".d.ts") ? [path] : [];
  });
}

/** Every module a source text imports or re-exports: static, side-effect and dynamic forms, over several lines too. */
function importedSpecifiers(text: string): string[] {
  const patterns = [/\bfrom\s+["']([^"']+)["']/g, /\bimport\s+["']([^"']+)["']/g, /\bimport\(\s*["']([^"']+)["']\s*\)/g];
  return patterns.flatMap((re) => [...text.matchAll(re)].map((m) => m[1] ?? ""));
}

/** A relative specifier as a path under the repository ("src/services/ports.ts"); packages stay as they are. */
function target(from: string, specifier: string): string {
  if (!specifier.startsWith(".")) return specifier;
  return relative(ROOT, resolve(dirname(from), specifier)).replace(/\.js$/, ".ts");
}

interface Edge {
  file: string;
  imports: string;
}

function edgesOf(files: string[]): Edge[] {
  return files.flatMap((file) => importedSpecifiers(readFileSync(file, "utf8")).map((s) => ({ file: relative(ROOT, file), imports: target(file, s) })));
}

/** Files reachable from `start` through relative imports (the transitive closure, `start` included). */
function reachable(start: string[]): Set<string> {
  const seen = new Set<string>();
  const todo = start.map((f) => relative(ROOT, f));
  while (todo.length > 0) {
    const file = todo.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    let text: string;
    try {
      text = readFileSync(join(ROOT, file), "utf8");
    } catch {
      continue; // a generated or JSON module: nothing to follow
    }
    for (const s of importedSpecifiers(text)) if (s.startsWith(".")) todo.push(target(join(ROOT, file), s));
  }
  return seen;
}

const engineFiles = tsFiles(join(SRC, "engine"));
const domainFiles = tsFiles(join(SRC, "domain"));

/** The Slack edge and the use-cases: the engine is wired to them by the composition root, never imports them. */
const NOT_FOR_ENGINE = /^src\/(bot|services)\/|^src\/(app|main)\.ts$/;
/** Layers and packages that talk to the outside world (database, queues, Slack, files, network, environment). */
const IO = /^src\/(db|services|bot|engine|slack|observability|config|security|start|charts|tools)\/|^src\/(app|main|logger)\.ts$|^(node:)?(fs|net|http|https|child_process|dgram|dns|tls)(\/|$)|^(pg|bullmq|ioredis|undici|pino|prom-client|@prisma\/|@slack\/)/;

describe("layer rules (docs/ARCHITECTURE.md)", () => {
  it("reads every form of import", () => {
    const text = [
      'import type { ScheduleSync } from "../services/ports.js";',
      "import {\n  a,\n  b,\n} from '../bot/views/prompt.js';",
      'export { zoneOr } from "../domain/zones.js";',
      'import "./side-effect.js";',
      'const m = await import("ioredis");',
    ].join("\n");
    expect(importedSpecifiers(text)).toEqual(["../services/ports.js", "../bot/views/prompt.js", "../domain/zones.js", "./side-effect.js", "ioredis"]);
    expect(target(join(SRC, "engine/fanout.ts"), "../services/ports.js")).toBe("src/services/ports.ts");
  });

  it("finds the source it checks", () => {
    expect(engineFiles.length).toBeGreaterThan(20);
    expect(domainFiles.length).toBeGreaterThan(10);
  });

  it("the engine imports nothing from src/services, src/bot or the composition root", () => {
    const broken = edgesOf(engineFiles).filter((e) => NOT_FOR_ENGINE.test(e.imports));
    expect(broken).toEqual([]);
  });

  it("nor does anything the engine imports (no cycle engine ↔ services through a third module)", () => {
    const reached = [...reachable(engineFiles)].filter((f) => NOT_FOR_ENGINE.test(f));
    expect(reached).toEqual([]);
  });

  it("the domain imports no I/O: no database, queue, Slack, file, network or environment module", () => {
    const broken = edgesOf(domainFiles).filter((e) => IO.test(e.imports));
    expect(broken).toEqual([]);
  });
});
