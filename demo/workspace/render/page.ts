/**
 * The workspace page, rendered on the server: the shell (GET /) and the parts the page script
 * swaps in when something changes (sidebar, conversation, modal, clock panel). One person's view
 * at a time: `viewer` is whoever the switcher says you are acting as.
 */
import { APP, BOT, PEOPLE, TEAM, dmIdFor, type Person } from "../seed.js";
import { emojiFor } from "../emoji.js";
import type { PersonStatus, StoredMessage, StoredView, WorkspaceState } from "../state.js";
import { DND_CHOICES, EXPIRY_CHOICES, STATUS_PRESETS, clock } from "../statuses.js";
import { renderBlocks, textObject } from "./blocks.js";
import { escapeHtml, mrkdwn, type MentionNames } from "./mrkdwn.js";

/** Where the person is looking: a channel id, or the app ("home" tab or its "messages" DM). */
export type Place = { kind: "channel"; id: string } | { kind: "app"; tab: "home" | "messages" };

export function parsePlace(at: string | null | undefined): Place {
  if (at === "app-home") return { kind: "app", tab: "home" };
  if (at === "app-messages") return { kind: "app", tab: "messages" };
  return { kind: "channel", id: at && /^C[A-Z0-9]+$/.test(at) ? at : "C0GENERAL1" };
}

export function placeKey(place: Place): string {
  return place.kind === "app" ? `app-${place.tab}` : place.id;
}

export function personById(id: string | null | undefined): Person {
  return PEOPLE.find((p) => p.id === id) ?? PEOPLE[0]!;
}

export function mentionNames(state: WorkspaceState): MentionNames {
  return {
    user: (id) => (id === BOT.userId ? APP.name : PEOPLE.find((p) => p.id === id)?.realName),
    channel: (id) => state.channel(id)?.name,
  };
}

const a = (v: unknown) => escapeHtml(String(v ?? ""));

function initials(name: string): string {
  return name
    .split(/\s+/)
    .map((w) => w[0] ?? "")
    .join("")
    .slice(0, 2)
    .toUpperCase();
}

function avatar(userId: string, fromSlackbot = false): string {
  if (fromSlackbot) return `<div class="avatar avatar-slackbot" aria-hidden="true">🤖</div>`;
  if (userId === BOT.userId) return `<div class="avatar avatar-app" aria-hidden="true">🧘</div>`;
  const p = PEOPLE.find((x) => x.id === userId);
  return `<div class="avatar" style="background:${a(p?.color ?? "#888")}" aria-hidden="true">${a(initials(p?.realName ?? "?"))}</div>`;
}

function localTime(date: Date, tz: string, withDay = false): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: tz, hour: "2-digit", minute: "2-digit", hourCycle: "h23", ...(withDay ? { weekday: "short" } : {}) }).format(date);
}

function emojiChar(shortcode: string): string {
  return emojiFor(shortcode.replace(/^:+|:+$/g, "")) ?? "💬";
}

/** Next to a name, as Slack shows them: the status emoji, a moon for DND, headphones in a huddle. */
export function statusMarks(status: PersonStatus, person: Person): string {
  const marks: string[] = [];
  if (status.emoji || status.text) {
    const label = `Status: ${status.text || status.emoji}${status.expiration ? `, until ${clock(status.expiration, person)}` : ""}`;
    marks.push(`<span class="status-emoji" role="img" aria-label="${a(label)}" title="${a(label)}">${emojiChar(status.emoji)}</span>`);
  }
  if (status.dndUntil > 0) {
    const label = `Do not disturb until ${clock(status.dndUntil, person)}`;
    marks.push(`<span class="dnd-mark" role="img" aria-label="${a(label)}" title="${a(label)}">🌙<small>zz</small></span>`);
  }
  if (status.huddle) marks.push(`<span class="huddle-mark" role="img" aria-label="In a huddle" title="In a huddle">🎧</span>`);
  return marks.join("");
}

export function sidebar(state: WorkspaceState, viewer: Person, place: Place): string {
  const channels = state.data.channels
    .filter((c) => !c.isIm && c.members.includes(viewer.id))
    .map((c) => {
      const current = place.kind === "channel" && place.id === c.id;
      return `<li><a class="side-item${current ? " current" : ""}" href="?as=${a(viewer.id)}&at=${a(c.id)}" data-at="${a(c.id)}"${current ? ' aria-current="page"' : ""}><span class="side-hash">#</span>${a(c.name)}</a></li>`;
    });
  const link = (at: string, current: boolean, icon: string, label: string) =>
    `<li><a class="side-item${current ? " current" : ""}" href="?as=${a(viewer.id)}&at=${at}" data-at="${at}"${current ? ' aria-current="page"' : ""}>${icon}${a(label)}</a></li>`;
  const home = link("app-home", place.kind === "app" && place.tab === "home", `<span class="side-app" aria-hidden="true">🧘</span>`, APP.name);
  const dm = link("app-messages", place.kind === "app" && place.tab === "messages", `<span class="side-app" aria-hidden="true">🧘</span>`, `${APP.name} (DM)`);
  return `<div class="side-team"><span class="side-team-name">${a(TEAM.name)}</span></div>
<nav aria-label="Channels and apps">
<h2 class="side-heading">Channels</h2><ul class="side-list">${channels.join("")}</ul>
<h2 class="side-heading">Direct messages</h2><ul class="side-list">${dm}</ul>
<h2 class="side-heading">Apps</h2><ul class="side-list">${home}</ul>
</nav>`;
}

export function conversation(state: WorkspaceState, viewer: Person, place: Place): string {
  const names = mentionNames(state);
  if (place.kind === "app") return appPane(state, viewer, place.tab, names);
  const channel = state.channel(place.id);
  if (!channel || !channel.members.includes(viewer.id)) return `<div class="conv-empty">You are not a member of this channel.</div>`;
  const count = channel.members.length + (channel.botMember ? 1 : 0);
  const header = `<header class="conv-header"><h1 class="conv-title"># ${a(channel.name)}</h1><span class="conv-topic">${a(channel.topic)}</span><span class="conv-members" title="Members">👤 ${count}</span></header>`;
  return `${header}${messageList(state, viewer, channel.id, `#${channel.name}`, names)}${composer(`Message #${channel.name}`, channel.id)}`;
}

function appPane(state: WorkspaceState, viewer: Person, tab: "home" | "messages", names: MentionNames): string {
  const tabs = `<div class="app-tabs" role="tablist"><a role="tab" class="app-tab${tab === "home" ? " current" : ""}" aria-selected="${tab === "home"}" href="?as=${a(viewer.id)}&at=app-home" data-at="app-home">Home</a><a role="tab" class="app-tab${tab === "messages" ? " current" : ""}" aria-selected="${tab === "messages"}" href="?as=${a(viewer.id)}&at=app-messages" data-at="app-messages">Messages</a></div>`;
  const header = `<header class="conv-header app-header"><div class="avatar avatar-app" aria-hidden="true">🧘</div><h1 class="conv-title">${a(APP.name)}</h1>${tabs}</header>`;
  if (tab === "messages") {
    const dm = dmIdFor(viewer.id);
    return `${header}${messageList(state, viewer, dm, APP.name, names)}${composer(`Message ${APP.name}`, dm)}`;
  }
  const homeId = state.data.homes[viewer.id];
  const home = homeId ? state.view(homeId) : undefined;
  const body = home
    ? `<div class="home-view" data-container="view" data-view-id="${a(home.id)}">${renderBlocks((home.view.blocks as unknown[]) ?? [], names)}</div>`
    : `<div class="home-view home-loading">Opening ${a(APP.name)}…</div>`;
  return `${header}<section class="home-scroll" aria-label="${a(APP.name)} Home">${body}</section>`;
}

function messageList(state: WorkspaceState, viewer: Person, channelId: string, label: string, names: MentionNames): string {
  const messages = state.visibleMessages(channelId, viewer.id);
  const marks = (userId: string) => {
    const p = PEOPLE.find((x) => x.id === userId);
    return p ? statusMarks(state.statusOf(p.id), p) : "";
  };
  const items = messages.map((m) => message(m, viewer, names, marks));
  const empty = items.length === 0 ? `<div class="conv-intro">This is the very beginning of <strong>${a(label)}</strong>. Try <code>/stretch neck</code>.</div>` : "";
  return `<div class="messages" role="log" aria-label="Messages in ${a(label)}">${empty}${items.join("")}</div>`;
}

function message(m: StoredMessage, viewer: Person, names: MentionNames, marks: (userId: string) => string): string {
  const fromBot = m.user === BOT.userId;
  const author = m.fromSlackbot ? "Slackbot" : fromBot ? APP.name : (PEOPLE.find((p) => p.id === m.user)?.realName ?? m.user);
  const badge = fromBot ? `<span class="app-badge">APP</span>` : "";
  const when = new Date(Number(m.ts) * 1000);
  const time = `<time class="msg-time" datetime="${when.toISOString()}" title="${a(when.toISOString())}">${localTime(when, viewer.tz)}</time>`;
  const ephemeral = m.ephemeralTo !== undefined;
  const note = ephemeral ? `<div class="ephemeral-note"><span aria-hidden="true">👁</span> Only visible to you <button type="button" class="link-button dismiss" data-dismiss>Dismiss</button></div>` : "";
  const content = m.blocks && m.blocks.length > 0 ? renderBlocks(m.blocks, names) : `<div class="msg-text">${mrkdwn(m.text, names)}</div>`;
  const edited = m.edited ? `<span class="msg-edited">(edited)</span>` : "";
  const files = (m.files ?? []).map((f) => `<div class="file"><span class="file-icon" aria-hidden="true">${a(f.name.split(".").pop()?.toUpperCase() ?? "FILE")}</span><div class="file-meta"><a class="file-name" href="/files/${a(f.id)}/${a(encodeURIComponent(f.name))}" download="${a(f.name)}">${a(f.title)}</a><span class="file-size">${a(f.name)} · ${formatSize(f.size)}</span></div></div>`);
  const reactions = ephemeral ? "" : reactionRow(m, viewer);
  return `<article class="msg${ephemeral ? " msg-ephemeral" : ""}" data-container="message" data-channel="${a(m.channel)}" data-ts="${a(m.ts)}" aria-label="${a(author)} at ${localTime(when, viewer.tz)}">${avatar(m.user, m.fromSlackbot)}<div class="msg-body"><div class="msg-meta"><span class="msg-author">${a(author)}</span>${fromBot || m.fromSlackbot ? "" : marks(m.user)}${badge}${time}${edited}</div>${note}<div class="msg-content">${content}</div>${files.join("")}${reactions}</div></article>`;
}

function reactionRow(m: StoredMessage, viewer: Person): string {
  const pills = m.reactions.map((r) => {
    const mine = r.users.includes(viewer.id);
    const who = r.users.map((u) => (u === BOT.userId ? APP.name : (PEOPLE.find((p) => p.id === u)?.realName ?? u))).join(", ");
    return `<button type="button" class="reaction${mine ? " mine" : ""}" aria-pressed="${mine}" data-reaction="${a(r.name)}" title="${a(who)} reacted with :${a(r.name)}:" aria-label=":${a(r.name)}: ${r.users.length}">${mrkdwn(`:${r.name}:`, { user: () => undefined, channel: () => undefined })} <span class="reaction-count">${r.users.length}</span></button>`;
  });
  return `<div class="reactions">${pills.join("")}<button type="button" class="add-reaction" aria-label="Add reaction" title="Add reaction">☺<span aria-hidden="true">+</span></button></div>`;
}

function formatSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

function composer(label: string, channelId: string): string {
  return `<form class="composer" data-channel="${a(channelId)}" autocomplete="off"><ul class="suggestions" role="listbox" aria-label="Command suggestions" hidden></ul><div class="composer-box"><textarea class="composer-input" rows="1" aria-label="${a(label)}" placeholder="${a(label)}"></textarea><button type="submit" class="composer-send" aria-label="Send now">➤</button></div><div class="composer-hint">Type <code>/stretch</code> for commands · Tab completes · Enter sends</div></form>`;
}

export function modal(state: WorkspaceState, viewer: Person): { key: string; html: string } | null {
  const top = state.topModal(viewer.id);
  if (!top) return null;
  return { key: `${top.id}:${top.hash}`, html: modalHtml(top, mentionNames(state)) };
}

function modalHtml(v: StoredView, names: MentionNames): string {
  const view = v.view;
  const title = textObject(view.title, names);
  const submit = view.submit ? `<button type="button" class="bk-button bk-button-primary modal-submit">${textObject(view.submit, names)}</button>` : "";
  const close = textObject(view.close, names) || "Cancel";
  return `<div class="modal-backdrop"><div class="modal" role="dialog" aria-modal="true" aria-labelledby="modal-title" data-container="view" data-view-id="${a(v.id)}"><header class="modal-header"><div class="avatar avatar-app small" aria-hidden="true">🧘</div><h2 id="modal-title">${title}</h2><button type="button" class="modal-x" aria-label="Close">×</button></header><div class="modal-body">${renderBlocks((view.blocks as unknown[]) ?? [], names)}</div><div class="modal-failure" role="alert"></div><footer class="modal-footer"><button type="button" class="bk-button modal-cancel">${close}</button>${submit}</footer></div></div>`;
}

export function clockPanel(state: WorkspaceState, viewer: Person, canSendDue: boolean, problems: readonly string[] = []): string {
  const now = state.now();
  const rows = PEOPLE.map((p) => {
    const parts = new Intl.DateTimeFormat("en-GB", { timeZone: p.tz, hour: "2-digit", hourCycle: "h23", weekday: "short" }).formatToParts(now);
    const hour = Number(parts.find((x) => x.type === "hour")?.value);
    const weekend = ["Sat", "Sun"].includes(parts.find((x) => x.type === "weekday")?.value ?? "");
    const working = !weekend && hour >= 9 && hour < 17;
    const role = p.isAdmin ? "admin" : p.isManager ? "manager" : "";
    return `<li class="clock-row${p.id === viewer.id ? " me" : ""}">${avatar(p.id)}<div class="clock-who"><span class="clock-name">${a(p.realName)}${statusMarks(state.statusOf(p.id), p)}${role ? ` <span class="role-badge">${role}</span>` : ""}</span><span class="clock-city">${a(p.city)}</span></div><span class="clock-time${working ? " working" : ""}" title="${working ? "working hours (Mon–Fri 09:00–17:00)" : "outside working hours (Mon–Fri 09:00–17:00)"}">${localTime(now, p.tz, true)}</span></li>`;
  });
  const due = canSendDue
    ? `<button type="button" class="bk-button bk-button-primary send-due">Send due prompts now</button>`
    : `<button type="button" class="bk-button send-due" disabled title="Not connected to the app's scheduler">Send due prompts now</button>`;
  // What Slack would have shown only as a generic error: the app failing to answer, or sending what Slack refuses.
  const log = problems.length > 0 ? `<details class="problems"><summary>⚠ ${problems.length} problem(s) with the app</summary><ul>${problems.map((p) => `<li>${a(p)}</li>`).join("")}</ul></details>` : "";
  return `<h2 class="panel-heading">Clocks</h2><p class="panel-sub">UTC ${now.toISOString().slice(11, 16)} · ${now.toISOString().slice(0, 10)}</p><ul class="clock-list" aria-label="People and their local times">${rows.join("")}</ul><div class="due">${due}<output class="due-output" aria-live="polite"></output></div>${statusControls(state.statusOf(viewer.id), viewer)}${log}`;
}

/**
 * The viewer's own status, Do Not Disturb and huddle, as Slack's menus set them (the switcher
 * picks whose). Every control is a real button; the page script posts /ui/status.
 */
function statusControls(status: PersonStatus, viewer: Person): string {
  const change = (c: unknown) => a(JSON.stringify(c));
  const now = status.emoji || status.text
    ? `${statusMarks({ ...status, dndUntil: 0, huddle: false }, viewer)} ${a(status.text || status.emoji)}${status.expiration ? ` · until ${a(clock(status.expiration, viewer))}` : ""}`
    : "No status";
  const presets = STATUS_PRESETS.map((p) => {
    const after = EXPIRY_CHOICES.find(([e]) => e === p.expires)?.[1] ?? "";
    return `<button type="button" class="status-button" data-status-change="${change({ kind: "status", emoji: p.emoji, text: p.text, expires: p.expires })}"><span aria-hidden="true">${emojiChar(p.emoji)}</span> ${a(p.text)}<span class="status-after"> · ${a(after === "Don't clear" ? "until cleared" : after.toLowerCase())}</span></button>`;
  });
  const clear = status.emoji || status.text ? `<button type="button" class="status-button" data-status-change="${change({ kind: "clear-status" })}">Clear status</button>` : "";
  const expiry = EXPIRY_CHOICES.map(([value, label]) => `<option value="${a(value)}">${a(label)}</option>`).join("");
  const custom = `<form class="status-custom" autocomplete="off"><input name="emoji" aria-label="Status emoji" placeholder=":coffee:" size="8"><input name="text" aria-label="Status text" placeholder="What's your status?" maxlength="100"><select name="expires" aria-label="Clear status after">${expiry}</select><button type="submit" class="status-button">Set status</button></form>`;
  const dnd = status.dndUntil > 0
    ? `<p class="status-line">${statusMarks({ ...status, emoji: "", text: "", huddle: false }, viewer)} Paused until ${a(clock(status.dndUntil, viewer))}</p><button type="button" class="status-button" data-status-change="${change({ kind: "dnd", minutes: 0 })}">Resume notifications</button>`
    : `<div class="status-row"><select class="dnd-minutes" aria-label="Pause notifications for">${DND_CHOICES.map(([m, label]) => `<option value="${m}">${a(label)}</option>`).join("")}</select><button type="button" class="status-button dnd-pause">Pause notifications</button></div>`;
  const huddle = `<button type="button" class="status-button" data-status-change="${change({ kind: "huddle", on: !status.huddle })}">${status.huddle ? "Leave the huddle" : "Join a huddle"}</button>`;
  return `<section class="status-panel" aria-labelledby="status-heading"><h2 class="panel-heading" id="status-heading">Status of ${a(viewer.realName)}</h2>
<p class="status-line status-now">${now}</p><div class="status-presets">${presets.join("")}${clear}</div>${custom}
<h3 class="panel-subheading">Notifications</h3>${dnd}
<h3 class="panel-subheading">Huddle</h3>${huddle}<output class="status-output" aria-live="polite"></output></section>`;
}

export function switcher(viewer: Person): string {
  const options = PEOPLE.map((p) => {
    const role = p.isAdmin ? " · admin" : p.isManager ? " · manager" : "";
    return `<option value="${a(p.id)}"${p.id === viewer.id ? " selected" : ""}>${a(p.realName)} (${a(p.city)}${role})</option>`;
  });
  return `<label class="switcher"><span>Acting as</span><select id="as" aria-label="Act as">${options.join("")}</select></label>`;
}

export function shell(state: WorkspaceState, viewer: Person, place: Place, canSendDue: boolean, problems: readonly string[] = []): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${a(TEAM.name)} · Stretch Break demo</title><link rel="stylesheet" href="/assets/workspace.css"><link rel="icon" href="data:,">
</head><body data-as="${a(viewer.id)}" data-at="${a(placeKey(place))}">
<div class="topbar"><div class="topbar-nav" aria-hidden="true">◀ ▶ 🕘</div><div class="topbar-search" aria-hidden="true">🔍 Search ${a(TEAM.name)}</div>${switcher(viewer)}</div>
<div class="window">
<aside class="rail" aria-hidden="true"><div class="rail-team">${a(initials(TEAM.name))}</div><div class="rail-item current">🏠<span>Home</span></div><div class="rail-item">💬<span>DMs</span></div><div class="rail-item">🔔<span>Activity</span></div></aside>
<aside class="sidebar" id="sidebar">${sidebar(state, viewer, place)}</aside>
<main class="conversation" id="conversation">${conversation(state, viewer, place)}</main>
<aside class="panel" id="panel" aria-label="Clocks">${clockPanel(state, viewer, canSendDue, problems)}</aside>
</div>
<div id="modal-root"></div>
<div id="emoji-picker" class="emoji-picker" role="dialog" aria-label="Emoji picker" hidden><input type="search" class="emoji-search" aria-label="Search emoji" placeholder="Search emoji"><div class="emoji-grid" role="listbox" aria-label="Emoji"></div></div>
<script type="module" src="/assets/workspace.js"></script>
</body></html>`;
}
