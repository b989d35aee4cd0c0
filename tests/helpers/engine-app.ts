import { beforeEach } from "vitest";
import type { Clock } from "../../src/time/clock.js";
import { useAppFixture, type AppFixture } from "./app-fixture.js";

export type EngineTestContext = AppFixture;

/**
 * The app fixture as engine tests want it: the queue probe open, the fake reset before each test,
 * and no catch-up and no periodic reconcile unless `env` says so (tests drive chosen instants).
 */
export function useEngineApp(label: string, options: { env?: Record<string, string>; clock?: Clock } = {}): EngineTestContext {
  const ctx = useAppFixture(label, {
    env: { SLOT_CATCHUP_MINUTES: "0", RECONCILE_INTERVAL_SECONDS: "3600", ...options.env },
    ...(options.clock ? { clock: options.clock } : {}),
    queues: true,
  });
  beforeEach(() => ctx.fake.reset());
  return ctx;
}
