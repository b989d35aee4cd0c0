/**
 * A problem with what someone typed, as a code and its parameters: the parsers stay pure and
 * language-free, and the edge (views, listeners) words it in the person's language with the key
 * `problems.<code>` of the locale files (src/bot/views/problem-text.ts). A parameter named `count`
 * picks the plural form; `option` names a schedule option and is translated too.
 */
/** A problem without parameters. */
type Empty = Record<never, never>;

export interface ProblemParams {
  // Any input
  tooLong: { max: number };
  // `/stretch schedule …`
  tooManyWords: { max: number };
  givenTwice: { option: ScheduleOptionLabel };
  targetConflict: { first: string; second: string };
  everyNeedsValue: Empty;
  everyNotWholeMinutes: { value: string };
  atNeedsTimes: Empty;
  tzNeedsValue: Empty;
  unknownZone: { word: string };
  unknownZoneSuggest: { word: string; suggestion: string };
  areaNeedsValue: Empty;
  areaUnknown: { word: string };
  lengthNeedsValue: Empty;
  lengthOutOfRange: { min: number; max: number; value: string };
  lengthRange: { min: number; max: number };
  bareDuration: { word: string };
  unknownWord: { word: string };
  unknownWordSuggest: { word: string; suggestion: string };
  moreUnknown: { count: number };
  offWithOptions: Empty;
  everyAndAt: Empty;
  intervalRange: { min: number; value: number };
  tooManyTimes: { count: number; max: number };
  timesTooClose: { first: string; second: string; gap: number; min: number };
  windowBackwards: { start: string; end: string };
  intervalLongerThanWindow: { every: number; start: string; end: string };
  timesOutsideWindow: { times: string; count: number; start: string; end: string };
  sayHowOften: Empty;
  pickDays: Empty;
  membersNeedChannel: Empty;
  // The schedule modal (plain text, one field each)
  formEveryAndTimes: Empty;
  formNeedEveryOrTimes: Empty;
  formEveryFormat: Empty;
  formIntervalRange: { min: number };
  formNotATime: { times: string };
  formWindowFormat: Empty;
  formWindowBackwards: Empty;
  formWindowNeeded: Empty;
  formIntervalLongerThanWindow: Empty;
  formTimesOutsideWindow: { times: string; count: number };
  formPickDay: Empty;
  formZoneSuggest: { suggestion: string };
  formZoneFormat: Empty;
  formPickArea: Empty;
  formLengthFormat: Empty;
  // `/stretch pause` / `resume`
  pauseRange: { word: string };
  pauseUnknown: { word: string };
  resumeUnknown: { word: string };
  // `/stretch me`
  meHours: Empty;
  meDays: Empty;
  meTz: Empty;
  meEvery: Empty;
  meAreas: { areas: string; field: string };
  meOnOff: Empty;
  meIntensity: Empty;
  mePrompts: Empty;
  meLanguage: { languages: string };
  meUnknownSetting: Empty;
  // `/stretch quiet-statuses` and `/stretch reactions`
  notEmoji: { word: string };
  emptyPhrase: Empty;
  phraseTooLong: { max: number };
  nothingFound: Empty;
  tooManyEntries: { count: number; max: number };
  notEmojiNames: { names: string; count: number };
  tooManyEmoji: { count: number; max: number };
  // `/stretch leaderboard`, `managers`, `report`
  badMention: Empty;
  leaderboardUnknown: { word: string };
  managersUsageOne: { action: string };
  managersUsage: Empty;
  reportUnknown: { word: string };
  reportWeeks: { max: number; default: number };
}

export type ProblemCode = keyof ProblemParams;
export type ScheduleOptionLabel = "days" | "every" | "times" | "tz" | "area" | "length" | "seated" | "window";

/** One problem: `{ code: "tooLong", max: 500 }`. */
export type Problem = { [K in ProblemCode]: { code: K } & ProblemParams[K] }[ProblemCode];

export function problem<K extends ProblemCode>(code: K, ...params: keyof ProblemParams[K] extends never ? [] : [ProblemParams[K]]): Problem {
  return { code, ...(params[0] ?? {}) } as Problem;
}

/**
 * What a request parser could not read: the one result shape of every parser (`/stretch schedule`,
 * `pause`, `me`, `report`, the workspace settings). `problems` is never empty; `example` is a
 * command that works, when the parser has one to offer. Parsers answer `{ kind: <what it read> } | Invalid`.
 */
export interface Invalid {
  kind: "invalid";
  problems: Problem[];
  example?: string;
}

export function invalid(problems: Problem | Problem[], example?: string): Invalid {
  return { kind: "invalid", problems: Array.isArray(problems) ? problems : [problems], ...(example === undefined ? {} : { example }) };
}

/** Invalid with the example a parser always offers (`/stretch schedule`, `pause`, `me`). */
export type InvalidWithExample = Required<Invalid>;

export function invalidWithExample(problems: Problem | Problem[], example: string): InvalidWithExample {
  return { kind: "invalid", problems: Array.isArray(problems) ? problems : [problems], example };
}

export function isInvalid(value: unknown): value is Invalid {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "invalid";
}
