import "dotenv/config";
import "./prisma/cli-pg-types.ts";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

// `prisma generate` never connects, but without a DATABASE_URL the CLI falls back to downloading a
// native query engine (unreachable offline). A placeholder keeps generate offline; commands that
// do connect still get a clear error from the adapter below.
const databaseUrl = process.env.DATABASE_URL;
process.env.DATABASE_URL ??= "postgresql://placeholder@127.0.0.1:5432/placeholder";

// engine "js" + the pg adapter: no native engine download, so migrate works offline.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: async () => {
    if (!databaseUrl) throw new Error("DATABASE_URL is not set (see .env.example)");
    return new PrismaPg({ connectionString: databaseUrl });
  },
});
