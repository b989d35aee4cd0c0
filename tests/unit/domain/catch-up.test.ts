import { describe, expect, it } from "vitest";
import { latestMissedSlot, slotAllowed } from "../../../src/domain/catch-up.js";
import type { SlotRule } from "../../../src/domain/slots.js";

const EVERY_MINUTE: SlotRule = { intervalMinutes: 1, times: [], windowStartMinute: 0, windowEndMinute: 1439, days: [1, 2, 3, 4, 5, 6, 7] };
const HOURLY_9_17: SlotRule = { intervalMinutes: 60, times: [], windowStartMinute: 540, windowEndMinute: 1020, days: [1, 2, 3, 4, 5] };
const at = (iso: string) => new Date(iso);
const none = { slotsFrom: null, pausedUntil: null };

describe("slotAllowed", () => {
  it("refuses slots before the schedule was on and inside a pause", () => {
    const gate = { slotsFrom: at("2030-01-07T10:05:00Z"), pausedUntil: null };
    expect(slotAllowed(gate, at("2030-01-07T10:00:00Z"))).toBe(false);
    expect(slotAllowed(gate, at("2030-01-07T10:05:00Z"))).toBe(true);
    expect(slotAllowed({ slotsFrom: null, pausedUntil: at("2030-01-07T12:00:00Z") }, at("2030-01-07T11:00:00Z"))).toBe(false);
    expect(slotAllowed({ slotsFrom: null, pausedUntil: at("2030-01-07T12:00:00Z") }, at("2030-01-07T12:00:00Z"))).toBe(true);
    expect(slotAllowed(none, at("2000-01-01T00:00:00Z"))).toBe(true);
  });
});

describe("latestMissedSlot", () => {
  const window = (now: string, catchUpMinutes = 10) => ({ now: at(now), catchUpMs: catchUpMinutes * 60_000, graceMs: 60_000 });

  it("a schedule every minute created just now has nothing to catch up (the burst of issue 8)", () => {
    const created = { slotsFrom: at("2030-01-07T10:00:30Z"), pausedUntil: null };
    expect(latestMissedSlot(EVERY_MINUTE, ["UTC"], created, window("2030-01-07T10:01:00Z"))).toBeNull();
    // Without the gate, ten minutes of slots would be "missed": only the latest is ever offered.
    expect(latestMissedSlot(EVERY_MINUTE, ["UTC"], none, window("2030-01-07T10:01:00Z"))).toEqual(at("2030-01-07T10:00:00Z"));
  });

  it("after an outage only the latest missed slot within the window, never older ones", () => {
    // Hourly 09-17 Warsaw (UTC+1 in January). Down from 10:50 to 12:20 local: 11:00 and 12:00 missed.
    const gate = { slotsFrom: at("2030-01-07T08:00:00Z"), pausedUntil: null };
    expect(latestMissedSlot(HOURLY_9_17, ["Europe/Warsaw"], gate, window("2030-01-07T11:20:00Z", 30))).toEqual(at("2030-01-07T11:00:00Z"));
    // 40 minutes after 12:00: outside a 30-minute window, so nothing (11:00 is not offered instead).
    expect(latestMissedSlot(HOURLY_9_17, ["Europe/Warsaw"], gate, window("2030-01-07T11:40:00Z", 30))).toBeNull();
    // The newest slot is left to its own tick for a minute.
    expect(latestMissedSlot(HOURLY_9_17, ["Europe/Warsaw"], gate, window("2030-01-07T11:00:30Z", 30))).toBeNull();
  });

  it("a slot inside a pause or before a resume is never caught up", () => {
    const paused = { slotsFrom: at("2030-01-07T08:00:00Z"), pausedUntil: at("2030-01-07T11:05:00Z") };
    expect(latestMissedSlot(HOURLY_9_17, ["Europe/Warsaw"], paused, window("2030-01-07T11:10:00Z", 30))).toBeNull();
    const resumed = { slotsFrom: at("2030-01-07T11:05:00Z"), pausedUntil: null };
    expect(latestMissedSlot(HOURLY_9_17, ["Europe/Warsaw"], resumed, window("2030-01-07T11:10:00Z", 30))).toBeNull();
  });

  it("members in several zones: the latest slot in any of them; no catch-up when the window is 0", () => {
    const gate = { slotsFrom: at("2030-01-07T00:00:00Z"), pausedUntil: null };
    const halfHourly = window("2030-01-07T09:45:00Z", 30);
    // Warsaw slots fall on :00Z, Kolkata ones (UTC+5:30) on :30Z: 15:00 Kolkata = 09:30Z is the latest.
    expect(latestMissedSlot(HOURLY_9_17, ["Europe/Warsaw", "Asia/Kolkata"], gate, halfHourly)).toEqual(at("2030-01-07T09:30:00Z"));
    expect(latestMissedSlot(HOURLY_9_17, ["Europe/Warsaw"], gate, window("2030-01-07T09:45:00Z", 0))).toBeNull();
  });
});
