/**
 * The one source of "now" for services and the job engine (domain code takes `now` parameters).
 * Production uses the system clock; tests set the time they need; the demo moves an offset clock
 * forward to make prompts due without waiting. Claim leases are the exception: they are stamped
 * and compared with the database's clock (one clock for every worker process, see prompts.ts).
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that runs with the system clock plus an offset that can be set or advanced. */
export class OffsetClock implements Clock {
  private offsetMs: number;

  constructor(start?: Date) {
    this.offsetMs = start ? start.getTime() - Date.now() : 0;
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Moves the clock forward (or back, with a negative value) by `ms`. */
  advance(ms: number): Date {
    this.offsetMs += ms;
    return this.now();
  }

  set(at: Date): void {
    this.offsetMs = at.getTime() - Date.now();
  }
}

/** A clock that stands still until told otherwise: for tests that need an exact instant. */
export class ManualClock implements Clock {
  private at: number;

  constructor(start: Date) {
    this.at = start.getTime();
  }

  now(): Date {
    return new Date(this.at);
  }

  advance(ms: number): Date {
    this.at += ms;
    return this.now();
  }

  set(at: Date): void {
    this.at = at.getTime();
  }
}
