import { describe, expect, it } from "vitest";
import { MicroBatcher } from "../../../src/services/micro-batcher.js";
import { PromptCache } from "../../../src/services/prompt-cache.js";

describe("MicroBatcher", () => {
  it("batches what arrives together, one batch at a time, in order", async () => {
    const batches: number[][] = [];
    let running = 0;
    const batcher = new MicroBatcher<number, string>(
      async (items) => {
        running += 1;
        expect(running).toBe(1);
        batches.push(items);
        await new Promise((r) => setTimeout(r, 5));
        running -= 1;
        return items.map((i) => `r${i}`);
      },
      {
        maxInFlight: 1,
        onFailure: () => "failed",
        maxSize: 3,
        lingerMs: 1,
      },
    );
    const results = await Promise.all([1, 2, 3, 4, 5].map((i) => batcher.add(i)));
    expect(results).toEqual(["r1", "r2", "r3", "r4", "r5"]);
    expect(batches).toEqual([[1, 2, 3], [4, 5]]);
  });

  it("retries a failing batch, then reports failure for its items without losing later ones", async () => {
    let calls = 0;
    const batcher = new MicroBatcher<string, string>(
      async (items) => {
        calls += 1;
        if (items.includes("poison")) throw new Error("db down");
        return items.map(() => "ok");
      },
      {
        maxInFlight: 1,
        onFailure: () => "failed",
        lingerMs: 1,
        retryDelaysMs: [1, 1],
      },
    );
    expect(await batcher.add("poison")).toBe("failed");
    expect(calls).toBe(3);
    expect(await batcher.add("fine")).toBe("ok");
  });

  it("drain waits for queued and running batches", async () => {
    const done: number[] = [];
    const batcher = new MicroBatcher<number, void>(
      async (items) => {
        await new Promise((r) => setTimeout(r, 10));
        done.push(...items);
        return items.map(() => undefined);
      },
      {
        maxInFlight: 1,
        onFailure: () => undefined,
        lingerMs: 50,
      },
    );
    void batcher.add(1);
    void batcher.add(2);
    await batcher.drain();
    expect(done).toEqual([1, 2]);
    expect(batcher.pending).toBe(0);
  });
});

describe("PromptCache", () => {
  it("remembers prompts and non-prompts for different times, evicts the oldest, forgets a team", () => {
    const cache = new PromptCache({ maxEntries: 2, positiveTtlMs: 1_000, negativeTtlMs: 10 });
    const prompt = { id: "p", teamId: "T1", channelId: "C1", messageTs: "1.1", recipientUserId: null, area: null, exerciseIds: [], promptAt: new Date(), promptTz: null };
    cache.set("T1|C1|1.1", prompt, 0);
    cache.set("T1|C1|2.2", null, 0);
    expect(cache.get("T1|C1|1.1", 5)).toBe(prompt);
    expect(cache.get("T1|C1|2.2", 5)).toBeNull();
    expect(cache.get("T1|C1|2.2", 20)).toBeUndefined();
    cache.set("T2|C1|3.3", null, 0);
    cache.set("T2|C1|4.4", null, 0);
    expect(cache.get("T1|C1|1.1", 5)).toBeUndefined(); // evicted (oldest)
    cache.forgetTeam("T2");
    expect(cache.get("T2|C1|4.4", 5)).toBeUndefined();
  });
});
