import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeSlack, blockKitRejections } from "../helpers/fake-slack.js";

/**
 * The tests' fake Web API refuses Block Kit as Slack does and records it, which is what lets the
 * set-up file tests/helpers/block-kit-guard.ts fail any e2e file whose app sent invalid blocks.
 */
describe("FakeSlack refuses invalid Block Kit like Slack", () => {
  const fake = new FakeSlack();
  beforeAll(async () => {
    await fake.start();
  });
  afterAll(async () => {
    await fake.stop();
    // These refusals were provoked on purpose: keep the guard for real ones.
    blockKitRejections.length = 0;
  });

  const call = async (method: string, body: unknown) =>
    (await (await fetch(`${fake.apiUrl}${method}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })).json()) as Record<string, unknown>;

  it("answers invalid_blocks for a bad message and records it for the guard", async () => {
    const answer = await call("chat.postMessage", { channel: "C1", text: "x", blocks: [{ type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: "b".repeat(76) }, action_id: "a" }] }] });
    expect(answer).toMatchObject({ ok: false, error: "invalid_blocks", errors: ["must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]"] });
    expect(fake.blockKitRejections.map((r) => r.method)).toEqual(["chat.postMessage"]);
    expect(blockKitRejections).toHaveLength(1);
  });

  it("checks views and response_url replies too, and lets good ones through", async () => {
    expect(await call("views.open", { trigger_id: "t", view: { type: "modal", title: { type: "plain_text", text: "A title that is far too long" }, blocks: [] } })).toMatchObject({ ok: false, error: "invalid_arguments" });
    const response = await fetch(fake.responseUrl("r9"), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ blocks: Array.from({ length: 51 }, () => ({ type: "divider" })) }) });
    expect(await response.json()).toMatchObject({ ok: false, error: "invalid_blocks" });
    expect(await call("chat.postMessage", { channel: "C1", text: "fine", blocks: [{ type: "divider" }] })).toMatchObject({ ok: true });
    expect(fake.blockKitRejections.map((r) => r.method)).toEqual(["chat.postMessage", "views.open", "response_url:r9"]);
  });
});
