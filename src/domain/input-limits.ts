/**
 * Length caps on every text a person controls, checked before any parsing: parsers (edit
 * distances, zone suggestions, regexes) cost time per character, and a 40,000-character `tz`
 * once held the event loop for 11 s. Slack's own limits are higher (slash command text ~4,000).
 */

/** `/stretch …` text. The longest real command (`schedule at` with 24 times and every option) is under 300. */
export const MAX_COMMAND_TEXT = 500;

/** The schedule modal's text fields (also sent to Slack as `max_length`). */
export const MODAL_FIELD_MAX = {
  every: 20,
  /** 24 times as "10:00, " is 168 characters. */
  times: 200,
  window: 40,
  /** The longest IANA zone name is 32 characters. */
  tz: 64,
  length: 20,
} as const;

/** A time zone word: anything longer is not a zone and is not worth a suggestion. */
export const MAX_ZONE_TEXT = MODAL_FIELD_MAX.tz;
