import type { ServerResponse } from "node:http";

export type Probe = () => Promise<void>;

export interface HealthRoute {
  path: string;
  method: string[];
  handler: (req: unknown, res: ServerResponse) => void;
}

/**
 * /healthz answers while the process serves HTTP (liveness: never touches a dependency, so a
 * database outage does not get the pod killed). /readyz checks each dependency with a timeout and
 * answers plain text, one "name: ok|down" line each (200 when all are ok, else 503). It never
 * shows why a dependency is down: error texts can carry host names, users or connection strings;
 * the reason goes to the log instead.
 */
export function healthRoutes(probes: Record<string, Probe>, timeoutMs = 2_000): HealthRoute[] {
  return [
    { path: "/healthz", method: ["GET", "HEAD"], handler: (_req, res) => reply(res, 200, { status: "ok" }) },
    {
      path: "/readyz",
      method: ["GET", "HEAD"],
      handler: (_req, res) => {
        void checkAll(probes, timeoutMs).then((checks) => {
          const ready = Object.values(checks).every((c) => c === "ok");
          res.writeHead(ready ? 200 : 503, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
          res.end(Object.entries(checks).map(([name, state]) => `${name}: ${state}\n`).join(""));
        });
      },
    },
  ];
}

async function checkAll(probes: Record<string, Probe>, timeoutMs: number): Promise<Record<string, "ok" | "down">> {
  const entries = await Promise.all(
    Object.entries(probes).map(async ([name, probe]) => {
      try {
        await withTimeout(probe(), timeoutMs);
        return [name, "ok"] as const;
      } catch {
        return [name, "down"] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}
