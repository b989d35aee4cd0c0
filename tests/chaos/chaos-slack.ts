/**
 * The fake Slack Web API (tests/helpers/fake-slack.ts) with faults: a share of chat.postMessage
 * calls answer 429 (nothing posted), 500 (nothing posted), 503 AFTER the message was stored (the
 * worker cannot know it went out: the history check must find it), or slowly (stored at once,
 * answered 1.5–3 s later). conversations.history is rate-limited for a share of calls too (the
 * duplicate-after-429 path of issue 8), and dnd.teamInfo now and then.
 *
 * Every stored message is a post the checks count: FakeSlack.messages keeps channel, ts, the
 * prompt id from the message metadata and when the request arrived.
 */
import { FakeSlack, type FakeAnswer, type RecordedCall } from "../helpers/fake-slack.js";
import type { Rng } from "./rng.js";

export interface SlackFaultShares {
  postRateLimited: number;
  postServerError: number;
  postErrorAfterStore: number;
  postSlow: number;
  historyRateLimited: number;
  dndRateLimited: number;
}

export const DEFAULT_SLACK_FAULTS: SlackFaultShares = {
  postRateLimited: 0.08,
  postServerError: 0.04,
  postErrorAfterStore: 0.04,
  postSlow: 0.08,
  historyRateLimited: 0.25,
  dndRateLimited: 0.05,
};

/** A post the fake accepted (a message people would see). */
export interface RecordedPost {
  channel: string;
  ts: string;
  promptId: string | undefined;
  at: number;
}

export interface SlackFaultCounts {
  rateLimited: number;
  serverErrors: number;
  errorsAfterStore: number;
  slow: number;
}

const rateLimited = (): FakeAnswer => ({ status: 429, headers: { "retry-after": "1" }, body: { ok: false, error: "ratelimited" } });

export class ChaosSlack {
  readonly fake = new FakeSlack();
  readonly counts: SlackFaultCounts = { rateLimited: 0, serverErrors: 0, errorsAfterStore: 0, slow: 0 };

  constructor(
    private readonly rng: Rng,
    private readonly shares: SlackFaultShares = DEFAULT_SLACK_FAULTS,
  ) {
    // Bodies are needed (metadata, response_url texts); the run is small enough to keep them.
    this.fake.keepCallBodies = true;
    this.fake.on("chat.postMessage", (call) => this.postMessage(call));
    this.fake.on("conversations.history", (call) => {
      if (this.rng.chance(this.shares.historyRateLimited)) {
        this.counts.rateLimited += 1;
        return rateLimited();
      }
      return this.fake.defaultAnswer(call);
    });
    this.fake.on("dnd.teamInfo", (call) => {
      if (this.rng.chance(this.shares.dndRateLimited)) {
        this.counts.rateLimited += 1;
        return rateLimited();
      }
      return this.fake.defaultAnswer(call);
    });
  }

  private postMessage(call: RecordedCall): FakeAnswer {
    const s = this.shares;
    const r = this.rng.next();
    if (r < s.postRateLimited) {
      this.counts.rateLimited += 1;
      return rateLimited();
    }
    if (r < s.postRateLimited + s.postServerError) {
      this.counts.serverErrors += 1;
      return { status: 500, body: { ok: false, error: "internal_error" } };
    }
    const answer = this.fake.defaultAnswer(call);
    if (r < s.postRateLimited + s.postServerError + s.postErrorAfterStore) {
      this.counts.errorsAfterStore += 1;
      return { status: 503, body: { ok: false, error: "service_unavailable" } };
    }
    if (r < s.postRateLimited + s.postServerError + s.postErrorAfterStore + s.postSlow) {
      this.counts.slow += 1;
      return { status: 200, body: answer, delayMs: this.rng.int(1_500, 3_000) };
    }
    return answer;
  }

  /** Every message the fake accepted, oldest first. */
  posts(): RecordedPost[] {
    const out: RecordedPost[] = [];
    for (const [channel, list] of this.fake.messages) {
      for (const m of list) {
        const payload = (m.metadata as { event_payload?: { prompt_id?: unknown } } | undefined)?.event_payload;
        out.push({ channel, ts: m.ts, promptId: typeof payload?.prompt_id === "string" ? payload.prompt_id : undefined, at: m.postedAt });
      }
    }
    return out.sort((a, b) => a.at - b.at);
  }

  /** The text of the response_url answer with this id (commands answered after their ack). */
  responseText(id: string): string | undefined {
    const call = this.fake.calls.find((c) => c.method === `response_url:${id}`);
    if (!call) return undefined;
    return blockText(call.args);
  }
}

/** A message's text plus every text inside its blocks (what a person reads). */
export function blockText(message: Record<string, unknown>): string {
  const parts: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === "string") return;
    if (Array.isArray(v)) return v.forEach(walk);
    if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        if (k === "text" && typeof x === "string") parts.push(x);
        else walk(x);
      }
    }
  };
  if (typeof message.text === "string") parts.push(message.text);
  walk(message.blocks);
  return parts.join("\n");
}
