/** Body areas a routine can target. Order is the canonical display order. */
export const BODY_AREAS = ["neck", "shoulders", "upper back", "lower back", "hips", "legs", "core"] as const;
export type BodyArea = (typeof BODY_AREAS)[number];

export type Position = "seated" | "standing";
export type ExerciseKind = "stretch" | "mobility" | "strength";

/** A whole number or an inclusive range such as 5–10, exactly as a seed article gives it. */
export type Amount = number | { min: number; max: number };

/**
 * How much of an exercise to do, exactly as the seed gives it. Every field is optional because the
 * seeds give different facts for different exercises (reps for one, a hold for another).
 */
export interface Dosage {
  reps?: Amount;
  sets?: Amount;
  /** Seconds to hold each rep or the stretch. */
  holdSeconds?: Amount;
  /** True when the dosage is done once on each side (left then right). */
  perSide: boolean;
  /** Free-form extra facts the seed gives, in our own words (e.g. "every 30 minutes"). */
  note?: string;
}

export type SeedFile = "000_d19caf3efc88eda9.txt" | "001_7e4bc6f6ff4cf7ff.txt" | "002_8d8f708dff4fd02d.txt";

export interface Exercise {
  /** Stable kebab-case id, used in action values and the database; never rename. */
  id: string;
  name: string;
  /** Extra names people type (lowercase), e.g. "chin tuck" aliases. */
  aliases: readonly string[];
  /** First area is the primary one. */
  areas: readonly BodyArea[];
  /** Positions it can be done in; at least one. */
  positions: readonly Position[];
  kind: ExerciseKind;
  dosage: Dosage;
  /** Our estimate of wall-clock seconds for the full dosage, both sides included. */
  estimatedSeconds: number;
  /** Numbered steps, in our own words. */
  steps: readonly string[];
  /** One safety cue, in our own words (includes the seed's cautions where it gives them). */
  safety: string;
  /** Doable unnoticed on a video call (seated, small movements). */
  discreet: boolean;
  /** Gentle warm-up style movement that belongs early in a routine. */
  warmUp: boolean;
  source: SeedFile;
}
