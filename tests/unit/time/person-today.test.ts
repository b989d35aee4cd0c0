import { describe, expect, it } from "vitest";
import { localDate, newestDateAnywhere, personToday } from "../../../src/time/zones.js";

describe("personToday: a person's today is never before the newest date on their own rows", () => {
  const at2330 = new Date("2027-03-10T23:30:00Z"); // Warsaw already on the 11th, UTC on the 10th

  it("a row dated in a zone already on tomorrow moves today there", () => {
    expect(personToday(localDate(at2330, "UTC"), localDate(at2330, "Europe/Warsaw"))).toBe("2027-03-11");
  });

  it("older rows, or none, leave the zone's today", () => {
    expect(personToday("2027-03-10", "2027-03-09")).toBe("2027-03-10");
    expect(personToday("2027-03-10", undefined)).toBe("2027-03-10");
    expect(personToday("2027-03-10", null)).toBe("2027-03-10");
  });

  it("the newest date anywhere is UTC+14's: the bound callers cap rows by", () => {
    expect(newestDateAnywhere(at2330)).toBe("2027-03-11");
    expect(newestDateAnywhere(new Date("2027-03-10T09:59:00Z"))).toBe("2027-03-10");
    expect(newestDateAnywhere(new Date("2027-03-10T10:00:00Z"))).toBe("2027-03-11");
  });
});
