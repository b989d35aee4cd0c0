import type { App } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { ackBeforeWorkspace, recordWorkspaceContact, WORKSPACE_READY } from "../../src/bot/middleware/workspace-contact.js";

/** A workspace write that finishes only when the test says so (a slow first query). */
function slowWorkspaces() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { services: { workspaces: { ensure: () => done } } as never, finish };
}

/** Just enough of App for registration: keeps what was registered. */
function recordingApp() {
  const registered: Record<string, (args: unknown) => Promise<void>> = {};
  const app = {
    command: (_name: string, listener: (args: unknown) => Promise<void>) => void (registered.command = listener),
    view: (_id: string, listener: (args: unknown) => Promise<void>) => void (registered.view = listener),
  };
  return { app: app as unknown as App, registered };
}

describe("workspace contact does not hold up the ack", () => {
  it("a command is passed on (and acked) while the workspace row is still being written; its work waits for it", async () => {
    const { services, finish } = slowWorkspaces();
    const context: Record<string, unknown> = { teamId: "T0SLOWTEAM" };
    let nextCalled = false;
    const middleware = recordWorkspaceContact(services) as unknown as (a: unknown) => Promise<void>;
    const passing = middleware({ context, body: { command: "/stretch" }, next: async () => void (nextCalled = true) });
    await passing;
    expect(nextCalled).toBe(true);

    const { app, registered } = recordingApp();
    const steps: string[] = [];
    ackBeforeWorkspace(app).command("/stretch", async ({ ack }: { ack: () => Promise<void> }) => {
      await ack();
      steps.push("work");
    });
    const run = registered.command!({ context, ack: async () => void steps.push("ack") });
    await new Promise((r) => setTimeout(r, 20));
    expect(steps).toEqual(["ack"]);
    finish();
    await run;
    expect(steps).toEqual(["ack", "work"]);
  });

  it("a modal submission (work before its ack) starts once the row is there; events wait in the middleware", async () => {
    const { services, finish } = slowWorkspaces();
    const context: Record<string, unknown> = { teamId: "T0SLOWTEAM" };
    const middleware = recordWorkspaceContact(services) as unknown as (a: unknown) => Promise<void>;
    let eventNext = false;
    const event = middleware({ context: { teamId: "T0SLOWTEAM" }, body: { event: { type: "reaction_added" } }, next: async () => void (eventNext = true) });
    await middleware({ context, body: { type: "view_submission" }, next: async () => undefined });
    expect(context[WORKSPACE_READY]).toBeInstanceOf(Promise);

    const { app, registered } = recordingApp();
    const steps: string[] = [];
    ackBeforeWorkspace(app).view("modal", async ({ ack }: { ack: () => Promise<void> }) => {
      steps.push("save");
      await ack();
    });
    const run = registered.view!({ context, ack: async () => void steps.push("ack") });
    await new Promise((r) => setTimeout(r, 20));
    expect(steps).toEqual([]);
    expect(eventNext).toBe(false);
    finish();
    await Promise.all([run, event]);
    expect(steps).toEqual(["save", "ack"]);
    expect(eventNext).toBe(true);
  });
});
