/**
 * Which slots a schedule may still post, and which missed one to catch up. Pure.
 *
 * A slot is never posted before the moment the schedule was created, turned on, resumed or had its
 * timing changed (`slotsFrom`), and never while it was paused. After an outage only the latest
 * missed slot within the catch-up window is worth a prompt: a backlog of stale prompts is spam.
 */
import { slotsBetween, type SlotRule } from "./slots.js";

export interface SlotGate {
  /** No slot before this instant (null: no such limit, e.g. rows from before the column existed). */
  slotsFrom: Date | null;
  /** Slots before this instant fell inside a pause. */
  pausedUntil: Date | null;
}

/** True when a schedule with this gate may post its slot at `slotAt`. */
export function slotAllowed(gate: SlotGate, slotAt: Date): boolean {
  if (gate.slotsFrom && slotAt.getTime() < gate.slotsFrom.getTime()) return false;
  if (gate.pausedUntil && slotAt.getTime() < gate.pausedUntil.getTime()) return false;
  return true;
}

export interface CatchUpWindow {
  now: Date;
  /** How far back a missed slot is still sent (SLOT_CATCHUP_MINUTES). */
  catchUpMs: number;
  /** The newest slots are left to the normal tick, which may still be running. */
  graceMs: number;
}

/**
 * The one slot to catch up: the latest slot of the rule (in any of `zones`) inside
 * (now - catchUpMs, now - graceMs] that the gate allows, or null. Earlier missed slots are never
 * returned, whatever happened to the latest one: at most one catch-up prompt per target.
 */
export function latestMissedSlot(rule: SlotRule, zones: string[], gate: SlotGate, window: CatchUpWindow): Date | null {
  if (window.catchUpMs <= 0) return null;
  const from = new Date(window.now.getTime() - window.catchUpMs + 1);
  const to = new Date(window.now.getTime() - window.graceMs + 1);
  let latest: Date | null = null;
  for (const zone of new Set(zones)) {
    const slots = slotsBetween(rule, zone, from, to);
    const last = slots[slots.length - 1];
    if (last && (!latest || last > latest)) latest = last;
  }
  return latest && slotAllowed(gate, latest) ? latest : null;
}
