/**
 * What a person does in the workspace page, turned into what Slack sends the app: slash commands
 * (with a response_url and a trigger_id), block_actions, view_submission, reaction events,
 * app_home_opened. Also serves the response URLs the app answers on, with Slack's rules (5 uses in
 * 30 minutes, replace_original / delete_original, ephemeral or in_channel).
 */
import { randomBytes } from "node:crypto";
import { SLACK_DEADLINE_MS, type AppAnswer, type AppLink } from "./app-link.js";
import { invalidViewAnswer, validateView } from "./block-kit-validator.js";
import { APP, BOT, CHANNELS, PEOPLE, TEAM, USER_GROUPS, dmIdFor } from "./seed.js";
import type { Json, StoredView, WorkspaceState } from "./state.js";
import { messageBody, slackMessage } from "./web-api.js";

/** Slack: a response_url takes 5 posts within 30 minutes; a trigger_id lives 3 seconds. */
const RESPONSE_URL_USES = 5;
const RESPONSE_URL_TTL_MS = 30 * 60_000;

interface ResponseTarget {
  userId: string;
  channel: string;
  /** The message the interaction came from (replace_original / delete_original act on it). */
  source?: { ts: string };
  uses: number;
  expiresAt: number;
}

/** Where a pressed element lives. */
export type ActionContainer = { type: "message"; channel: string; ts: string } | { type: "view"; viewId: string };

/** What the page sends for an element: its ids and the chosen value(s). */
export interface PressedElement {
  actionId: string;
  blockId: string;
  /** Button value; for selects and overflow menus, the chosen option's value. */
  value?: string;
}

/** Input values from the page: block_id → action_id → a string, a list of option values, or null. */
export type FormValues = Record<string, Record<string, string | string[] | null>>;

export type SubmitOutcome = { outcome: "closed" } | { outcome: "errors"; errors: Record<string, string> } | { outcome: "updated" } | { outcome: "failed"; message: string };

export class Interactions {
  private readonly triggers = new Map<string, { userId: string; expiresAt: number }>();
  private readonly responseUrls = new Map<string, ResponseTarget>();
  /** Problems the app caused (refused Block Kit, failed acks), newest last; shown in the page. */
  readonly problems: string[] = [];

  constructor(
    private readonly state: WorkspaceState,
    private readonly app: AppLink,
    private readonly origin: () => string,
    private readonly triggerTtlMs = SLACK_DEADLINE_MS,
  ) {}

  consumeTrigger(triggerId: string): { userId: string } | "expired" | "invalid" {
    const t = this.triggers.get(triggerId);
    if (!t) return "invalid";
    this.triggers.delete(triggerId);
    return Date.now() > t.expiresAt ? "expired" : { userId: t.userId };
  }

  private newTrigger(userId: string): string {
    const id = `${Math.floor(Date.now() / 1000)}.${randomBytes(4).readUInt32BE()}.${randomBytes(16).toString("hex")}`;
    this.triggers.set(id, { userId, expiresAt: Date.now() + this.triggerTtlMs });
    return id;
  }

  private newResponseUrl(target: Omit<ResponseTarget, "uses" | "expiresAt">): string {
    const id = randomBytes(12).toString("hex");
    this.responseUrls.set(id, { ...target, uses: 0, expiresAt: Date.now() + RESPONSE_URL_TTL_MS });
    return `${this.origin()}/response/${id}`;
  }

  private userPayload(userId: string): Json {
    const p = PEOPLE.find((x) => x.id === userId)!;
    return { id: p.id, username: p.handle, name: p.handle, team_id: TEAM.id };
  }

  private slackbotSays(userId: string, channel: string, text: string): void {
    this.state.addMessage({ channel, user: "USLACKBOT", text, ephemeralTo: userId, fromSlackbot: true });
  }

  private noteProblem(problem: string): void {
    this.problems.push(`${this.state.now().toISOString()} ${problem}`);
    if (this.problems.length > 50) this.problems.shift();
    console.warn(`[workspace] ${problem}`);
  }

  /** Text typed in the composer: a slash command, or a plain message. */
  async send(userId: string, channelId: string, text: string): Promise<void> {
    const trimmed = text.trim();
    if (!trimmed) return;
    const channel = this.state.channel(channelId);
    if (!channel) return;
    if (!trimmed.startsWith("/")) {
      this.state.addMessage({ channel: channelId, user: userId, text: escapeMentions(trimmed) });
      return;
    }
    const [command = "", ...rest] = trimmed.split(/\s+/);
    if (command !== "/stretch") {
      this.slackbotSays(userId, channelId, `\`${command}\` is not a valid command. In Slack, all messages that start with the "/" character are interpreted as commands.`);
      return;
    }
    await this.command(userId, channelId, rest.join(" "));
  }

  async command(userId: string, channelId: string, text: string): Promise<void> {
    const channel = this.state.channel(channelId)!;
    const responseUrl = this.newResponseUrl({ userId, channel: channelId });
    const answer = await this.app.command({
      token: "demo-verification-token",
      team_id: TEAM.id,
      team_domain: TEAM.domain,
      channel_id: channelId,
      channel_name: channel.isIm ? "directmessage" : channel.name,
      user_id: userId,
      user_name: PEOPLE.find((p) => p.id === userId)?.handle ?? userId,
      command: "/stretch",
      text: escapeMentions(text),
      api_app_id: APP.id,
      is_enterprise_install: "false",
      response_url: responseUrl,
      trigger_id: this.newTrigger(userId),
    });
    if (!this.ackedOk(answer, userId, channelId, "/stretch")) return;
    const reply = answer.json ?? (answer.text ? { text: answer.text } : undefined);
    if (reply && (reply.text !== undefined || reply.blocks !== undefined)) this.deliverReply(reply, { userId, channel: channelId }, "/stretch");
  }

  /** Slack's own messages when the app fails to acknowledge in time or at all. */
  private ackedOk(answer: AppAnswer, userId: string, channel: string, what: string): boolean {
    if (answer.status === 200) return true;
    const error = answer.failure === "timeout" ? "operation_timeout" : "dispatch_failed";
    this.noteProblem(`${what}: the app answered ${answer.status || answer.failure} (${answer.text.slice(0, 200)})`);
    this.slackbotSays(userId, channel, `\`${what}\` failed with the error "${error}"`);
    return false;
  }

  /** A reply to a command or action (its ack body or a response_url post). */
  private deliverReply(reply: Json, target: { userId: string; channel: string; source?: { ts: string } }, what: string): Json {
    const parsed = messageBody(reply);
    if ("refusal" in parsed) {
      this.noteProblem(`${what}: reply refused: ${JSON.stringify(parsed.refusal)}`);
      this.slackbotSays(target.userId, target.channel, `\`${what}\` failed with the error "${String(parsed.refusal.error)}"`);
      return parsed.refusal;
    }
    const source = target.source ? this.state.message(target.channel, target.source.ts) : undefined;
    if (reply.delete_original === true || reply.delete_original === "true") {
      if (source) this.state.removeMessage(source);
      return { ok: true };
    }
    if ((reply.replace_original === true || reply.replace_original === "true") && source) {
      this.state.replaceContent(source, parsed.body, false);
      return { ok: true };
    }
    const inChannel = reply.response_type === "in_channel";
    this.state.addMessage({ channel: target.channel, user: BOT.userId, ...parsed.body, ...(inChannel ? {} : { ephemeralTo: target.userId }) });
    return { ok: true };
  }

  /** POST /response/<id>: the app answering through a response_url. */
  respond(id: string, body: Json): { status: number; body: Json | string } {
    const target = this.responseUrls.get(id);
    if (!target || Date.now() > target.expiresAt) return { status: 404, body: "expired_url" };
    if (target.uses >= RESPONSE_URL_USES) return { status: 404, body: "used_url" };
    target.uses += 1;
    const result = this.deliverReply(body, target, "response_url");
    return result.ok === true ? { status: 200, body: { ok: true } } : { status: 400, body: result };
  }

  /** A button, select or overflow option pressed in a message, a modal or the Home tab. */
  async act(userId: string, container: ActionContainer, pressed: PressedElement, form: FormValues = {}): Promise<void> {
    let found: { blocks: unknown[]; element: Json; blockId: string } | undefined;
    const payload: Json = {
      type: "block_actions",
      user: this.userPayload(userId),
      api_app_id: APP.id,
      token: "demo-verification-token",
      trigger_id: this.newTrigger(userId),
      team: { id: TEAM.id, domain: TEAM.domain },
      enterprise: null,
      is_enterprise_install: false,
    };
    let replyTarget: { userId: string; channel: string } | undefined;
    if (container.type === "message") {
      const message = this.state.message(container.channel, container.ts);
      if (!message || (message.ephemeralTo && message.ephemeralTo !== userId)) return;
      found = findElement(message.blocks ?? [], pressed);
      const channel = this.state.channel(container.channel)!;
      payload.container = { type: "message", message_ts: message.ts, channel_id: channel.id, is_ephemeral: message.ephemeralTo !== undefined };
      payload.channel = { id: channel.id, name: channel.isIm ? "directmessage" : channel.name };
      if (!message.ephemeralTo) payload.message = slackMessage(message);
      payload.state = { values: {} };
      payload.response_url = this.newResponseUrl({ userId, channel: channel.id, source: { ts: message.ts } });
      replyTarget = { userId, channel: channel.id };
    } else {
      const view = this.state.view(container.viewId);
      if (!view || view.userId !== userId) return;
      found = findElement((view.view.blocks as unknown[]) ?? [], pressed);
      payload.container = { type: "view", view_id: view.id };
      payload.view = this.viewPayload(view, form);
      payload.state = { values: stateValues(view, form) };
    }
    if (!found) return;
    payload.actions = [actionPayload(found.element, found.blockId, pressed, this.state.now())];
    const answer = await this.app.interaction(payload);
    if (replyTarget) this.ackedOk(answer, replyTarget.userId, replyTarget.channel, "button");
    else if (answer.status !== 200) this.noteProblem(`block_actions in a view: the app answered ${answer.status || answer.failure}`);
  }

  private viewPayload(view: StoredView, form: FormValues): Json {
    return {
      ...view.view,
      id: view.id,
      team_id: TEAM.id,
      app_id: APP.id,
      bot_id: BOT.botId,
      hash: view.hash,
      root_view_id: view.rootViewId,
      previous_view_id: view.previousViewId,
      private_metadata: String(view.view.private_metadata ?? ""),
      callback_id: String(view.view.callback_id ?? ""),
      state: { values: stateValues(view, form) },
    };
  }

  /** Save / Submit in a modal. */
  async submit(userId: string, viewId: string, form: FormValues): Promise<SubmitOutcome> {
    const view = this.state.view(viewId);
    if (!view || view.userId !== userId) return { outcome: "failed", message: "This form is closed." };
    const answer = await this.app.interaction({
      type: "view_submission",
      team: { id: TEAM.id, domain: TEAM.domain },
      user: this.userPayload(userId),
      api_app_id: APP.id,
      token: "demo-verification-token",
      trigger_id: this.newTrigger(userId),
      view: this.viewPayload(view, form),
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
    });
    if (answer.status !== 200) {
      this.noteProblem(`view_submission: the app answered ${answer.status || answer.failure}`);
      return { outcome: "failed", message: "We had some trouble connecting. Try again?" };
    }
    const json = answer.json ?? {};
    switch (json.response_action) {
      case "errors":
        return { outcome: "errors", errors: (json.errors as Record<string, string>) ?? {} };
      case "update":
      case "push": {
        const problems = validateView(json.view);
        if (problems.length > 0) {
          this.noteProblem(`view_submission ${String(json.response_action)} refused: ${JSON.stringify(invalidViewAnswer(problems))}`);
          return { outcome: "failed", message: "The app answered with a view Slack would refuse." };
        }
        if (json.response_action === "update") this.state.saveView({ ...view, view: json.view as Json, hash: this.state.nextId("H") });
        else {
          const id = this.state.nextId("V");
          this.state.saveView({ id, hash: this.state.nextId("H"), userId, view: json.view as Json, rootViewId: view.rootViewId, previousViewId: view.id });
          (this.state.data.modals[userId] ??= []).push(id);
          this.state.touch();
        }
        return { outcome: "updated" };
      }
      case "clear":
        this.state.closeModals(userId, true);
        return { outcome: "closed" };
      default:
        this.state.closeModals(userId, false);
        return { outcome: "closed" };
    }
  }

  /** The modal's close (×) or Cancel: view_closed when the app asked for it. */
  async close(userId: string, viewId: string): Promise<void> {
    const view = this.state.view(viewId);
    if (!view || view.userId !== userId) return;
    this.state.closeModals(userId, false);
    if (view.view.notify_on_close === true) {
      await this.app.interaction({ type: "view_closed", team: { id: TEAM.id, domain: TEAM.domain }, user: this.userPayload(userId), api_app_id: APP.id, view: this.viewPayload(view, {}), is_cleared: false, is_enterprise_install: false });
    }
  }

  /** Add or remove one person's reaction; the app hears of it where its bot can see the message. */
  async react(userId: string, channelId: string, ts: string, name: string): Promise<void> {
    const message = this.state.message(channelId, ts);
    const channel = this.state.channel(channelId);
    if (!message || !channel || message.ephemeralTo) return;
    let reaction = message.reactions.find((r) => r.name === name);
    const removing = reaction?.users.includes(userId) === true;
    if (removing) {
      reaction!.users = reaction!.users.filter((u) => u !== userId);
      message.reactions = message.reactions.filter((r) => r.users.length > 0);
    } else {
      if (!reaction) message.reactions.push((reaction = { name, users: [] }));
      reaction.users.push(userId);
    }
    this.state.touch();
    if (!channel.botMember) return;
    const answer = await this.app.event({
      type: removing ? "reaction_removed" : "reaction_added",
      user: userId,
      reaction: name,
      item_user: message.user,
      item: { type: "message", channel: channelId, ts: message.ts },
    });
    if (answer.status !== 200) this.noteProblem(`${removing ? "reaction_removed" : "reaction_added"}: the app answered ${answer.status || answer.failure}`);
  }

  /** The person opened the app's Home (or Messages) tab. */
  async openApp(userId: string, tab: "home" | "messages"): Promise<void> {
    const homeId = this.state.data.homes[userId];
    const home = homeId ? this.state.view(homeId) : undefined;
    const answer = await this.app.event({ type: "app_home_opened", user: userId, channel: dmIdFor(userId), tab, ...(home ? { view: this.viewPayload(home, {}) } : {}) });
    if (answer.status !== 200) this.noteProblem(`app_home_opened: the app answered ${answer.status || answer.failure}`);
  }
}

/** Slack escapes `@handle`, `@group` and `#channel` in command text when the command asks for it (manifest: should_escape). */
export function escapeMentions(text: string): string {
  return text
    .replace(/(^|\s)@([a-z0-9._-]+)/gi, (all, pre: string, handle: string) => {
      const p = PEOPLE.find((x) => x.handle === handle.toLowerCase());
      if (p) return `${pre}<@${p.id}|${p.handle}>`;
      const group = USER_GROUPS.find((g) => g.handle === handle.toLowerCase());
      return group ? `${pre}<!subteam^${group.id}|@${group.handle}>` : all;
    })
    .replace(/(^|\s)#([a-z0-9_-]+)/gi, (all, pre: string, name: string) => {
      const channel = CHANNELS.find((c) => c.name === name.toLowerCase());
      return channel ? `${pre}<#${channel.id}|${channel.name}>` : all;
    });
}

function findElement(blocks: unknown[], pressed: PressedElement): { blocks: unknown[]; element: Json; blockId: string } | undefined {
  for (const b of blocks as Json[]) {
    const blockId = String(b.block_id ?? "");
    if (blockId !== pressed.blockId) continue;
    const candidates = [...((b.elements as Json[] | undefined) ?? []), ...(b.accessory ? [b.accessory as Json] : []), ...(b.element ? [b.element as Json] : [])];
    const element = candidates.find((e) => e.action_id === pressed.actionId);
    if (element) return { blocks, element, blockId };
  }
  return undefined;
}

type Option = { text: Json; value: string };

function optionsOf(element: Json): Option[] {
  const groups = (element.option_groups as Array<{ options: Option[] }> | undefined) ?? [];
  return [...((element.options as Option[] | undefined) ?? []), ...groups.flatMap((g) => g.options)];
}

function actionPayload(element: Json, blockId: string, pressed: PressedElement, now: Date): Json {
  const base = { type: element.type, action_id: element.action_id, block_id: blockId, action_ts: (now.getTime() / 1000).toFixed(6) };
  if (element.type === "button") return { ...base, text: element.text, ...(element.value !== undefined ? { value: element.value } : {}), ...(element.style ? { style: element.style } : {}) };
  const option = optionsOf(element).find((o) => o.value === pressed.value);
  return { ...base, selected_option: option ?? null };
}

/** view.state.values as Slack builds them from what was typed, ticked and chosen. */
export function stateValues(view: StoredView, form: FormValues): Json {
  const values: Json = {};
  for (const block of (view.view.blocks as Json[] | undefined) ?? []) {
    if (block.type !== "input" || !block.element) continue;
    const element = block.element as Json;
    const blockId = String(block.block_id ?? "");
    const actionId = String(element.action_id ?? "");
    const typed = form[blockId]?.[actionId];
    const options = optionsOf(element);
    let state: Json;
    switch (element.type) {
      case "checkboxes":
      case "multi_static_select": {
        const chosen = Array.isArray(typed) ? typed : typed === undefined ? ((element.initial_options as Option[] | undefined) ?? []).map((o) => o.value) : [];
        state = { type: element.type, selected_options: options.filter((o) => chosen.includes(o.value)) };
        break;
      }
      case "static_select":
      case "radio_buttons": {
        const chosen = typeof typed === "string" ? typed : typed === undefined ? (element.initial_option as Option | undefined)?.value : undefined;
        state = { type: element.type, selected_option: options.find((o) => o.value === chosen) ?? null };
        break;
      }
      default: {
        const value = typeof typed === "string" ? typed : typed === undefined ? ((element.initial_value as string | undefined) ?? null) : null;
        // Slack sends null, not "", for an empty text input.
        state = { type: element.type, value: value === "" ? null : value };
      }
    }
    values[blockId] = { [actionId]: state };
  }
  return values;
}
