/**
 * In-memory stand-ins for the engine's ports, for unit tests of its use-cases (fan-out decisions,
 * the delivery protocol) without Postgres, Redis or an HTTP Slack. They keep only the behaviour the
 * use-cases rely on: a queue ignores a job id it already holds (as BullMQ does), a claim is taken
 * once until released or finished, a post returns a fresh ts.
 */
import type { JobsOptions } from "bullmq";
import type { EnginePresenter, PromptView } from "../../src/engine/ports.js";
import type { ClaimedPrompt, ClaimRef, PromptStateRow } from "../../src/engine/repositories/prompts.js";
import type { DeliveryPrompts, DeliverySlack, PromptPoster } from "../../src/engine/delivery.js";
import type { JobSink } from "../../src/engine/tasks.js";
import { createLogger } from "../../src/logger.js";

export const silentLog = createLogger("silent");

export class MemoryQueue<T> implements JobSink<T> {
  readonly jobs = new Map<string, { name: string; data: T; opts: JobsOptions }>();
  async addBulk(jobs: Array<{ name: string; data: T; opts?: JobsOptions }>): Promise<void> {
    for (const j of jobs) {
      const id = j.opts?.jobId ?? `auto-${this.jobs.size}`;
      if (!this.jobs.has(id)) this.jobs.set(id, { name: j.name, data: j.data, opts: j.opts ?? {} });
    }
  }
}

/** Renders data as plain text, and keeps what it was given (what the engine decided to say). */
export class RecordingPresenter implements EnginePresenter {
  readonly prompts: PromptView[] = [];
  prompt(view: PromptView) {
    this.prompts.push(view);
    return { text: `prompt ${view.promptId} (${view.audience})` };
  }
  schedulePaused(notice: { reason: string }) {
    return { text: `paused: ${notice.reason}` };
  }
}

type Posted = Record<string, unknown> & { channel: string; ts: string; metadata?: { event_type: string; event_payload: Record<string, unknown> } };

/** Slack as the delivery sees it: chat.postMessage and dnd.teamInfo (the poster), history and presence. */
export class FakeSlack implements PromptPoster {
  /** Every message Slack holds (what conversations.history answers from). */
  readonly posts: Posted[] = [];
  /** The next post reaches Slack but its answer is lost (a timeout after Slack took it). */
  loseNextAnswer = false;
  /** conversations.history fails with this while set. */
  historyDown: Error | undefined;
  historyCalls = 0;

  async postMessage(args: Record<string, unknown> & { channel: string; token: string }) {
    const ts = `${1_700_000_000 + this.posts.length}.000100`;
    this.posts.push({ ...args, ts });
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      throw new Error("socket hang up");
    }
    return { channel: args.channel, ts };
  }
  async dndTeamInfo(users: string[]) {
    return Object.fromEntries(users.map((u) => [u, { dnd_enabled: false }]));
  }
  async presence() {
    return "active";
  }
  /** The Web API client part (conversations.history/open). */
  readonly client = {
    conversations: {
      history: async (args: { channel: string }) => {
        this.historyCalls += 1;
        if (this.historyDown) throw this.historyDown;
        return { ok: true, messages: this.posts.filter((p) => p.channel === args.channel), has_more: false };
      },
      open: async (args: { users: string }) => ({ ok: true, channel: { id: `D-${args.users}` } }),
    },
  } as unknown as DeliverySlack;
}

type Row = ClaimedPrompt & { status: PromptStateRow["status"]; claimed: boolean; channelId?: string; ts?: string; reason?: string };

/** Prompt rows with the claim/lease/record rules delivery.ts depends on. */
export class MemoryPrompts implements DeliveryPrompts {
  readonly rows = new Map<string, Row>();
  private tokens = 0;

  /** The claim's lease ran out with its post's fate unknown (its worker died or lost the answer). */
  leaseRunsOut(id: string): void {
    const r = this.rows.get(id);
    if (r?.claimed) Object.assign(r, { claimed: false, previousClaimAt: new Date(Date.now() - 60_000) });
  }

  put(p: Partial<ClaimedPrompt> & Pick<ClaimedPrompt, "id" | "target" | "slotAt">, status: PromptStateRow["status"] = "pending"): void {
    this.rows.set(p.id, { ...claimedDefaults(), ...p, status, claimed: false });
  }

  async claim(ids: string[]): Promise<ClaimedPrompt[]> {
    const out: ClaimedPrompt[] = [];
    for (const id of ids) {
      const r = this.rows.get(id);
      if (!r || r.claimed || (r.status !== "pending" && r.status !== "deferred")) continue;
      r.claimed = true;
      r.claimToken = `t${++this.tokens}`;
      out.push({ ...r });
    }
    return out;
  }
  async renewClaims(claims: ClaimRef[]): Promise<Array<string | null>> {
    return claims.map((c) => {
      const r = this.rows.get(c.id);
      if (!r || !r.claimed || r.claimToken !== c.claimToken) return null;
      return (r.claimToken = `t${++this.tokens}`);
    });
  }
  async states(ids: string[]): Promise<PromptStateRow[]> {
    return ids.flatMap((id) => {
      const r = this.rows.get(id);
      return r ? [{ id, status: r.status, claimedAt: r.claimed ? new Date() : null }] : [];
    });
  }
  async settleUncertain(c: ClaimRef): Promise<void> {
    const r = this.rows.get(c.id);
    if (r && r.claimToken === c.claimToken) r.previousClaimAt = null;
  }
  async release(c: ClaimRef): Promise<void> {
    const r = this.rows.get(c.id);
    if (r && r.claimToken === c.claimToken) r.claimed = false;
  }
  async setStatus(c: ClaimRef, status: "skipped" | "failed" | "deferred", reason: string): Promise<void> {
    const r = this.rows.get(c.id);
    if (r && r.claimToken === c.claimToken) Object.assign(r, { status, reason, claimed: false });
  }
  async recordPosted(rows: Array<{ id: string; channelId: string; ts: string }>): Promise<void> {
    for (const p of rows) {
      const r = this.rows.get(p.id);
      if (r) Object.assign(r, { status: "posted", channelId: p.channelId, ts: p.ts, claimed: false, previousClaimAt: null });
    }
  }
  async recordChannelDeliveries(): Promise<number> {
    return 0;
  }
  async forRecord(id: string): Promise<ClaimedPrompt | null> {
    return this.rows.get(id) ?? null;
  }
}

function claimedDefaults(): Omit<ClaimedPrompt, "id" | "target" | "slotAt"> {
  return {
    teamId: "T0FAKE",
    scheduleId: "s-1",
    slotKey: "slot",
    recipientUserId: null,
    area: "neck",
    exerciseIds: ["neck-rolls"],
    attempts: 0,
    claimToken: "",
    previousStatus: "pending",
    previousClaimAt: null,
    scheduleKind: "channel",
    scheduleTz: "UTC",
    scheduleWindowEndMinute: 1440,
    memberTz: null,
    memberWorkEndMinute: null,
    memberDndEnabled: null,
    memberDndNextStartAt: null,
    memberDndNextEndAt: null,
    memberDndCheckedAt: null,
    scheduleFound: true,
    scheduleActive: true,
    schedulePausedUntil: null,
    scheduleSlotsFrom: null,
    schedulePausedReason: null,
    workspaceActive: true,
    memberOptedOut: null,
    memberPausedUntil: null,
    memberInChannel: null,
    superseded: false,
  };
}
