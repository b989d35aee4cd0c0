/**
 * Everything the simulated workspace remembers: channels, messages (ephemeral ones included, for
 * the person who saw them), reactions, uploaded files, open modals and published Home tabs.
 * Saved as one JSON file in `dataDir` after each change (debounced), so a demo restart keeps the
 * conversation. Trigger ids and response URLs are short-lived in Slack too and are not saved.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BOT, CHANNELS, PEOPLE, dmIdFor } from "./seed.js";

export type Json = Record<string, unknown>;

export interface Reaction {
  name: string;
  users: string[];
}

export interface FileRef {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  size: number;
}

export interface StoredMessage {
  ts: string;
  channel: string;
  /** Who posted: a person's id, or BOT.userId for the app. */
  user: string;
  text: string;
  blocks?: unknown[];
  metadata?: unknown;
  /** Set for an ephemeral message: the only person who sees it. */
  ephemeralTo?: string;
  files?: FileRef[];
  reactions: Reaction[];
  edited?: boolean;
  /** Posted by Slack itself (errors such as "/stretch failed"), shown as Slackbot. */
  fromSlackbot?: boolean;
}

export interface StoredChannel {
  id: string;
  name: string;
  topic: string;
  isIm: boolean;
  /** For a DM with the app: the person. */
  imUser?: string;
  members: string[];
  botMember: boolean;
  archived: boolean;
}

export interface StoredFile extends FileRef {
  /** Base64 of the bytes; undefined until uploaded. */
  content?: string;
  channel?: string;
  created: number;
}

export interface StoredView {
  id: string;
  hash: string;
  userId: string;
  view: Json;
  rootViewId: string;
  previousViewId: string | null;
}

/**
 * What a person set in Slack that the app may care about: a status (emoji, text, when Slack
 * clears it), Do Not Disturb and a huddle. Instants are Unix seconds on the workspace's clock.
 */
export interface PersonStatus {
  /** Short name with colons, e.g. ":spiral_calendar_pad:"; "" for none. */
  emoji: string;
  text: string;
  /** When Slack clears the status; 0 = never. */
  expiration: number;
  /** Do Not Disturb until then; 0 = off. */
  dndUntil: number;
  /** When DND was turned on (the start of its window); 0 = off. */
  dndSince: number;
  huddle: boolean;
}

export const NO_STATUS: PersonStatus = { emoji: "", text: "", expiration: 0, dndUntil: 0, dndSince: 0, huddle: false };

export interface WorkspaceData {
  channels: StoredChannel[];
  messages: StoredMessage[];
  files: StoredFile[];
  views: StoredView[];
  /** Per person: their open modal stack, bottom first (view ids). */
  modals: Record<string, string[]>;
  /** Per person: the view id of their published Home tab. */
  homes: Record<string, string>;
  /** Per person: status, DND and huddle (absent: none of them). */
  statuses: Record<string, PersonStatus>;
  /** One-time start-up steps already done (e.g. making the seeded manager a manager). */
  seeded: string[];
  counter: number;
}

function seedData(): WorkspaceData {
  const channels: StoredChannel[] = CHANNELS.map((c) => ({ id: c.id, name: c.name, topic: c.topic, isIm: false, members: [...c.members], botMember: c.botMember, archived: false }));
  for (const p of PEOPLE) channels.push({ id: dmIdFor(p.id), name: p.handle, topic: "", isIm: true, imUser: p.id, members: [p.id], botMember: true, archived: false });
  return { channels, messages: [], files: [], views: [], modals: {}, homes: {}, statuses: {}, seeded: [], counter: 0 };
}

export class WorkspaceState {
  readonly data: WorkspaceData;
  /** Bumped on every change; the page polls it to know when to redraw. */
  version = 1;
  private saveTimer: NodeJS.Timeout | undefined;
  private readonly file: string | undefined;

  constructor(
    dataDir: string | undefined,
    private readonly clock: () => Date,
  ) {
    this.file = dataDir ? join(dataDir, "workspace.json") : undefined;
    this.data = this.load() ?? seedData();
  }

  private load(): WorkspaceData | undefined {
    if (!this.file) return undefined;
    try {
      const loaded = JSON.parse(readFileSync(this.file, "utf8")) as WorkspaceData;
      return loaded && Array.isArray(loaded.channels) ? { ...seedData(), ...loaded } : undefined;
    } catch {
      return undefined;
    }
  }

  /** Record a change: redraw pages, save soon. */
  touch(): void {
    this.version += 1;
    if (!this.file || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      this.saveNow();
    }, 200);
    this.saveTimer.unref();
  }

  saveNow(): void {
    if (!this.file) return;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    mkdirSync(join(this.file, ".."), { recursive: true });
    // Write then rename: a crash mid-write never leaves half a file.
    writeFileSync(`${this.file}.tmp`, JSON.stringify(this.data));
    renameSync(`${this.file}.tmp`, this.file);
  }

  now(): Date {
    return this.clock();
  }

  /** A new unique id with a Slack-like prefix (V… views, F… files). */
  nextId(prefix: string): string {
    this.data.counter += 1;
    return `${prefix}0${this.data.counter.toString(36).toUpperCase().padStart(8, "0")}`;
  }

  /** Message timestamps as Slack makes them: seconds.micro, unique and increasing per workspace. */
  nextTs(): string {
    const nowMicros = this.clock().getTime() * 1000;
    const last = this.data.messages.reduce((max, m) => Math.max(max, tsMicros(m.ts)), 0);
    const micros = Math.max(nowMicros, last + 1);
    return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, "0")}`;
  }

  channel(id: string): StoredChannel | undefined {
    return this.data.channels.find((c) => c.id === id);
  }

  /** The app's DM with a person (created on first use, like conversations.open). */
  dmWith(userId: string): StoredChannel | undefined {
    if (!PEOPLE.some((p) => p.id === userId)) return undefined;
    const id = dmIdFor(userId);
    let dm = this.channel(id);
    if (!dm) {
      dm = { id, name: userId, topic: "", isIm: true, imUser: userId, members: [userId], botMember: true, archived: false };
      this.data.channels.push(dm);
      this.touch();
    }
    return dm;
  }

  message(channel: string, ts: string): StoredMessage | undefined {
    return this.data.messages.find((m) => m.channel === channel && m.ts === ts);
  }

  addMessage(message: Omit<StoredMessage, "ts" | "reactions"> & { reactions?: Reaction[] }): StoredMessage {
    const stored: StoredMessage = { ...message, ts: this.nextTs(), reactions: message.reactions ?? [] };
    this.data.messages.push(stored);
    this.touch();
    return stored;
  }

  /** chat.update, or a response_url reply with replace_original. */
  replaceContent(message: StoredMessage, body: { text: string; blocks?: unknown[] }, edited: boolean): void {
    message.text = body.text;
    if (body.blocks) message.blocks = body.blocks;
    else delete message.blocks;
    if (edited) message.edited = true;
    this.touch();
  }

  removeMessage(message: StoredMessage): void {
    const i = this.data.messages.indexOf(message);
    if (i >= 0) this.data.messages.splice(i, 1);
    this.touch();
  }

  /** Messages of a channel as one person sees them (their own ephemerals included), oldest first. */
  visibleMessages(channel: string, viewer: string): StoredMessage[] {
    return this.data.messages.filter((m) => m.channel === channel && (m.ephemeralTo === undefined || m.ephemeralTo === viewer));
  }

  view(id: string): StoredView | undefined {
    return this.data.views.find((v) => v.id === id);
  }

  saveView(view: StoredView): void {
    const i = this.data.views.findIndex((v) => v.id === view.id);
    if (i >= 0) this.data.views[i] = view;
    else this.data.views.push(view);
    this.touch();
  }

  /** The top of a person's modal stack. */
  topModal(userId: string): StoredView | undefined {
    const stack = this.data.modals[userId] ?? [];
    const top = stack[stack.length - 1];
    return top ? this.view(top) : undefined;
  }

  closeModals(userId: string, all: boolean): void {
    const stack = this.data.modals[userId] ?? [];
    const removed = all ? stack.splice(0) : stack.splice(-1);
    this.data.views = this.data.views.filter((v) => !removed.includes(v.id));
    this.data.modals[userId] = stack;
    this.touch();
  }

  /**
   * A person's status as Slack shows it at the workspace's time: a status past its expiration and
   * DND past its end are gone (Slack clears them itself).
   */
  statusOf(userId: string): PersonStatus {
    const stored = this.data.statuses[userId] ?? NO_STATUS;
    const now = this.now().getTime() / 1000;
    const expired = stored.expiration > 0 && stored.expiration <= now;
    const dndOver = stored.dndUntil > 0 && stored.dndUntil <= now;
    return {
      ...stored,
      ...(expired ? { emoji: "", text: "", expiration: 0 } : {}),
      ...(dndOver ? { dndUntil: 0, dndSince: 0 } : {}),
    };
  }

  setStatus(userId: string, status: PersonStatus): void {
    this.data.statuses[userId] = status;
    this.touch();
  }

  isBot(userId: string): boolean {
    return userId === BOT.userId;
  }
}

function tsMicros(ts: string): number {
  const [s, micro] = ts.split(".");
  return Number(s) * 1_000_000 + Number(micro ?? 0);
}
