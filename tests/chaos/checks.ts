/**
 * The chaos run's verdict, pure: from what the fake Slack received, what the database holds and
 * the timeline of what people asked for (recorded by the driver), the list of broken promises.
 *
 * Timing is judged leniently, never in the engine's disfavour: a command took effect somewhere
 * between when it was sent and when its answer was seen, so
 *  - "off"/"paused" only counts from the answer (+ RACE_GRACE_MS: a delivery that checked the state
 *    just before the change may still be on the wire), and
 *  - "on" counts from when the command was sent.
 * A post is a violation only if it breaks the rule under every order the facts allow.
 */

/** A delivery that re-checked the state just before a change may post this long after it. */
export const RACE_GRACE_MS = 2_000;
/** A prompt posted this long after a later slot of the same target was due is a stale backlog. */
export const STALE_AFTER_NEXT_SLOT_MS = 30_000;

export interface ScheduleState {
  id: string;
  active: boolean;
  pausedUntil: number | null;
  /** Interval, times, window, days, zone: a change means "times changed" (a new start). */
  settings: string;
}

export interface MemberState {
  optedOut: boolean;
  pausedUntil: number | null;
}

/** One reading of the database after a command: the command was sent at sentAt, read at seenAt. */
export interface Snapshot {
  sentAt: number;
  seenAt: number;
  label: string;
  schedules: Map<string, ScheduleState>;
  members: Map<string, MemberState>;
}

export interface PromptRow {
  id: string;
  scheduleId: string | null;
  slotKey: string;
  slotAt: number;
  target: string;
  recipientUserId: string | null;
  channelId: string | null;
  messageTs: string | null;
  status: string;
}

export interface Post {
  channel: string;
  ts: string;
  promptId: string | undefined;
  at: number;
}

export interface ReactionSent {
  eventId: string;
  kind: "added" | "removed";
  userId: string;
  channel: string;
  ts: string;
  reaction: string;
  at: number;
  /** HTTP status of the first delivery that got an answer (200 = acknowledged). */
  status: number | null;
}

export interface DonePress {
  userId: string;
  promptId: string;
  at: number;
  status: number | null;
  reply: string | undefined;
}

export interface StatsShown {
  userId: string;
  current: number;
  best: number;
}

export interface RawDays {
  userId: string;
  /** The person's local date now (their zone). */
  today: string;
  deliveredDates: string[];
  completedDates: string[];
}

export interface CheckInput {
  snapshots: Snapshot[];
  /** schedule id → targetKey (channel:C… | members:C… | dm:U…). */
  scheduleKeys: Map<string, string>;
  prompts: PromptRow[];
  posts: Post[];
  reactions: ReactionSent[];
  donePresses: DonePress[];
  completions: Array<{ promptId: string; userId: string }>;
  stats: StatsShown[];
  rawDays: RawDays[];
}

export interface Violation {
  check: string;
  detail: string;
}

export const CHECKS = {
  duplicate: "duplicate prompt",
  beforeOn: "slot before the schedule was on",
  whileOff: "posted while off",
  whilePaused: "posted while paused",
  optedOut: "prompt for an opted-out person",
  personPaused: "prompt for a paused person",
  stale: "stale backlog prompt",
  lostReaction: "acknowledged reaction not a completion",
  lostDone: "acknowledged Done press not a completion",
  streak: "streak differs from /stretch stats",
} as const;

const iso = (ms: number) => new Date(ms).toISOString().slice(11, 19);

/** A schedule's slot (slotKey is the slot instant); `/stretch now` and snoozes carry other keys. */
export const isScheduledSlot = (p: PromptRow) => p.scheduleId !== null && p.slotKey === new Date(p.slotAt).toISOString();

type Possible<T> = Array<T | undefined>;

/**
 * Every state a key may have had at instant t: from the last one certainly in force (answer seen
 * more than `grace` before t) to the last one whose command had been sent by t.
 */
function possibleStates<T>(snapshots: Snapshot[], pick: (s: Snapshot) => T | undefined, t: number, grace: number): Possible<T> {
  let certain = 0;
  let latest = -1;
  for (let i = 0; i < snapshots.length; i++) {
    const s = snapshots[i]!;
    if (s.sentAt <= t) latest = i;
    if (s.seenAt + grace <= t) certain = i;
  }
  if (latest < 0) return [undefined];
  const out: Possible<T> = [];
  for (let i = Math.min(certain, latest); i <= latest; i++) out.push(pick(snapshots[i]!));
  return out;
}

const scheduleOn = (s: ScheduleState | undefined, t: number) => s !== undefined && s.active && !(s.pausedUntil !== null && s.pausedUntil > t);

export function runChecks(input: CheckInput): Violation[] {
  const violations: Violation[] = [];
  const add = (check: string, detail: string) => violations.push({ check, detail });
  const promptById = new Map(input.prompts.map((p) => [p.id, p]));

  // 1. At most one message per prompt, at most one prompt row per (schedule, slot, target).
  const postsByPrompt = new Map<string, Post[]>();
  for (const post of input.posts) {
    if (!post.promptId) continue;
    postsByPrompt.set(post.promptId, [...(postsByPrompt.get(post.promptId) ?? []), post]);
  }
  for (const [promptId, posts] of postsByPrompt) {
    if (posts.length < 2) continue;
    const p = promptById.get(promptId);
    add(CHECKS.duplicate, `prompt ${promptId.slice(0, 8)} (${p ? `${p.target} slot ${p.slotKey}` : "row missing"}) posted ${posts.length}× at ${posts.map((x) => iso(x.at)).join(", ")}`);
  }
  const rowKeys = new Map<string, number>();
  for (const p of input.prompts) {
    if (!p.scheduleId) continue;
    const key = `${p.scheduleId}|${p.slotKey}|${p.target}`;
    rowKeys.set(key, (rowKeys.get(key) ?? 0) + 1);
  }
  for (const [key, n] of rowKeys) if (n > 1) add(CHECKS.duplicate, `${n} prompt rows for ${key}`);

  // 2. State: each scheduled post against what people had asked for at its slot and when it arrived.
  const firstPost = new Map<string, Post>();
  for (const post of input.posts) if (post.promptId && !firstPost.has(post.promptId)) firstPost.set(post.promptId, post);
  /** Prompts already judged wrong by their state: the backlog check does not count them twice. */
  const wrongState = new Set<string>();
  for (const [promptId, post] of firstPost) {
    const p = promptById.get(promptId);
    if (!p || !isScheduledSlot(p) || !p.scheduleId) continue;
    const before = violations.length;
    const key = input.scheduleKeys.get(p.scheduleId);
    if (!key) continue;
    const what = `${key}${p.recipientUserId && !key.endsWith(p.recipientUserId) ? ` → ${p.recipientUserId}` : ""} slot ${iso(p.slotAt)} posted ${iso(post.at)}`;
    const pickSchedule = (s: Snapshot) => s.schedules.get(key);
    const atSlot = possibleStates(input.snapshots, pickSchedule, p.slotAt, 0);
    const atPost = possibleStates(input.snapshots, pickSchedule, post.at, RACE_GRACE_MS);
    if (atPost.every((s) => s === undefined || !s.active)) add(CHECKS.whileOff, what);
    else if (atPost.every((s) => !scheduleOn(s, post.at))) add(CHECKS.whilePaused, what);
    else if (atSlot.every((s) => !scheduleOn(s, p.slotAt))) add(CHECKS.beforeOn, `${what} (not on at its slot)`);
    else {
      // Turned on again, resumed or re-timed after the slot and certainly before the post.
      const restart = input.snapshots.find((s, i) => {
        if (i === 0 || s.sentAt <= p.slotAt || s.seenAt + RACE_GRACE_MS > post.at) return false;
        const before = input.snapshots[i - 1]!.schedules.get(key);
        const after = s.schedules.get(key);
        if (!after || !scheduleOn(after, s.seenAt)) return false;
        return !scheduleOn(before, s.sentAt) || before!.settings !== after.settings;
      });
      if (restart) add(CHECKS.beforeOn, `${what} (slot older than "${restart.label}" sent ${iso(restart.sentAt)})`);
    }
    if (p.recipientUserId) {
      const person = p.recipientUserId;
      const pickMember = (s: Snapshot) => s.members.get(person);
      const optedOutAt = (t: number, grace: number) => possibleStates(input.snapshots, pickMember, t, grace).every((m) => m?.optedOut === true);
      const pausedAt = (t: number, grace: number) =>
        possibleStates(input.snapshots, pickMember, t, grace).every((m) => m !== undefined && m.pausedUntil !== null && m.pausedUntil > t);
      // Opting out stops what is queued; someone who opted back in may get the slot that fell meanwhile.
      if (optedOutAt(post.at, RACE_GRACE_MS)) add(CHECKS.optedOut, what);
      else if (pausedAt(post.at, RACE_GRACE_MS) || pausedAt(p.slotAt, 0)) add(CHECKS.personPaused, what);
    }
    if (violations.length > before) wrongState.add(promptId);
  }

  // 3. No backlog: a prompt arriving well after a later slot of the same target came due.
  const slotsByTarget = new Map<string, number[]>();
  for (const p of input.prompts) {
    if (!isScheduledSlot(p) || !firstPost.has(p.id)) continue;
    const k = `${p.scheduleId}|${p.target}`;
    slotsByTarget.set(k, [...(slotsByTarget.get(k) ?? []), p.slotAt]);
  }
  for (const [promptId, post] of firstPost) {
    const p = promptById.get(promptId);
    if (!p || !p.scheduleId || !isScheduledSlot(p) || wrongState.has(promptId)) continue;
    const newer = (slotsByTarget.get(`${p.scheduleId}|${p.target}`) ?? []).filter((s) => s > p.slotAt && post.at > s + STALE_AFTER_NEXT_SLOT_MS);
    if (newer.length > 0) {
      const key = input.scheduleKeys.get(p.scheduleId) ?? p.scheduleId;
      add(CHECKS.stale, `${key} → ${p.target} slot ${iso(p.slotAt)} posted ${iso(post.at)}, after slot ${iso(Math.max(...newer))} was due`);
    }
  }

  // 4. Acknowledged reactions and Done presses are completions (unless every reaction was removed).
  const completed = new Set(input.completions.map((c) => `${c.promptId}|${c.userId}`));
  const promptOfMessage = new Map<string, string>();
  for (const post of input.posts) if (post.promptId) promptOfMessage.set(`${post.channel}|${post.ts}`, post.promptId);
  const held = new Map<string, { reactions: Set<string>; last: ReactionSent }>();
  for (const r of [...input.reactions].sort((a, b) => a.at - b.at)) {
    if (r.status !== 200) continue;
    const promptId = promptOfMessage.get(`${r.channel}|${r.ts}`);
    if (!promptId) continue;
    const k = `${promptId}|${r.userId}`;
    const entry = held.get(k) ?? { reactions: new Set<string>(), last: r };
    if (r.kind === "added") entry.reactions.add(r.reaction);
    else entry.reactions.delete(r.reaction);
    entry.last = r;
    held.set(k, entry);
  }
  const pressed = new Set(input.donePresses.filter((d) => d.status === 200).map((d) => `${d.promptId}|${d.userId}`));
  for (const [k, { reactions, last }] of held) {
    if (reactions.size === 0 || completed.has(k) || pressed.has(k)) continue;
    const [promptId, userId] = k.split("|") as [string, string];
    add(CHECKS.lostReaction, `${userId} :${[...reactions].join(":, :")}: on ${last.channel}/${last.ts} (prompt ${promptId.slice(0, 8)}) acked ${iso(last.at)}; ${rowState(promptById.get(promptId), last.ts, postsByPrompt.get(promptId))}`);
  }
  for (const d of input.donePresses) {
    const k = `${d.promptId}|${d.userId}`;
    if (d.status !== 200 || completed.has(k)) continue;
    add(CHECKS.lostDone, `${d.userId} on prompt ${d.promptId.slice(0, 8)} at ${iso(d.at)}; the app replied "${(d.reply ?? "nothing").slice(0, 70)}"; ${rowState(promptById.get(d.promptId), undefined, postsByPrompt.get(d.promptId))}`);
  }
  // A press that was answered twice must still be one completion: the unique key guarantees it,
  // and check 1's row count would not see it, so count here.
  const perPromptUser = new Map<string, number>();
  for (const c of input.completions) perPromptUser.set(`${c.promptId}|${c.userId}`, (perPromptUser.get(`${c.promptId}|${c.userId}`) ?? 0) + 1);
  for (const [k, n] of perPromptUser) if (n > 1) add(CHECKS.duplicate, `${n} completions for ${k}`);

  // 5. Streaks recomputed from raw rows equal what /stretch stats showed.
  const shown = new Map(input.stats.map((s) => [s.userId, s]));
  for (const raw of input.rawDays) {
    const s = shown.get(raw.userId);
    const expected = recomputeStreak(raw);
    if (!s) {
      add(CHECKS.streak, `${raw.userId}: /stretch stats gave no readable streak (expected ${expected.current}, best ${expected.best})`);
      continue;
    }
    if (s.current !== expected.current || s.best !== expected.best) {
      add(CHECKS.streak, `${raw.userId}: stats show ${s.current} (best ${s.best}), raw rows give ${expected.current} (best ${expected.best})`);
    }
  }
  return violations;
}

/** What the database says about a prompt people acted on (evidence for a violation). */
function rowState(p: PromptRow | undefined, ts: string | undefined, posts: Post[] | undefined): string {
  const seen = posts?.length ? `posted ${posts.map((x) => iso(x.at)).join(", ")}` : "never posted";
  if (!p) return `prompt row missing, ${seen}`;
  if (p.messageTs === null) return `row has no ts (status ${p.status}), ${seen}`;
  if (ts !== undefined && p.messageTs !== ts) return `row records ts ${p.messageTs}, not ${ts}; ${seen}`;
  return `row is ${p.status} with that ts, ${seen}`;
}

/**
 * The README's rule, written again from its words (not the app's code): walk the person's prompt
 * days (a delivered prompt or a completion) in date order; a day with a completion extends the
 * run, a day without one ends it, except today, which is not over.
 */
export function recomputeStreak(raw: RawDays): { current: number; best: number } {
  const done = new Set(raw.completedDates.filter((d) => d <= raw.today));
  const days = [...new Set([...raw.deliveredDates.filter((d) => d <= raw.today), ...done])].sort();
  let current = 0;
  let best = 0;
  for (const day of days) {
    if (done.has(day)) best = Math.max(best, ++current);
    else if (day < raw.today) current = 0;
  }
  return { current, best };
}
