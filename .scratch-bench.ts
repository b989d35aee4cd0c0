import { randomBytes } from "node:crypto";
import { startApp } from "./src/app.js";
import { loadConfig } from "./src/config/index.js";
import { createLogger } from "./src/logger.js";
import { createDb } from "./src/db/client.js";
import { PromptRepository } from "./src/db/repositories/prompts.js";
import { FakeSlack } from "./tests/helpers/fake-slack.js";
import { createBenchDatabase } from "./bench/lib/bench-env.js";
import { EngineQueuesProbe } from "./tests/helpers/engine.js";

const N = Number(process.env.N ?? 3000);
const stats = new Map<string, { n: number; ms: number; max: number }>();
function wrap(obj: any, name: string, label: string) {
  const orig = obj[name];
  obj[name] = async function (...args: any[]) {
    const t = performance.now();
    try { return await orig.apply(this, args); } finally {
      const d = performance.now() - t; const s = stats.get(label) ?? { n: 0, ms: 0, max: 0 }; s.n++; s.ms += d; s.max = Math.max(s.max, d); stats.set(label, s);
    }
  };
}
wrap(PromptRepository.prototype, "claim", "db.claim");
wrap(PromptRepository.prototype, "recordPosted", "db.recordPosted");
wrap(PromptRepository.prototype, "upsertForSlot", "db.upsertForSlot");
wrap(PromptRepository.prototype, "exercisesSince", "db.exercisesSince");
import pg from "pg";
const name = "scr_" + randomBytes(3).toString("hex");
{ const c = new pg.Client({ connectionString: "postgresql://postgres@127.0.0.1:5432/postgres" }); await c.connect(); await c.query(`CREATE DATABASE "${name}" TEMPLATE engine_scratch`); await c.end(); }
const database = { url: `postgresql://postgres@127.0.0.1:5432/${name}`, drop: async () => { const c = new pg.Client({ connectionString: "postgresql://postgres@127.0.0.1:5432/postgres" }); await c.connect(); await c.query(`DROP DATABASE "${name}" WITH (FORCE)`); await c.end(); } };
const db = createDb(database.url, 5);
const fake = new FakeSlack(); fake.keepAliveTimeoutMs = 10_000; await fake.start();
const TEAM = "T0B";
await db.workspace.create({ data: { teamId: TEAM } });
const users = Array.from({ length: N }, (_, i) => `UB${String(i).padStart(6, "0")}`);
await db.member.createMany({ data: users.map((userId) => ({ teamId: TEAM, userId, tz: "UTC", workStartMinute: 0, workEndMinute: 1440, workDays: [1,2,3,4,5,6,7], profileFetchedAt: new Date() })) });
await db.channelMember.createMany({ data: users.map((userId) => ({ teamId: TEAM, channelId: "C1", userId })) });
const s = await db.schedule.create({ data: { teamId: TEAM, kind: "members", channelId: "C1", targetKey: "members:C1", createdBy: users[0]!, intervalMinutes: 1, windowStartMinute: 0, windowEndMinute: 1440, days: [1,2,3,4,5,6,7], tz: "UTC" } });
const prefix = `scr${randomBytes(3).toString("hex")}`;
const config = loadConfig({ SLACK_BOT_TOKEN: "xoxb-1-2-3", SLACK_SIGNING_SECRET: "secret-secret-123", SLACK_API_URL: fake.apiUrl, SLACK_API_RETRIES: "0", DATABASE_URL: database.url, PORT: "0", ROLE: "worker", QUEUE_PREFIX: prefix, WORKER_CONCURRENCY: process.env.C ?? "100", SLOT_CATCHUP_MINUTES: "0", RECONCILE_INTERVAL_SECONDS: "3600", LOG_LEVEL: "warn" });
const app = await startApp(config, createLogger("warn"));
const client = (app.services.engine.delivery as any).slack;
for (const m of ["chat.postMessage", "dnd.info"]) { const [a, b] = m.split("."); wrap(client[a], b, "slack." + m); }
const q = new EngineQueuesProbe("redis://127.0.0.1:6379", prefix);
const slotAt = new Date(Math.ceil(Date.now() / 60000) * 60000 + 60000);
const t0 = performance.now();
const c0 = process.cpuUsage();
await q.slot(TEAM, s.id, slotAt);
for (;;) { const n = await db.prompt.count({ where: { scheduleId: s.id, status: "posted" } }); if (n >= N) break; await new Promise((r) => setTimeout(r, 50)); }
const el = performance.now() - t0; const cpu = process.cpuUsage(c0);
console.log("N", N, "elapsed ms", el.toFixed(0), "rate/s", (N / el * 1000).toFixed(0), "cpu ms", ((cpu.user + cpu.system) / 1000).toFixed(0));
for (const [k, v] of stats) console.log(k.padEnd(22), "n", v.n, "avg ms", (v.ms / v.n).toFixed(2), "max", v.max.toFixed(0));
await q.close(); await app.close(); await fake.stop(); await db.$disconnect(); await database.drop();
