import { describe, expect, it } from "vitest";
import { PromptDelivery, type ChannelPacer, type DeliveryOutcome } from "../../../src/engine/delivery.js";
import { MemoryWorkspaceRateLimiter } from "../../../src/engine/workspace-rate-limiter.js";
import { FakeSlack, MemoryPrompts, RecordingPresenter, silentLog } from "../../helpers/engine-fakes.js";

const CHANNEL = "C0DELIVER";

/** A delivery over in-memory ports: the exactly-once protocol's decisions, no Postgres or HTTP. */
function world(over: { leaseMs?: number; pacer?: ChannelPacer; limiter?: MemoryWorkspaceRateLimiter } = {}) {
  const prompts = new MemoryPrompts();
  const slack = new FakeSlack();
  const presenter = new RecordingPresenter();
  const paused: string[] = [];
  const delivery = new PromptDelivery({
    prompts,
    members: { saveProfile: async () => { throw new Error("channel prompts read no profile"); } },
    dndCache: { remember: async () => undefined },
    poster: slack,
    slack: slack.client,
    tokens: { botToken: async () => "xoxb-fake" },
    pacer: over.pacer ?? { reserve: async () => 0 },
    pauser: { pause: async (_t, id, why) => void paused.push(`${id}:${why}`), pauseWorkspace: async () => undefined },
    presenter,
    options: { leaseMs: over.leaseMs ?? 60_000, maxLatenessMs: 3600_000, skipAway: false },
    log: silentLog,
    ...(over.limiter ? { limiter: over.limiter } : {}),
  });
  const deliver = (id: string, lastAttempt = false): Promise<DeliveryOutcome> => delivery.deliver(id, { lastAttempt });
  return { prompts, slack, presenter, paused, deliver };
}

const channelPrompt = (id: string) => ({ id, target: CHANNEL, slotAt: new Date() });

describe("prompt delivery (in-memory ports)", () => {
  it("posts a channel prompt once, as the presenter drew it, with its id in the metadata", async () => {
    const w = world();
    w.prompts.put(channelPrompt("p-1"));
    expect(await w.deliver("p-1")).toEqual({ kind: "done", result: "posted" });
    expect(await w.deliver("p-1")).toEqual({ kind: "done", result: "already_done" });
    expect(w.slack.posts).toHaveLength(1);
    expect(w.slack.posts[0]).toMatchObject({ channel: CHANNEL, text: "prompt p-1 (channel)", metadata: { event_type: "stretch_prompt", event_payload: { prompt_id: "p-1" } } });
    expect(w.presenter.prompts[0]).toMatchObject({ promptId: "p-1", audience: "channel" });
    expect(w.presenter.prompts[0]?.routine.items.map((i) => i.exercise.id)).toEqual(["neck-rolls"]);
    expect(w.prompts.rows.get("p-1")).toMatchObject({ status: "posted", channelId: CHANNEL, ts: w.slack.posts[0]?.ts });
  });

  it("an answer lost after Slack took the post: the retry finds it in the history and never posts again", async () => {
    const w = world();
    w.prompts.put(channelPrompt("p-2"));
    w.slack.loseNextAnswer = true;
    expect((await w.deliver("p-2")).kind).toBe("retry");
    // The claim is kept: nobody posts while the lease lasts.
    expect((await w.deliver("p-2")).kind).toBe("delay");
    w.prompts.leaseRunsOut("p-2");
    expect(await w.deliver("p-2")).toEqual({ kind: "done", result: "recovered" });
    expect(w.slack.posts).toHaveLength(1);
    expect(w.prompts.rows.get("p-2")).toMatchObject({ status: "posted", ts: w.slack.posts[0]?.ts });
  });

  it("a claim that ended without an answer and is not in the history is posted (once)", async () => {
    const w = world();
    w.prompts.put({ ...channelPrompt("p-3"), previousClaimAt: new Date(Date.now() - 60_000) });
    expect(await w.deliver("p-3")).toEqual({ kind: "done", result: "posted" });
    expect(w.slack.historyCalls).toBe(1);
    expect(w.slack.posts).toHaveLength(1);
  });

  it("while Slack's history cannot answer, a possibly posted prompt waits and is not posted", async () => {
    const w = world();
    w.prompts.put({ ...channelPrompt("p-4"), previousClaimAt: new Date(Date.now() - 60_000) });
    w.slack.historyDown = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    const outcome = await w.deliver("p-4");
    expect(outcome).toMatchObject({ kind: "delay", reason: "history check" });
    expect(w.slack.posts).toHaveLength(0);
    // Given back, still uncertain: the next run checks the history again first.
    w.slack.historyDown = undefined;
    expect(await w.deliver("p-4")).toEqual({ kind: "done", result: "posted" });
    expect(w.slack.historyCalls).toBe(2);
  });

  it("state wins over queue: a prompt of a schedule turned off since it was queued is skipped, not drawn or posted", async () => {
    const w = world();
    w.prompts.put({ ...channelPrompt("p-5"), scheduleActive: false });
    expect(await w.deliver("p-5")).toEqual({ kind: "done", result: "skipped" });
    expect(w.presenter.prompts).toHaveLength(0);
    expect(w.slack.posts).toHaveLength(0);
    expect(w.prompts.rows.get("p-5")).toMatchObject({ status: "skipped", reason: "schedule_off" });
  });

  it("a claim that posts at once skips the renewal; one slowed past half its lease renews first, and if taken over meanwhile does not post", async () => {
    // The channel pacer stands in for anything slow between the claim and the post (a starved process).
    let slowFor = 0;
    let meanwhile = () => undefined as void;
    const { prompts, slack, deliver } = world({ leaseMs: 2_000, pacer: { reserve: async () => (slowFor > 0 ? new Promise((r) => setTimeout(() => (meanwhile(), r(0)), slowFor)) : 0) } });
    let renewals = 0;
    const renewClaims = prompts.renewClaims.bind(prompts);
    prompts.renewClaims = async (claims) => {
      renewals += claims.length;
      return renewClaims(claims);
    };
    prompts.put(channelPrompt("p-fast"));
    expect(await deliver("p-fast")).toEqual({ kind: "done", result: "posted" });
    expect(renewals).toBe(0);

    // Slowed past half its 2 s lease: renewed before posting.
    slowFor = 1_100;
    prompts.put(channelPrompt("p-slow"));
    expect(await deliver("p-slow")).toEqual({ kind: "done", result: "posted" });
    expect(renewals).toBe(1);

    // …and while it was slow its lease ran out and another run took it: no post from this one.
    prompts.put(channelPrompt("p-taken"));
    meanwhile = () => {
      const row = prompts.rows.get("p-taken")!;
      row.claimToken = "someone-else";
    };
    const outcome = await deliver("p-taken");
    expect(outcome.kind).not.toBe("done");
    expect(slack.posts.map((p) => String(p.text))).toEqual(["prompt p-fast (channel)", "prompt p-slow (channel)"]);
  });

  it("a backlog of DND look-ups beyond dnd.teamInfo's budget comes back in groups of 50, one group per later call", async () => {
    // dnd.teamInfo: 18 calls a minute, 4 back to back; posts are not what this test is about.
    const { prompts, deliver } = world({ limiter: new MemoryWorkspaceRateLimiter(100_000) });
    // 400 people of one workspace due at once, none with a stored DND answer: 4 calls now (200 people).
    const ids = Array.from({ length: 400 }, (_, i) => `dm-${i}`);
    for (const id of ids) prompts.put({ id, target: `U${id}`, recipientUserId: `U${id}`, slotAt: new Date() });
    const outcomes = await Promise.all(ids.map((id) => deliver(id)));
    const waits = outcomes.flatMap((o) => (o.kind === "rate_limited" ? [o.retryAfterMs] : []));
    expect(waits).toHaveLength(200);
    // Refused batches are told later and later calls (one interval, 3.3 s, apart), not all the next one.
    const groups = [...new Set(waits.map((w) => Math.round(w / 1000)))].sort((a, b) => a - b);
    expect(groups.length).toBe(4);
    for (let i = 1; i < groups.length; i++) expect(groups[i]! - groups[i - 1]!).toBeGreaterThanOrEqual(3);
    for (const g of groups) expect(waits.filter((w) => Math.round(w / 1000) === g).length).toBeLessThanOrEqual(50);
  });
});
