import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../../src/logger.js";
import { Inbox, type InboxItem } from "../../../src/services/inbox.js";
import { MicroBatcher } from "../../../src/services/micro-batcher.js";
import { eventually } from "../../helpers/wait.js";

function logSink() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  return { log: createLogger("debug", stream), lines };
}

/** A dependency that is up or down. */
const switchable = () => {
  const state = { up: false, stored: [] as unknown[] };
  return { state, run: async (p: unknown) => (state.up ? void state.stored.push(p) : Promise.reject(new Error("ECONNREFUSED"))) };
};

describe("Inbox: acknowledged work is stored now, else queued, else held in bounded memory", () => {
  it("runs work at once when the database answers", async () => {
    const db = switchable();
    db.state.up = true;
    const inbox = new Inbox(null, logSink().log);
    inbox.register("member_left", db.run);
    expect(await inbox.run("member_left", { userId: "U1" })).toBe("done");
    expect(db.state.stored).toEqual([{ userId: "U1" }]);
  });

  it("hands failed work to the durable queue when Redis takes it", async () => {
    const db = switchable();
    const queued: InboxItem[] = [];
    const inbox = new Inbox({ add: async (item) => void queued.push(item) }, logSink().log);
    inbox.register("member_left", db.run);
    expect(await inbox.run("member_left", { userId: "U1" })).toBe("queued");
    expect(queued.map((q) => [q.kind, q.payload])).toEqual([["member_left", { userId: "U1" }]]);
    expect(inbox.heldEvents).toBe(0);
  });

  it("a database that hangs instead of refusing: the work is kept for later after runTimeoutMs", async () => {
    const queued: InboxItem[] = [];
    const inbox = new Inbox({ add: async (item) => void queued.push(item) }, logSink().log, { runTimeoutMs: 20 });
    inbox.register("member_left", () => new Promise<void>(() => undefined));
    expect(await inbox.run("member_left", { userId: "U1" })).toBe("queued");
    expect(queued).toHaveLength(1);
  });

  it("both down: holds up to the limit, drops beyond it with a LOST log, stores the rest when the database returns", async () => {
    const db = switchable();
    const { log, lines } = logSink();
    const inbox = new Inbox({ add: () => Promise.reject(new Error("Stream isn't writeable")) }, log, { memoryLimit: 3, retryEveryMs: 10 });
    inbox.register("reactions", db.run);
    expect(await inbox.run("reactions", ["a", "b"], 2)).toBe("held");
    expect(await inbox.run("reactions", ["c"], 1)).toBe("held");
    expect(await inbox.run("reactions", ["d"], 1)).toBe("dropped");
    expect(inbox.heldEvents).toBe(3);
    expect(lines.some((l) => l.includes("LOST") && l.includes('"d"'))).toBe(true);
    db.state.up = true;
    await eventually(() => inbox.heldEvents === 0);
    expect(db.state.stored).toEqual([["a", "b"], ["c"]]);
  });

  it("drain at shutdown stores what it can and logs the rest as LOST", async () => {
    const db = switchable();
    const { log, lines } = logSink();
    const inbox = new Inbox(null, log, { retryEveryMs: 60_000 });
    inbox.register("done", db.run);
    expect(await inbox.run("done", { promptId: "P1" })).toBe("held");
    await inbox.drain(100);
    expect(inbox.heldEvents).toBe(0);
    expect(lines.some((l) => l.includes("LOST: acknowledged work could not be stored before exit") && l.includes("P1"))).toBe(true);
  });
});

describe("MicroBatcher memory bound", () => {
  it("past maxPending waiting items, new ones go to onOverflow instead of growing the queue", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const overflowed: number[] = [];
    const batcher = new MicroBatcher<number, string>(
      async (items) => {
        await gate;
        return items.map(() => "stored");
      },
      {
        maxInFlight: 1,
        onFailure: () => "failed",
        onOverflow: async (item) => (overflowed.push(item), "overflow"),
        maxPending: 2,
        maxSize: 1,
        lingerMs: 0,
      },
    );
    const first = batcher.add(1); // taken by the running batch
    await eventually(() => batcher.pending === 0);
    const waiting = [batcher.add(2), batcher.add(3)];
    expect(await batcher.add(4)).toBe("overflow");
    expect(overflowed).toEqual([4]);
    release();
    expect(await Promise.all([first, ...waiting])).toEqual(["stored", "stored", "stored"]);
  });
});
