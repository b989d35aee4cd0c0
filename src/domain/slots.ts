/**
 * When prompts are due: the slot grid of a schedule in one time zone. Pure (luxon only).
 *
 * A slot is a local wall-clock minute on a local day. Turning it into an instant needs care on DST
 * days: a local time inside the spring-forward gap does not exist and moves to the first valid
 * minute after the gap; a local time that happens twice on fall-back yields one slot, the first
 * occurrence. Luxon's own guess for such times depends on today's offset, so we resolve them here.
 */
import { DateTime, IANAZone } from "luxon";

export interface SlotRule {
  /** Minutes between slots, starting at windowStartMinute; ignored when `times` is not empty. */
  intervalMinutes: number | null;
  /** Fixed local times "HH:MM"; used as given (the spec parser checks them against the window). */
  times: string[];
  /** Minutes after local midnight; interval slots start here and while the start is < windowEnd. */
  windowStartMinute: number;
  windowEndMinute: number;
  /** ISO weekdays (1 = Monday … 7 = Sunday), of the local date. */
  days: number[];
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
/** How far nextSlot looks ahead: a weekly rule always has a slot within 8 days. */
const NEXT_SLOT_SEARCH_DAYS = 8;

/** "HH:MM" → minutes after midnight, or null when malformed. */
export function parseClock(text: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const h = Number(match[1]);
  const m = Number(match[2]);
  return h < 24 && m < 60 ? h * 60 + m : null;
}

/** Minutes after midnight → "HH:MM" (1440 → "24:00", for window ends). */
export function formatClock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

/** The local minutes-of-day at which the rule has a slot (before DST resolution), ascending. */
export function localSlotMinutes(rule: SlotRule): number[] {
  if (rule.times.length > 0) {
    const minutes = rule.times.map(parseClock).filter((m): m is number => m !== null);
    return [...new Set(minutes)].sort((a, b) => a - b);
  }
  const step = rule.intervalMinutes;
  if (!step || step <= 0) return [];
  const out: number[] = [];
  const end = Math.min(rule.windowEndMinute, 24 * 60);
  for (let m = Math.max(0, rule.windowStartMinute); m < end; m += step) out.push(m);
  return out;
}

function zone(tz: string): IANAZone {
  const z = IANAZone.create(tz);
  if (!z.isValid) throw new RangeError(`unknown time zone: ${tz}`);
  return z;
}

/**
 * The instant of a local wall-clock time (`wall` = the local time written as if it were UTC, in ms).
 * Candidates use the offsets in force a day before and a day after (zones change at most once a day).
 */
function resolveLocal(z: IANAZone, wall: number): number {
  const before = z.offset(wall - DAY_MS);
  const after = z.offset(wall + DAY_MS);
  const valid = [...new Set([before, after])]
    .map((offset) => wall - offset * MINUTE_MS)
    .filter((instant) => wall - z.offset(instant) * MINUTE_MS === instant);
  if (valid.length > 0) return Math.min(...valid); // fall-back: the first occurrence
  // Spring-forward gap: the first instant on the new offset is the first valid local minute.
  let lo = wall - Math.max(before, after) * MINUTE_MS;
  let hi = wall - Math.min(before, after) * MINUTE_MS;
  const newOffset = z.offset(hi);
  while (hi - lo > MINUTE_MS) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
    if (z.offset(mid) === newOffset) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Slot instants of one local calendar day (given as a luxon DateTime at its local midnight). */
function slotsOfDay(rule: SlotRule, z: IANAZone, day: DateTime, minutes: number[]): number[] {
  if (!rule.days.includes(day.weekday)) return [];
  const midnightWall = Date.UTC(day.year, day.month - 1, day.day);
  // Fast path (almost every day): one offset from a day before to a day after means no change today.
  const offset = z.offset(midnightWall - DAY_MS);
  if (offset === z.offset(midnightWall + 2 * DAY_MS)) return minutes.map((m) => midnightWall + m * MINUTE_MS - offset * MINUTE_MS);
  const out = new Set<number>();
  for (const m of minutes) out.add(resolveLocal(z, midnightWall + m * MINUTE_MS));
  return [...out].sort((a, b) => a - b);
}

/** Slot instants in [from, to), ascending. */
export function slotsBetween(rule: SlotRule, tz: string, from: Date, to: Date): Date[] {
  const z = zone(tz);
  const minutes = localSlotMinutes(rule);
  const start = from.getTime();
  const end = to.getTime();
  if (minutes.length === 0 || rule.days.length === 0 || end <= start) return [];
  const out: number[] = [];
  // From the local day before `from` (a gap-moved slot can cross local midnight) to the day after `to`.
  let day = DateTime.fromMillis(start, { zone: z }).startOf("day").minus({ days: 1 });
  const last = DateTime.fromMillis(end, { zone: z }).startOf("day").plus({ days: 1 });
  while (day <= last) {
    for (const t of slotsOfDay(rule, z, day, minutes)) if (t >= start && t < end) out.push(t);
    day = day.plus({ days: 1 }).startOf("day");
  }
  return [...new Set(out)].sort((a, b) => a - b).map((t) => new Date(t));
}

/** The first slot strictly after `after`, searching at most 8 days ahead; null when there is none. */
export function nextSlot(rule: SlotRule, tz: string, after: Date): Date | null {
  const z = zone(tz);
  const minutes = localSlotMinutes(rule);
  if (minutes.length === 0 || rule.days.length === 0) return null;
  const t0 = after.getTime();
  let day = DateTime.fromMillis(t0, { zone: z }).startOf("day").minus({ days: 1 });
  for (let i = 0; i <= NEXT_SLOT_SEARCH_DAYS + 1; i++) {
    const found = slotsOfDay(rule, z, day, minutes).find((t) => t > t0);
    if (found !== undefined && found - t0 <= NEXT_SLOT_SEARCH_DAYS * DAY_MS) return new Date(found);
    day = day.plus({ days: 1 }).startOf("day");
  }
  return null;
}

/** True when `instant` (to the minute) is one of the rule's slots. */
export function isSlot(rule: SlotRule, tz: string, instant: Date): boolean {
  const minute = Math.floor(instant.getTime() / MINUTE_MS) * MINUTE_MS;
  return slotsBetween(rule, tz, new Date(minute), new Date(minute + MINUTE_MS)).length > 0;
}

/** Years sampled around `now`: the past two (a rule may be re-read late) and the next six. */
const YEARS_BEFORE = 2;
const YEARS_AFTER = 6;

/** Every UTC offset (minutes) a zone uses or used around `now`, sampled twice a month over several years. */
function offsetsOf(z: IANAZone, now: Date): { offsets: Set<number>; springForwards: number[] } {
  const offsets = new Set<number>();
  const springForwards: number[] = [];
  let previous: { t: number; offset: number } | undefined;
  const thisYear = now.getUTCFullYear();
  for (let year = thisYear - YEARS_BEFORE; year <= thisYear + YEARS_AFTER; year++) {
    for (let month = 0; month < 12; month++) {
      for (const dayOfMonth of [1, 15]) {
        const t = Date.UTC(year, month, dayOfMonth);
        const offset = z.offset(t);
        offsets.add(offset);
        if (previous && offset > previous.offset) springForwards.push(transitionInstant(z, previous.t, t));
        previous = { t, offset };
      }
    }
  }
  return { offsets, springForwards };
}

/** First minute in (lo, hi] whose offset differs from lo's. */
function transitionInstant(z: IANAZone, lo: number, hi: number): number {
  const before = z.offset(lo);
  while (hi - lo > MINUTE_MS) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
    if (z.offset(mid) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * Minutes of the hour (UTC, 0–59) at which a slot of this rule can start in any of these zones,
 * sorted: the minute field of a cron pattern run in UTC. A superset is safe (a tick that finds no
 * slot does nothing); a missing minute loses slots, so gap-moved slots add the transition minute.
 */
export function cronMinutes(rule: SlotRule, tzs: string[], now: Date): number[] {
  const local = localSlotMinutes(rule);
  const out = new Set<number>();
  if (local.length === 0) return [];
  for (const tz of new Set(tzs)) {
    const { offsets, springForwards } = offsetsOf(zone(tz), now);
    for (const offset of offsets) for (const m of local) out.add((((m - offset) % 60) + 60) % 60);
    for (const t of springForwards) out.add(new Date(t).getUTCMinutes());
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * The rule as it applies to one person: only their working days, only slots inside their working
 * window. Interval grids keep their alignment (09:00 every 90m stays on 09:00, 10:30, …), so the
 * cron minutes of the original rule still cover the person's slots. No slot left → days = [].
 */
export function intersectWithWorkHours(
  rule: SlotRule,
  person: { workStartMinute: number; workEndMinute: number; workDays: number[] },
): SlotRule {
  const days = rule.days.filter((d) => person.workDays.includes(d));
  const none: SlotRule = { ...rule, times: [...rule.times], days: [] };
  if (rule.times.length > 0) {
    const times = rule.times.filter((t) => {
      const m = parseClock(t);
      return m !== null && m >= person.workStartMinute && m < person.workEndMinute;
    });
    return times.length > 0 ? { ...rule, times, days } : none;
  }
  const step = rule.intervalMinutes;
  if (!step || step <= 0) return none;
  const lowest = Math.max(rule.windowStartMinute, person.workStartMinute);
  const start = rule.windowStartMinute + Math.ceil((lowest - rule.windowStartMinute) / step) * step;
  const end = Math.min(rule.windowEndMinute, person.workEndMinute);
  if (start >= end) return { ...none, windowStartMinute: start, windowEndMinute: Math.max(start, end) };
  return { ...rule, times: [], windowStartMinute: start, windowEndMinute: end, days };
}
