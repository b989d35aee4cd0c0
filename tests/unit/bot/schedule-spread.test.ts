import { describe, expect, it } from "vitest";
import { scheduleChangeMessage, scheduleOverviewMessage } from "../../../src/bot/views/schedule.js";
import { slotSpread } from "../../../src/domain/spread.js";
import { scheduleRecord } from "../../helpers/records.js";

describe("/stretch schedule says when a big members schedule is spread over minutes", () => {
  const members = scheduleRecord({ kind: "members" });
  const next = { at: null, tz: members.tz, state: "off" as const };

  it("in the overview and when saved", () => {
    const spread = slotSpread(2_000, 500);
    const overview = JSON.stringify(scheduleOverviewMessage([{ schedule: members, canEdit: true, next, spread }], { channelId: "C0GENERAL1" }).blocks);
    expect(overview).toContain("2,000 members: prompts go out over about 4 minutes");
    const saved = scheduleChangeMessage({ kind: "saved", created: true, view: { schedule: members, canEdit: true, next, spread } });
    expect(saved.text).toContain("2,000 members: prompts go out over about 4 minutes");
  });

  it("says nothing for a slot that fits in a minute", () => {
    const overview = JSON.stringify(scheduleOverviewMessage([{ schedule: members, canEdit: true, next, spread: slotSpread(30, 500) }], { channelId: "C0GENERAL1" }).blocks);
    expect(overview).not.toContain("go out over");
  });
});
