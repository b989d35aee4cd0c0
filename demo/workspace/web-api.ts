/**
 * The Slack Web API as the app calls it (`POST /api/<method>`), answered from the workspace's state
 * in Slack's response shapes (api/*.json samples and the OpenAPI examples), with Slack's refusals:
 * `not_authed` / `invalid_auth` for a wrong token, `channel_not_found`, `not_in_channel`,
 * `message_not_found`, `invalid_blocks` and `invalid_arguments` (Block Kit, see
 * block-kit-validator.ts), `expired_trigger_id`, `hash_conflict`…
 */
import { invalidBlocksAnswer, invalidViewAnswer, validateMessage, validateView } from "./block-kit-validator.js";
import { APP, BOT, PEOPLE, TEAM, USER_GROUPS, type Person } from "./seed.js";
import { NO_STATUS, type Json, type PersonStatus, type StoredChannel, type StoredFile, type StoredMessage, type StoredView, type WorkspaceState } from "./state.js";

export interface WebApiContext {
  state: WorkspaceState;
  botToken: string;
  /** The workspace's own origin, e.g. http://127.0.0.1:3000 (upload URLs, permalinks). */
  origin(): string;
  /** The person a trigger_id was issued to, while it is still valid (Slack: 3 s). */
  consumeTrigger(triggerId: string): { userId: string } | "expired" | "invalid";
}

type Answer = Json;
type Method = (args: Json, ctx: WebApiContext) => Answer;

const fail = (error: string, extra: Json = {}): Answer => ({ ok: false, error, ...extra });

export function callWebApi(method: string, args: Json, token: string | undefined, ctx: WebApiContext): Answer {
  const handler = METHODS[method];
  if (!handler) return fail("unknown_method", { req_method: method });
  if (!token) return fail("not_authed");
  if (token !== ctx.botToken) return fail("invalid_auth");
  return handler(args, ctx);
}

/** Web API arguments arrive form-encoded (WebClient JSON-encodes objects inside) or as JSON. */
export function parseArgs(raw: string, contentType: string): Json {
  if (!raw) return {};
  if (contentType.includes("application/json")) {
    try {
      return JSON.parse(raw) as Json;
    } catch {
      return {};
    }
  }
  const args: Json = {};
  for (const [key, value] of new URLSearchParams(raw)) args[key] = value;
  return args;
}

function jsonArg(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

const str = (v: unknown): string => (typeof v === "string" ? v : v === undefined || v === null ? "" : String(v));
const bool = (v: unknown): boolean => v === true || v === "true" || v === "1";

/** A channel argument: a channel id, a DM id, or a person's id (Slack posts that to the app's DM). */
function resolveChannel(ctx: WebApiContext, channel: string): StoredChannel | undefined {
  if (/^[UW]/.test(channel)) return ctx.state.dmWith(channel);
  return ctx.state.channel(channel);
}

function postable(ctx: WebApiContext, channelArg: unknown): StoredChannel | Answer {
  const id = str(channelArg);
  if (!id) return fail("channel_not_found");
  const channel = resolveChannel(ctx, id);
  if (!channel) return fail("channel_not_found");
  if (channel.archived) return fail("is_archived");
  if (!channel.botMember) return fail("not_in_channel");
  return channel;
}

const isAnswer = (v: StoredChannel | Answer): v is Answer => "ok" in v;

type Body = { text: string; blocks?: unknown[] };

/** The bot's own (non-ephemeral) message named by `channel` and `ts`, or Slack's refusal. */
function ownMessage(ctx: WebApiContext, args: Json, notMine: string): { channel: StoredChannel; message: StoredMessage; refusal?: undefined } | { refusal: Answer } {
  const channel = resolveChannel(ctx, str(args.channel));
  if (!channel) return { refusal: fail("channel_not_found") };
  const message = ctx.state.message(channel.id, str(args.ts));
  if (!message || message.ephemeralTo) return { refusal: fail("message_not_found") };
  if (message.user !== BOT.userId) return { refusal: fail(notMine) };
  return { channel, message };
}

/** The text and blocks of a message, or Slack's refusal. */
export function messageBody(args: Json): { body: Body } | { refusal: Answer } {
  const blocks = jsonArg(args.blocks);
  const problems = validateMessage({ text: args.text, blocks });
  if (problems.length > 0) return { refusal: invalidBlocksAnswer(problems) };
  const text = str(args.text);
  const hasBlocks = Array.isArray(blocks) && blocks.length > 0;
  if (!text && !hasBlocks && args.attachments === undefined) return { refusal: fail("no_text") };
  return { body: { text, ...(hasBlocks ? { blocks: blocks as unknown[] } : {}) } };
}

export function slackMessage(m: StoredMessage): Json {
  const fromBot = m.user === BOT.userId;
  return {
    type: "message",
    ...(fromBot ? { subtype: "bot_message", bot_id: BOT.botId, app_id: APP.id } : {}),
    user: m.user,
    text: m.text,
    ts: m.ts,
    team: TEAM.id,
    ...(m.blocks ? { blocks: m.blocks } : {}),
    ...(m.files ? { files: m.files.map((f) => ({ id: f.id, name: f.name, title: f.title, mimetype: f.mimetype, size: f.size })) } : {}),
    ...(m.reactions.length > 0 ? { reactions: m.reactions.map((r) => ({ name: r.name, users: r.users, count: r.users.length })) } : {}),
    ...(m.edited ? { edited: { user: m.user, ts: m.ts } } : {}),
  };
}

function tzOffsetSeconds(tz: string, at: Date): number {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: tz, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 1000);
}

function tzLabel(tz: string, at: Date): string {
  return new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName: "long" }).formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? tz;
}

/** The status fields of a Slack profile (users.info, users.profile.get, user_change…). */
export function statusFields(s: PersonStatus): Json {
  return {
    status_text: s.text,
    status_text_canonical: "",
    status_emoji: s.emoji,
    status_expiration: s.expiration,
    huddle_state: s.huddle ? "in_a_huddle" : "default_unset",
    huddle_state_expiration_ts: 0,
  };
}

/**
 * What Slack tells an app about someone's Do Not Disturb (dnd.teamInfo, dnd_updated_user): the
 * window only. "Pause notifications for 30 minutes" shows as a window from then to its end.
 */
export function dndStatus(s: PersonStatus): { dnd_enabled: boolean; next_dnd_start_ts: number; next_dnd_end_ts: number } {
  return s.dndUntil > 0 ? { dnd_enabled: true, next_dnd_start_ts: s.dndSince, next_dnd_end_ts: s.dndUntil } : { dnd_enabled: false, next_dnd_start_ts: 1, next_dnd_end_ts: 1 };
}

export function slackUser(p: Person, at: Date, withLocale = false, status: PersonStatus = NO_STATUS): Json {
  return {
    id: p.id,
    team_id: TEAM.id,
    name: p.handle,
    deleted: false,
    color: p.color.replace("#", ""),
    real_name: p.realName,
    tz: p.tz,
    tz_label: tzLabel(p.tz, at),
    tz_offset: tzOffsetSeconds(p.tz, at),
    profile: {
      title: p.title,
      real_name: p.realName,
      real_name_normalized: p.realName.normalize("NFD").replace(/\p{Diacritic}/gu, ""),
      display_name: p.handle,
      display_name_normalized: p.handle,
      ...statusFields(status),
      email: `${p.handle}@acme-demo.example`,
      team: TEAM.id,
    },
    is_admin: p.isAdmin === true,
    is_owner: p.isOwner === true,
    is_primary_owner: p.isOwner === true,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: false,
    is_app_user: false,
    updated: 1_700_000_000,
    ...(withLocale ? { locale: p.locale } : {}),
  };
}

function botUser(): Json {
  return {
    id: BOT.userId,
    team_id: TEAM.id,
    name: BOT.name,
    deleted: false,
    real_name: APP.name,
    tz: "America/Los_Angeles",
    tz_label: "Pacific Standard Time",
    tz_offset: -28800,
    profile: { real_name: APP.name, display_name: "", bot_id: BOT.botId, api_app_id: APP.id, team: TEAM.id },
    is_admin: false,
    is_owner: false,
    is_bot: true,
    is_app_user: false,
    updated: 1_700_000_000,
  };
}

function slackChannel(c: StoredChannel, withCount = false): Json {
  if (c.isIm) return { id: c.id, created: 1_700_000_000, is_im: true, is_org_shared: false, user: c.imUser, is_user_deleted: false, priority: 0 };
  return {
    id: c.id,
    name: c.name,
    is_channel: true,
    is_group: false,
    is_im: false,
    is_mpim: false,
    is_private: false,
    created: 1_700_000_000,
    is_archived: c.archived,
    is_general: c.name === "general",
    name_normalized: c.name,
    is_shared: false,
    is_org_shared: false,
    is_member: c.botMember,
    topic: { value: c.topic, creator: "", last_set: 0 },
    purpose: { value: c.topic, creator: "", last_set: 0 },
    context_team_id: TEAM.id,
    ...(withCount ? { num_members: c.members.length + (c.botMember ? 1 : 0) } : {}),
  };
}

function person(id: string): Person | undefined {
  return PEOPLE.find((p) => p.id === id);
}

function viewAnswer(v: StoredView): Answer {
  return {
    ok: true,
    view: {
      ...v.view,
      id: v.id,
      team_id: TEAM.id,
      app_id: APP.id,
      bot_id: BOT.botId,
      hash: v.hash,
      root_view_id: v.rootViewId,
      previous_view_id: v.previousViewId,
      state: { values: {} },
      private_metadata: str(v.view.private_metadata),
      callback_id: str(v.view.callback_id),
      external_id: str(v.view.external_id),
    },
  };
}

function checkedView(args: Json): Json | Answer {
  const view = jsonArg(args.view);
  const problems = validateView(view);
  if (problems.length > 0) return invalidViewAnswer(problems);
  return view as Json;
}

const newHash = (ctx: WebApiContext) => `${Math.floor(ctx.state.now().getTime() / 1000)}.${ctx.state.nextId("H").slice(2)}`;

const METHODS: Record<string, Method> = {
  "api.test": (args) => ({ ok: true, args }),
  "auth.test": (_a, ctx) => ({ ok: true, url: `${ctx.origin()}/`, team: TEAM.name, user: BOT.name, team_id: TEAM.id, user_id: BOT.userId, bot_id: BOT.botId, is_enterprise_install: false }),
  "team.info": (_a, ctx) => ({ ok: true, team: { id: TEAM.id, name: TEAM.name, domain: TEAM.domain, email_domain: "acme-demo.example", icon: { image_default: true }, url: `${ctx.origin()}/` } }),
  "bots.info": () => ({ ok: true, bot: { id: BOT.botId, deleted: false, name: APP.name, updated: 1_700_000_000, app_id: APP.id, user_id: BOT.userId, icons: {} } }),

  "chat.postMessage": (args, ctx) => {
    const channel = postable(ctx, args.channel);
    if (isAnswer(channel)) return channel;
    const parsed = messageBody(args);
    if ("refusal" in parsed) return parsed.refusal;
    const body = parsed.body;
    const metadata = jsonArg(args.metadata);
    const stored = ctx.state.addMessage({ channel: channel.id, user: BOT.userId, ...body, ...(metadata && typeof metadata === "object" ? { metadata } : {}) });
    return { ok: true, channel: channel.id, ts: stored.ts, message: slackMessage(stored) };
  },
  "chat.postEphemeral": (args, ctx) => {
    const channel = postable(ctx, args.channel);
    if (isAnswer(channel)) return channel;
    const user = str(args.user);
    if (!person(user)) return fail("user_not_found");
    if (!channel.isIm && !channel.members.includes(user)) return fail("user_not_in_channel");
    if (channel.isIm && channel.imUser !== user) return fail("user_not_in_channel");
    const parsed = messageBody(args);
    if ("refusal" in parsed) return parsed.refusal;
    const stored = ctx.state.addMessage({ channel: channel.id, user: BOT.userId, ...parsed.body, ephemeralTo: user });
    return { ok: true, message_ts: stored.ts };
  },
  "chat.update": (args, ctx) => {
    const found = ownMessage(ctx, args, "cant_update_message");
    if (found.refusal) return found.refusal;
    const { channel, message } = found;
    const parsed = messageBody({ text: args.text ?? message.text, blocks: args.blocks ?? message.blocks });
    if ("refusal" in parsed) return parsed.refusal;
    ctx.state.replaceContent(message, parsed.body, true);
    return { ok: true, channel: channel.id, ts: message.ts, text: message.text, message: slackMessage(message) };
  },
  "chat.delete": (args, ctx) => {
    const found = ownMessage(ctx, args, "cant_delete_message");
    if (found.refusal) return found.refusal;
    ctx.state.removeMessage(found.message);
    return { ok: true, channel: found.channel.id, ts: found.message.ts };
  },
  "chat.getPermalink": (args, ctx) => {
    const channel = resolveChannel(ctx, str(args.channel));
    if (!channel) return fail("channel_not_found");
    const message = ctx.state.message(channel.id, str(args.message_ts));
    if (!message) return fail("message_not_found");
    return { ok: true, channel: channel.id, permalink: `${ctx.origin()}/archives/${channel.id}/p${message.ts.replace(".", "")}` };
  },

  "conversations.open": (args, ctx) => {
    const users = str(args.users).split(",").filter(Boolean);
    if (str(args.channel)) {
      const c = ctx.state.channel(str(args.channel));
      return c ? { ok: true, channel: { id: c.id } } : fail("channel_not_found");
    }
    if (users.length !== 1) return fail(users.length === 0 ? "users_list_not_supplied" : "not_enough_users");
    const dm = ctx.state.dmWith(users[0]!);
    if (!dm) return fail("user_not_found");
    return { ok: true, no_op: true, already_open: true, channel: bool(args.return_im) ? slackChannel(dm) : { id: dm.id } };
  },
  "conversations.info": (args, ctx) => {
    const c = ctx.state.channel(str(args.channel));
    if (!c) return fail("channel_not_found");
    return { ok: true, channel: slackChannel(c, bool(args.include_num_members)) };
  },
  "conversations.list": (args, ctx) => {
    const types = str(args.types || "public_channel").split(",");
    const list = ctx.state.data.channels.filter((c) => (c.isIm ? types.includes("im") : types.includes("public_channel")) && (!bool(args.exclude_archived) || !c.archived));
    return { ok: true, channels: list.map((c) => slackChannel(c, true)), response_metadata: { next_cursor: "" } };
  },
  "users.conversations": (args, ctx) => {
    const user = str(args.user) || BOT.userId;
    const list = ctx.state.data.channels.filter((c) => !c.isIm && (user === BOT.userId ? c.botMember : c.members.includes(user)));
    return { ok: true, channels: list.map((c) => slackChannel(c)), response_metadata: { next_cursor: "" } };
  },
  "conversations.members": (args, ctx) => {
    const c = ctx.state.channel(str(args.channel));
    if (!c) return fail("channel_not_found");
    const members = c.isIm ? [c.imUser!, BOT.userId] : [...c.members, ...(c.botMember ? [BOT.userId] : [])];
    return { ok: true, members, response_metadata: { next_cursor: "" } };
  },
  "conversations.join": (args, ctx) => {
    const c = ctx.state.channel(str(args.channel));
    if (!c || c.isIm) return fail(c ? "method_not_supported_for_channel_type" : "channel_not_found");
    if (c.archived) return fail("is_archived");
    const already = c.botMember;
    c.botMember = true;
    ctx.state.touch();
    return { ok: true, channel: slackChannel(c), ...(already ? { warning: "already_in_channel", response_metadata: { warnings: ["already_in_channel"] } } : {}) };
  },
  "conversations.history": (args, ctx) => {
    const c = ctx.state.channel(str(args.channel));
    if (!c) return fail("channel_not_found");
    if (!c.botMember) return fail("not_in_channel");
    const oldest = Number(args.oldest ?? 0);
    const latest = args.latest === undefined ? Number.POSITIVE_INFINITY : Number(args.latest);
    const limit = Math.min(Number(args.limit ?? 100) || 100, 999);
    const withMetadata = bool(args.include_all_metadata);
    const found = ctx.state.data.messages
      .filter((m) => m.channel === c.id && !m.ephemeralTo && Number(m.ts) >= oldest && Number(m.ts) <= latest)
      .reverse()
      .slice(0, limit);
    const messages = found.map((m) => ({ ...slackMessage(m), ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}) }));
    return { ok: true, messages, has_more: false, pin_count: 0, response_metadata: { next_cursor: "" } };
  },

  "users.info": (args, ctx) => {
    const id = str(args.user);
    if (id === BOT.userId) return { ok: true, user: botUser() };
    const p = person(id);
    return p ? { ok: true, user: slackUser(p, ctx.state.now(), bool(args.include_locale), ctx.state.statusOf(p.id)) } : fail("user_not_found");
  },
  "users.list": (args, ctx) => ({
    ok: true,
    members: [...PEOPLE.map((p) => slackUser(p, ctx.state.now(), bool(args.include_locale), ctx.state.statusOf(p.id))), botUser()],
    cache_ts: Math.floor(ctx.state.now().getTime() / 1000),
    response_metadata: { next_cursor: "" },
  }),
  // Presence is not simulated: everyone is active (DND and statuses do not change presence in Slack).
  "users.getPresence": (args) => (person(str(args.user)) || str(args.user) === BOT.userId ? { ok: true, presence: "active", online: true, auto_away: false, manual_away: false, connection_count: 1 } : fail("user_not_found")),
  "users.profile.get": (args, ctx) => {
    const p = person(str(args.user));
    return p ? { ok: true, profile: { real_name: p.realName, display_name: p.handle, title: p.title, email: `${p.handle}@acme-demo.example`, ...statusFields(ctx.state.statusOf(p.id)) } } : fail("user_not_found");
  },
  // A bot sees the DND window of anyone; snooze_* fields describe only the caller's own snooze.
  "dnd.info": (args, ctx) => (person(str(args.user)) ? { ok: true, ...dndStatus(ctx.state.statusOf(str(args.user))), snooze_enabled: false } : fail("user_not_found")),
  "dnd.teamInfo": (args, ctx) => {
    const users: Json = {};
    for (const id of str(args.users).split(",").filter(Boolean)) if (person(id)) users[id] = dndStatus(ctx.state.statusOf(id));
    return { ok: true, users };
  },
  "usergroups.list": (args) => ({
    ok: true,
    usergroups: USER_GROUPS.map((g) => ({ id: g.id, team_id: TEAM.id, is_usergroup: true, name: g.name, handle: g.handle, description: "", date_delete: 0, user_count: g.users.length, ...(bool(args.include_users) ? { users: g.users } : {}) })),
  }),
  "usergroups.users.list": (args) => {
    const g = USER_GROUPS.find((x) => x.id === str(args.usergroup));
    return g ? { ok: true, users: g.users } : fail("no_such_subteam");
  },

  "reactions.add": (args, ctx) => {
    const message = ctx.state.message(str(args.channel), str(args.timestamp));
    if (!message) return fail("message_not_found");
    const name = str(args.name).replace(/:/g, "");
    let r = message.reactions.find((x) => x.name === name);
    if (r?.users.includes(BOT.userId)) return fail("already_reacted");
    if (!r) message.reactions.push((r = { name, users: [] }));
    r.users.push(BOT.userId);
    ctx.state.touch();
    return { ok: true };
  },
  "reactions.remove": (args, ctx) => {
    const message = ctx.state.message(str(args.channel), str(args.timestamp));
    if (!message) return fail("message_not_found");
    const name = str(args.name).replace(/:/g, "");
    const r = message.reactions.find((x) => x.name === name);
    if (!r?.users.includes(BOT.userId)) return fail("no_reaction");
    r.users = r.users.filter((u) => u !== BOT.userId);
    message.reactions = message.reactions.filter((x) => x.users.length > 0);
    ctx.state.touch();
    return { ok: true };
  },
  "reactions.get": (args, ctx) => {
    const message = ctx.state.message(str(args.channel), str(args.timestamp));
    return message ? { ok: true, type: "message", channel: message.channel, message: slackMessage(message) } : fail("message_not_found");
  },

  "files.getUploadURLExternal": (args, ctx) => {
    const filename = str(args.filename);
    const length = Number(args.length);
    if (!filename) return fail("invalid_arguments");
    if (!Number.isFinite(length) || length <= 0) return fail("invalid_arguments");
    const id = ctx.state.nextId("F");
    const file: StoredFile = { id, name: filename, title: filename, mimetype: mimeOf(filename), size: length, created: ctx.state.now().getTime() };
    ctx.state.data.files.push(file);
    ctx.state.touch();
    return { ok: true, upload_url: `${ctx.origin()}/upload/${id}`, file_id: id };
  },
  "files.completeUploadExternal": (args, ctx) => {
    const list = jsonArg(args.files);
    if (!Array.isArray(list) || list.length === 0) return fail("invalid_arguments");
    const files: StoredFile[] = [];
    for (const entry of list as Json[]) {
      const file = ctx.state.data.files.find((f) => f.id === str(entry.id));
      if (!file || file.content === undefined) return fail("file_not_found");
      if (entry.title) file.title = str(entry.title);
      files.push(file);
    }
    const channelId = str(args.channel_id);
    if (channelId) {
      const channel = postable(ctx, channelId);
      if (isAnswer(channel)) return channel;
      for (const f of files) f.channel = channel.id;
      ctx.state.addMessage({ channel: channel.id, user: BOT.userId, text: str(args.initial_comment), files: files.map((f) => ({ id: f.id, name: f.name, title: f.title, mimetype: f.mimetype, size: f.size })) });
    }
    ctx.state.touch();
    return { ok: true, files: files.map((f) => ({ id: f.id, name: f.name, title: f.title, mimetype: f.mimetype, size: f.size, url_private_download: `${ctx.origin()}/files/${f.id}/${encodeURIComponent(f.name)}` })) };
  },
  "files.info": (args, ctx) => {
    const f = ctx.state.data.files.find((x) => x.id === str(args.file));
    return f ? { ok: true, file: { id: f.id, name: f.name, title: f.title, mimetype: f.mimetype, size: f.size } } : fail("file_not_found");
  },

  "views.open": (args, ctx) => {
    const trigger = ctx.consumeTrigger(str(args.trigger_id));
    if (trigger === "expired") return fail("expired_trigger_id");
    if (trigger === "invalid") return fail("invalid_trigger_id");
    const view = checkedView(args);
    if ("ok" in view) return view;
    if (view.type !== "modal") return fail("invalid_arguments", { response_metadata: { messages: ["[ERROR] must be modal [json-pointer:/view/type]"] } });
    const id = ctx.state.nextId("V");
    const stored: StoredView = { id, hash: newHash(ctx), userId: trigger.userId, view, rootViewId: id, previousViewId: null };
    ctx.state.saveView(stored);
    ctx.state.data.modals[trigger.userId] = [id];
    return viewAnswer(stored);
  },
  "views.push": (args, ctx) => {
    const trigger = ctx.consumeTrigger(str(args.trigger_id));
    if (trigger === "expired") return fail("expired_trigger_id");
    if (trigger === "invalid") return fail("invalid_trigger_id");
    const stack = ctx.state.data.modals[trigger.userId] ?? [];
    if (stack.length === 0) return fail("not_found");
    if (stack.length >= 3) return fail("push_limit_reached");
    const view = checkedView(args);
    if ("ok" in view) return view;
    const id = ctx.state.nextId("V");
    const stored: StoredView = { id, hash: newHash(ctx), userId: trigger.userId, view, rootViewId: stack[0]!, previousViewId: stack[stack.length - 1]! };
    ctx.state.saveView(stored);
    stack.push(id);
    ctx.state.data.modals[trigger.userId] = stack;
    return viewAnswer(stored);
  },
  "views.update": (args, ctx) => {
    const existing = args.view_id ? ctx.state.view(str(args.view_id)) : ctx.state.data.views.find((v) => v.view.external_id === str(args.external_id) && args.external_id);
    if (!existing) return fail("not_found");
    if (args.hash && str(args.hash) !== existing.hash) return fail("hash_conflict");
    const view = checkedView(args);
    if ("ok" in view) return view;
    if (view.type !== existing.view.type) return fail("invalid_arguments");
    const updated: StoredView = { ...existing, view, hash: newHash(ctx) };
    ctx.state.saveView(updated);
    return viewAnswer(updated);
  },
  "views.publish": (args, ctx) => {
    const userId = str(args.user_id);
    if (!person(userId)) return fail("user_not_found");
    const view = checkedView(args);
    if ("ok" in view) return view;
    if (view.type !== "home") return fail("invalid_arguments", { response_metadata: { messages: ["[ERROR] must be home [json-pointer:/view/type]"] } });
    const existing = ctx.state.data.homes[userId] ? ctx.state.view(ctx.state.data.homes[userId]!) : undefined;
    if (existing && args.hash && str(args.hash) !== existing.hash) return fail("hash_conflict");
    const id = existing?.id ?? ctx.state.nextId("V");
    const stored: StoredView = { id, hash: newHash(ctx), userId, view, rootViewId: id, previousViewId: null };
    ctx.state.saveView(stored);
    ctx.state.data.homes[userId] = id;
    return viewAnswer(stored);
  },
};

function mimeOf(filename: string): string {
  if (filename.endsWith(".csv")) return "text/csv";
  if (filename.endsWith(".json")) return "application/json";
  if (filename.endsWith(".png")) return "image/png";
  if (filename.endsWith(".txt")) return "text/plain";
  return "application/octet-stream";
}
