import { describe, expect, it } from "vitest";
import { AFTER_DND_MS, cachedDndStatus, DND_CACHE_MAX_AGE_MS, dndEndsAt, dndVerdict, toCachedDnd, windowEndInstant } from "../../../src/domain/availability.js";

const NOW = Date.parse("2026-11-23T10:00:00Z");
const s = (ms: number) => ms / 1000;

describe("DND from dnd.info / dnd.teamInfo", () => {
  it("is in DND inside the scheduled window and not outside it", () => {
    expect(dndEndsAt({ dnd_enabled: true, next_dnd_start_ts: s(NOW - 60_000), next_dnd_end_ts: s(NOW + 600_000) }, NOW)).toBe(NOW + 600_000);
    expect(dndEndsAt({ dnd_enabled: true, next_dnd_start_ts: s(NOW + 60_000), next_dnd_end_ts: s(NOW + 600_000) }, NOW)).toBeNull();
    expect(dndEndsAt({ dnd_enabled: false, next_dnd_start_ts: s(NOW - 60_000), next_dnd_end_ts: s(NOW + 600_000) }, NOW)).toBeNull();
    // Slack's "no schedule" answer for another user.
    expect(dndEndsAt({ dnd_enabled: false, next_dnd_start_ts: 1, next_dnd_end_ts: 1 }, NOW)).toBeNull();
  });

  it("counts a snooze (visible for the calling user only) and takes the later end", () => {
    expect(dndEndsAt({ snooze_enabled: true, snooze_endtime: s(NOW + 120_000) }, NOW)).toBe(NOW + 120_000);
    expect(dndEndsAt({ snooze_enabled: true, snooze_endtime: s(NOW - 1) }, NOW)).toBeNull();
    expect(
      dndEndsAt({ snooze_enabled: true, snooze_endtime: s(NOW + 900_000), dnd_enabled: true, next_dnd_start_ts: s(NOW - 1000), next_dnd_end_ts: s(NOW + 60_000) }, NOW),
    ).toBe(NOW + 900_000);
  });

  it("defers to just after DND when that is inside the window, otherwise skips with reason dnd", () => {
    const windowEnd = new Date(NOW + 3600_000);
    expect(dndVerdict(null, windowEnd)).toEqual({ kind: "ok" });
    expect(dndVerdict(NOW + 600_000, windowEnd)).toEqual({ kind: "defer", until: new Date(NOW + 600_000 + AFTER_DND_MS) });
    expect(dndVerdict(NOW + 3600_000, windowEnd)).toEqual({ kind: "skip", reason: "dnd" });
  });

  it("finds the window end on the slot's local day, across DST changes", () => {
    // 17:00 in Warsaw: CET (+1) in winter, CEST (+2) after the spring change (2027-03-28).
    expect(windowEndInstant(new Date("2027-03-27T08:00:00Z"), "Europe/Warsaw", 17 * 60).toISOString()).toBe("2027-03-27T16:00:00.000Z");
    expect(windowEndInstant(new Date("2027-03-28T07:00:00Z"), "Europe/Warsaw", 17 * 60).toISOString()).toBe("2027-03-28T15:00:00.000Z");
    expect(windowEndInstant(new Date("2027-03-15T13:00:00Z"), "America/New_York", 17 * 60).toISOString()).toBe("2027-03-15T21:00:00.000Z");
    expect(windowEndInstant(new Date("2027-03-15T13:00:00Z"), "Not/AZone", 17 * 60).toISOString()).toBe("2027-03-15T17:00:00.000Z");
  });
});

describe("stored DND answers (Member.dnd*)", () => {
  const now = Date.parse("2026-11-23T10:00:00Z");
  const sec = (iso: string) => Date.parse(iso) / 1000;
  const checkedAt = new Date(now - 3600_000);

  it("round-trips Slack's fields and answers the same verdict while they hold", () => {
    const slack = { dnd_enabled: true, next_dnd_start_ts: sec("2026-11-23T09:30:00Z"), next_dnd_end_ts: sec("2026-11-23T11:00:00Z") };
    const stored = cachedDndStatus(toCachedDnd(slack, checkedAt), now);
    expect(stored).toEqual(slack);
    expect(dndEndsAt(stored!, now)).toBe(Date.parse("2026-11-23T11:00:00Z"));
  });

  it("keeps tonight's quiet hours until they have ended, then asks again (the next window is unknown)", () => {
    const tonight = toCachedDnd({ dnd_enabled: true, next_dnd_start_ts: sec("2026-11-23T21:00:00Z"), next_dnd_end_ts: sec("2026-11-24T07:00:00Z") }, checkedAt);
    expect(dndEndsAt(cachedDndStatus(tonight, now)!, now)).toBeNull();
    expect(cachedDndStatus(tonight, Date.parse("2026-11-23T22:00:00Z"))).not.toBeNull();
    expect(cachedDndStatus(tonight, Date.parse("2026-11-24T07:00:00Z"))).toBeNull();
  });

  it("trusts 'DND off' for a day, never an answer that is older or missing", () => {
    const off = toCachedDnd({ dnd_enabled: false, next_dnd_start_ts: 1, next_dnd_end_ts: 1 }, checkedAt);
    expect(cachedDndStatus(off, now)).toMatchObject({ dnd_enabled: false });
    expect(cachedDndStatus(off, checkedAt.getTime() + DND_CACHE_MAX_AGE_MS + 1)).toBeNull();
    expect(cachedDndStatus({ enabled: null, nextStartAt: null, nextEndAt: null, checkedAt: null }, now)).toBeNull();
  });

  it("stores 0 or missing timestamps as none", () => {
    expect(toCachedDnd({ dnd_enabled: false, next_dnd_start_ts: 0 }, checkedAt)).toEqual({ enabled: false, nextStartAt: null, nextEndAt: null, checkedAt });
  });
});
