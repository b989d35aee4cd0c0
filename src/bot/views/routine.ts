/**
 * Block Kit for routines, single exercises, the catalog list and "didn't catch that". Pure: every
 * builder returns a plain message object and enforces Slack's size limits itself, so no input
 * (a 23-exercise routine, a 4,000-character request) can make chat.postMessage reject it.
 */
import { dosageText, exerciseText as localizedExercise } from "../../i18n/exercise-text.js";
import { EN, type T } from "../../i18n/index.js";
import type { ActionsBlock, KnownBlock, SectionBlock } from "@slack/types";
import { EXERCISES } from "../../exercises/catalog.js";
import { MAX_ECHO_CHARS, type ParsedRoutineRequest } from "../../exercises/request-parser.js";
import { formatDuration, type Routine, type RoutineFallback } from "../../exercises/routine-builder.js";
import { BODY_AREAS, type BodyArea, type Exercise, type Position, type SeedFile } from "../../exercises/types.js";
import { ActionId } from "../ids.js";
import type { SlackMessage } from "./message.js";
import { button, context, escapeMrkdwn, header, section, SLACK_LIMITS, truncate } from "./blocks.js";

// Other views import these through routine.ts; the one definition is blocks.ts.
export { context, escapeMrkdwn, header, section, SLACK_LIMITS, truncate } from "./blocks.js";
import { MAX_REQUEST_TEXT_IN_VALUE, encodeRoutineValue } from "./routine-value.js";

const SOURCE_TITLES: Readonly<Record<SeedFile, string>> = {
  "000_d19caf3efc88eda9.txt": "4 Crucial Desk Back Stretches for Relief at Work",
  "001_7e4bc6f6ff4cf7ff.txt": "10 Desk Exercises to Relieve Back Pain at Work",
  "002_8d8f708dff4fd02d.txt": "5 Desk Stretches To Relieve Back Pain",
};


// ---------------------------------------------------------------------------------------------
// Text and block helpers (help.ts uses them too); the size-safe builders live in blocks.ts
// ---------------------------------------------------------------------------------------------

/** The user's words as inline code: escaped, one line, no backticks to break out of the span. */
export function inlineUserText(text: string, max = MAX_ECHO_CHARS): string {
  const oneLine = text.replace(/[\u0000-\u001F\u007F\u061C\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g, " ").replace(/\s+/g, " ").trim();
  const clipped = truncate(oneLine, max).replace(/`/g, "ˋ");
  return clipped.length > 0 ? `\`${escapeMrkdwn(clipped)}\`` : "_(nothing)_";
}

/** Last line of defence: never more than 50 blocks, keeping the tail (safety line, buttons). */
export function capBlocks(blocks: KnownBlock[], tailToKeep = 0): KnownBlock[] {
  if (blocks.length <= SLACK_LIMITS.blocksPerMessage) return blocks;
  const tail = tailToKeep > 0 ? blocks.slice(-tailToKeep) : [];
  const head = blocks.slice(0, SLACK_LIMITS.blocksPerMessage - tail.length - 1);
  return [...head, context("_…shortened to fit in one Slack message._"), ...tail];
}

// ---------------------------------------------------------------------------------------------
// Shared pieces
// ---------------------------------------------------------------------------------------------

const POSITION_ICON: Readonly<Record<Position, string>> = { seated: ":chair:", standing: ":standing_person:" };

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "neck & shoulders", "neck, hips & legs", "whole-body" (in the language). */
function areasTitle(areas: readonly BodyArea[], t: T): string {
  if (areas.length === 0) return t("routine.wholeBody");
  const names = areas.map((a) => t(`areas.${a}`));
  if (names.length === 1) return names[0]!;
  return `${names.slice(0, -1).join(", ")} ${t("routine.and")} ${names[names.length - 1]}`;
}

function positionSummary(routine: Routine, t: T): string {
  if (routine.position) return `${POSITION_ICON[routine.position]} ${t(`routine.${routine.position}`)}`;
  const all = (p: Position): boolean => routine.items.every((i) => i.exercise.positions.includes(p));
  if (all("seated")) return `${POSITION_ICON.seated} ${t("routine.seated")}`;
  if (all("standing")) return `${POSITION_ICON.standing} ${t("routine.standing")}`;
  return `${POSITION_ICON.seated}${POSITION_ICON.standing} ${t("routine.seatedAndStanding")}`;
}

/** "🧘 3-minute neck routine" / "🧘 Zestaw na szyja: 3 minuty": the length as people say it. */
function routineTitle(routine: Routine, t: T = EN): string {
  const only = routine.items.length === 1 ? routine.items[0]?.exercise : undefined;
  const what = routine.exerciseId && only ? localizedExercise(only, t).name : t("routine.routineOf", { areas: areasTitle(routine.areas, t) });
  const seconds = routine.totalSeconds;
  if (seconds < 60) return t("routine.titleSeconds", { count: Math.max(1, Math.round(seconds)), what });
  return t("routine.titleMinutes", { count: Math.max(1, Math.round(seconds / 60)), what });
}

function stepsText(ex: Exercise, t: T = EN): string {
  return localizedExercise(ex, t).steps.map((s, i) => `${i + 1}. ${escapeMrkdwn(s)}`).join("\n");
}

/** One exercise as routine text: name, dosage, note, steps, sides, safety cue. */
function exerciseText(ex: Exercise, index: number, seconds: number, sides: boolean, t: T): string {
  const text = localizedExercise(ex, t);
  const lines = [
    `*${index}. ${escapeMrkdwn(text.name)}*  ·  ${t("routine.about", { duration: formatDuration(seconds) })}`,
    `_${escapeMrkdwn(dosageText(ex, t))}_`,
  ];
  if (text.note) lines.push(escapeMrkdwn(text.note));
  lines.push(stepsText(ex, t));
  if (sides) lines.push(t("safety.sides"));
  lines.push(`:warning: _${escapeMrkdwn(text.safety)}_`);
  return lines.join("\n");
}

/**
 * Exercise sections, one per exercise while they fit in `room` blocks; beyond that, several per
 * section (each still ≤ 3000 chars) so a future, bigger catalog cannot break the 50-block cap.
 */
function exerciseSections(routine: Routine, room: number, t: T): SectionBlock[] {
  const texts = routine.items.map((item, i) => exerciseText(item.exercise, i + 1, item.seconds, item.sides, t));
  if (texts.length <= room) return texts.map(section);
  const perBlock = Math.ceil(texts.length / Math.max(1, room));
  const out: SectionBlock[] = [];
  for (let i = 0; i < texts.length; i += perBlock) out.push(section(texts.slice(i, i + perBlock).join("\n\n")));
  return out;
}

/**
 * What the buttons carry to rebuild the routine. Request text is trimmed first (≤ 200 chars), then
 * further if JSON escaping still pushes the value past Slack's 2000.
 */
export function routineButtonValue(requestText: string, seed: string, ids: readonly string[]): string {
  let t = truncate(requestText, MAX_REQUEST_TEXT_IN_VALUE).replace(/…$/, "");
  let value = encodeRoutineValue({ t, s: seed, ids: [...ids] });
  while (value.length > SLACK_LIMITS.buttonValue && t.length > 0) {
    t = truncate(t, Math.floor(t.length / 2)).replace(/…$/, "");
    value = encodeRoutineValue({ t, s: seed, ids: [...ids] });
  }
  // Only a pathological seed gets here; the share handler then falls back to the seed.
  if (value.length > SLACK_LIMITS.buttonValue) value = encodeRoutineValue({ t: "", s: seed.slice(0, 200), ids: [] });
  return value;
}

/**
 * Why the routine is not exactly what was asked. English keeps the builder's own sentence (its
 * area phrasing is English grammar); other languages say the same notes in their words.
 */
function fallbackText(fallback: RoutineFallback, t: T): string {
  if (t.lng === "en" || !fallback.notes) return fallback.reason;
  const list = (areas: readonly string[]) => (areas.length === 0 ? t("fallback.wholeBody") : areas.map((a) => t(`areas.${a}`)).join(", "));
  const where = (position?: string) => (position ? t(`fallback.position.${position}`) : "");
  return fallback.notes
    .map((n) => {
      switch (n.kind) {
        case "unknownExercise":
          return t("fallback.unknownExercise");
        case "droppedPosition":
          return t("fallback.droppedPosition", { where: where(n.position) });
        case "noneFor":
        case "onlyFew": {
          const others = n.nearby ? t("fallback.nearby", { areas: list(n.others) }) : list(n.others);
          const values = { where: where(n.position), areas: list(n.areas), others };
          return n.kind === "noneFor" ? t("fallback.noneFor", values) : t("fallback.onlyFew", { ...values, count: n.count });
        }
      }
    })
    .join(" ");
}

function routineBody(routine: Routine, contextLine: string, fixedTail: number, lead: KnownBlock[], t: T = EN): KnownBlock[] {
  const top: KnownBlock[] = [...lead, header(routineTitle(routine, t)), context(contextLine)];
  if (routine.fallback) top.push(section(`:information_source: ${escapeMrkdwn(fallbackText(routine.fallback, t))}`));
  const room = SLACK_LIMITS.blocksPerMessage - top.length - 1 - fixedTail;
  return [...top, ...exerciseSections(routine, room, t), context(t("safety.full"))];
}

function summaryLine(routine: Routine, t: T = EN): string {
  return `:stopwatch: ${formatDuration(routine.totalSeconds)}  ·  ${positionSummary(routine, t)}  ·  ${t("routine.moves", { count: routine.items.length })}`;
}

// ---------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------

/** The ephemeral reply to `/stretch …`: the routine plus Share and Another one. */
export function routineMessage(routine: Routine, opts: { requestText: string; seed: string; t?: T }): SlackMessage {
  const t = opts.t ?? EN;
  const asked = opts.requestText.trim() ? `  ·  ${t("routine.asked", { text: inlineUserText(opts.requestText) })}` : "";
  const ids = routine.items.map((i) => i.exercise.id);
  const value = routineButtonValue(opts.requestText, opts.seed, ids);
  const actions: ActionsBlock = {
    type: "actions",
    block_id: "routine_actions",
    elements: [
      button(t("routine.share"), ActionId.shareRoutine, value, "primary"),
      button(t("routine.another"), ActionId.anotherRoutine, value),
    ],
  };
  const blocks = capBlocks([...routineBody(routine, `${summaryLine(routine, t)}${asked}`, 1, [], t), actions], 2);
  const names = routine.items.map((i) => localizedExercise(i.exercise, t).name).join(", ");
  return { text: truncate(`${routineTitle(routine, t)}: ${names}`, 3000), blocks };
}

/**
 * The public copy posted when someone presses Share. No buttons: Share and Another one only make
 * sense to the person who asked, and their clicks would rebuild someone else's request.
 */
export function sharedRoutineMessage(routine: Routine, sharedByUserId: string, t: T = EN): SlackMessage {
  // Only a real-looking user id goes into a mention; anything else could smuggle a broadcast.
  const who = /^[UW][A-Z0-9]{2,20}$/.test(sharedByUserId) ? `<@${sharedByUserId}>` : t("share.someone");
  const lead = [section(t("share.lead", { who }))];
  const blocks = capBlocks([...routineBody(routine, summaryLine(routine, t), 1, lead, t), context(t("share.ownRoutine"))], 2);
  return { text: truncate(t("share.fallback", { who, title: routineTitle(routine, t) }), 3000), blocks };
}

/** `/stretch <exercise name>`: one exercise in full. */
export function exerciseDetailMessage(ex: Exercise, t: T = EN): SlackMessage {
  const text = localizedExercise(ex, t);
  const areas = ex.areas.map((a) => capitalize(t(`areas.${a}`))).join(", ");
  const positions = ex.positions.map((p) => `${POSITION_ICON[p]} ${t(`routine.${p}`)}`).join(` ${t("detail.or")} `);
  const dosage = [`${t("detail.dose")} ${escapeMrkdwn(dosageText(ex, t))}`];
  if (text.note) dosage.push(`_${escapeMrkdwn(text.note)}_`);
  const steps = [t("detail.howTo"), stepsText(ex, t)];
  if (ex.dosage.perSide) steps.push(t("safety.sides"));
  const blocks: KnownBlock[] = [
    header(`🧘 ${text.name}`),
    context(`${t("detail.areas")} ${escapeMrkdwn(areas)}  ·  ${positions}  ·  ${t(`detail.kinds.${ex.kind}`)}  ·  ${t("routine.about", { duration: formatDuration(ex.estimatedSeconds) })}`),
    section(dosage.join("\n")),
    section(steps.join("\n")),
    section(`${t("detail.safety")} ${escapeMrkdwn(text.safety)}`),
    context(t(ex.discreet ? "detail.discreet" : "detail.notDiscreet")),
    context(`${t("detail.source", { title: escapeMrkdwn(SOURCE_TITLES[ex.source] ?? ex.source) })}  ·  ${t("safety.full")}`),
    context(t("detail.tryRoutine", { area: escapeMrkdwn(t(`areas.${ex.areas[0] ?? "neck"}`)) })),
  ];
  return { text: truncate(`${text.name}: ${dosageText(ex, t)}`, 3000), blocks: capBlocks(blocks) };
}

/** `/stretch list`: every area with its count, and every exercise under each area it works. */
export function listMessage(t: T = EN): SlackMessage {
  const blocks: KnownBlock[] = [header(t("list.title")), section(t("list.intro"))];
  for (const area of BODY_AREAS) {
    const list = EXERCISES.filter((e) => e.areas.includes(area));
    const lines = list.map((e) => `• ${escapeMrkdwn(localizedExercise(e, t).name)} ${e.positions.map((p) => POSITION_ICON[p]).join("")}`);
    blocks.push(section(`*${capitalize(t(`areas.${area}`))}* · ${t("list.exercises", { count: list.length })}\n${lines.join("\n")}`));
  }
  blocks.push(
    context(
      t("list.legend", {
        seated: `${POSITION_ICON.seated} ${t("routine.seated")}`,
        standing: `${POSITION_ICON.standing} ${t("routine.standing")}`,
        total: t("list.exercises", { count: EXERCISES.length }),
      }),
    ),
  );
  const counts = BODY_AREAS.map((a) => `${t(`areas.${a}`)} ${EXERCISES.filter((e) => e.areas.includes(a)).length}`).join(", ");
  return { text: t("list.fallback", { counts }), blocks: capBlocks(blocks) };
}

const EXAMPLES = ["/stretch neck", "/stretch lower back 5m seated", "/stretch neck rolls"];

/** "I didn't catch …" with up to three guesses and examples that work. */
export function unknownMessage(parsed: Extract<ParsedRoutineRequest, { kind: "unknown" }>, t: T = EN): SlackMessage {
  const typed = parsed.input.trim();
  const caught = typed ? t("unknown.caught", { text: inlineUserText(typed) }) : t("unknown.caughtNothing");
  const guesses = parsed.suggestions.slice(0, 3).map((s) => inlineUserText(`/stretch ${s.toLowerCase()}`, 80));
  const didYouMean =
    guesses.length === 0
      ? ""
      : ` ${t("unknown.didYouMean", { guesses: guesses.length === 1 ? guesses[0] : `${guesses.slice(0, -1).join(", ")} ${t("unknown.or")} ${guesses[guesses.length - 1]}` })}`;
  const blocks: KnownBlock[] = [
    section(`:thinking_face: ${caught}${didYouMean}`),
    section(`${t("unknown.works")}\n${EXAMPLES.map((e) => `• \`${e}\``).join("\n")}`),
    context(t("unknown.more")),
  ];
  const plainGuesses = parsed.suggestions.slice(0, 3).map((s) => `\`/stretch ${s.toLowerCase()}\``).join(", ");
  const text = t("unknown.fallback", { guesses: plainGuesses ? t("unknown.fallbackGuesses", { guesses: escapeMrkdwn(truncate(plainGuesses, 200)) }) : "" });
  return { text, blocks };
}
