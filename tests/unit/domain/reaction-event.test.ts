import { describe, expect, it } from "vitest";
import { parseReactionEvent } from "../../../src/domain/reaction-event.js";
import { eventEnvelope } from "../../helpers/fixtures.js";

const good = (event: Record<string, unknown> = {}) =>
  eventEnvelope("ReactionAdded", {
    eventId: "Ev0123ABCDEF",
    event: { user: "U0ALICE001", reaction: "muscle", item: { type: "message", channel: "C0GENERAL1", ts: "1763000000.000100" }, item_user: "U0BOTUSER", event_ts: "1763000005.000200", ...event },
  });

describe("parseReactionEvent", () => {
  it("reads the sample envelope once realistic ids are filled in", () => {
    expect(parseReactionEvent(good(), undefined)).toEqual({
      eventId: "Ev0123ABCDEF",
      teamId: "T0TESTTEAM",
      kind: "added",
      userId: "U0ALICE001",
      reaction: "muscle",
      channelId: "C0GENERAL1",
      messageTs: "1763000000.000100",
      itemUser: "U0BOTUSER",
      at: new Date(1_763_000_005_000),
    });
    const removed = eventEnvelope("ReactionRemoved", { event: { user: "U0ALICE001", reaction: "x", item: { type: "message", channel: "C0GENERAL1", ts: "1763000000.000100" } } });
    expect(parseReactionEvent(removed, undefined)?.kind).toBe("removed");
  });

  it("falls back to event_time when event_ts is a placeholder", () => {
    const parsed = parseReactionEvent(good({ event_ts: "0000000000.000000" }), undefined);
    expect(Math.abs(parsed!.at.getTime() - Date.now())).toBeLessThan(5_000);
  });

  it("returns null for anything malformed, never throws", () => {
    const bad: unknown[] = [
      null,
      "string",
      [],
      {},
      { event: null },
      good({ item: null }),
      good({ item: { type: "file", file: "F0001" } }),
      good({ item: { type: "message", channel: "C0GENERAL1" } }),
      good({ item: { type: "message", channel: "C0GENERAL1", ts: "abc" } }),
      good({ item: { type: "message", channel: "<!channel>", ts: "1763000000.000100" } }),
      good({ user: "" }),
      good({ user: 42 }),
      good({ reaction: "" }),
      good({ type: "message" }),
      { ...good(), event_id: "" },
      { ...good(), team_id: "" },
      { ...good(), event_id: "x".repeat(101) },
    ];
    for (const body of bad) expect(parseReactionEvent(body, undefined), JSON.stringify(body)?.slice(0, 120)).toBeNull();
    expect(parseReactionEvent({ ...good(), team_id: "" }, "T0FROMCTX1")?.teamId).toBe("T0FROMCTX1");
  });
});
