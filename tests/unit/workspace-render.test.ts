import { describe, expect, it } from "vitest";
import { escapeMentions } from "../../demo/workspace/interactions.js";
import { renderBlocks } from "../../demo/workspace/render/blocks.js";
import { mrkdwn } from "../../demo/workspace/render/mrkdwn.js";
import { routineMessage } from "../../src/bot/views/routine.js";
import { buildRoutine, createRng } from "../../src/exercises/routine-builder.js";

const names = { user: (id: string) => (id === "U0MAYAJOHN" ? "Maya Johnson" : undefined), channel: (id: string) => (id === "C0GENERAL1" ? "general" : undefined) };

describe("the workspace's Slack mrkdwn", () => {
  it("renders bold, italic, strike, code and quotes like Slack, one marker pair at a time", () => {
    expect(mrkdwn("This week: *1* done · month: *3* done", names)).toBe("This week: <strong>1</strong> done · month: <strong>3</strong> done");
    expect(mrkdwn("_gently_ and ~never~ `keep *this*`", names)).toBe('<em>gently</em> and <del>never</del> <code class="mk-code">keep *this*</code>');
    expect(mrkdwn("snake_case_name, 2*3*4", names)).toBe("snake_case_name, 2*3*4");
    expect(mrkdwn("&gt; quoted\nnext", names)).toBe('<blockquote class="mk-quote">quoted</blockquote>next');
  });

  it("renders mentions, channels, links and emoji short names; never passes markup through", () => {
    expect(mrkdwn("<@U0MAYAJOHN> in <#C0GENERAL1|general>", names)).toContain("@Maya Johnson</span> in <span");
    expect(mrkdwn("<#C0GENERAL1>", names)).toContain("#general");
    expect(mrkdwn("<https://example.com/a?b=1&amp;c=2|the docs>", names)).toBe('<a class="mk-link" href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noreferrer noopener">the docs</a>');
    expect(mrkdwn(":white_check_mark: :muscle: :not_an_emoji:", names)).toBe('<span class="emoji" title=":white_check_mark:">✅</span> <span class="emoji" title=":muscle:">💪</span> :not_an_emoji:');
    expect(mrkdwn("<script>alert(1)</script> &lt;b&gt;", names)).not.toContain("<script>");
    expect(mrkdwn("<javascript:alert(1)|x>", names)).not.toContain("href");
  });
});

describe("the workspace's Block Kit renderer", () => {
  it("renders the app's routine with real buttons carrying their action ids", () => {
    const routine = buildRoutine({ areas: ["neck"] }, createRng("seed"));
    const html = renderBlocks(routineMessage(routine, { requestText: "neck", seed: "seed" }).blocks, names);
    expect(html).toMatch(/<button type="button" class="bk-button[^"]*" data-kind="button" data-action-id="routine_share"[^>]*>[^<]*<span class="emoji"[^>]*>📣<\/span> Share with channel<\/button>/);
    expect(html).toContain('class="bk bk-header"');
  });

  it("renders inputs with labels, hints and a place for Slack's per-field errors", () => {
    const html = renderBlocks(
      [{ type: "input", block_id: "every", optional: true, label: { type: "plain_text", text: "Every" }, hint: { type: "plain_text", text: "Like 60m" }, element: { type: "plain_text_input", action_id: "every", initial_value: "60m" } }],
      names,
    );
    expect(html).toContain('<label class="bk-label" for="in-every">Every <span class="bk-optional">(optional)</span></label>');
    expect(html).toContain('data-input-block="every" data-input-action="every" value="60m"');
    expect(html).toContain('data-error-for="every"');
    const multi = renderBlocks(
      [{ type: "input", block_id: "areas", label: { type: "plain_text", text: "Areas" }, element: { type: "multi_static_select", action_id: "areas", options: [{ text: { type: "plain_text", text: "Neck" }, value: "neck" }, { text: { type: "plain_text", text: "Hips" }, value: "hips" }], initial_options: [{ text: { type: "plain_text", text: "Hips" }, value: "hips" }] } }],
      names,
    );
    expect(multi).toContain('multiple size="2" id="in-areas" data-input-kind="multi" data-input-block="areas" data-input-action="areas"><option value="neck">Neck</option><option value="hips" selected>Hips</option></select>');
  });

  it("renders fields, accessories, selects, overflow menus and images", () => {
    const option = (v: string) => ({ text: { type: "plain_text", text: `Option ${v}` }, value: v });
    const html = renderBlocks(
      [
        { type: "section", block_id: "s", fields: [{ type: "mrkdwn", text: "*Week*\n3 done" }], accessory: { type: "overflow", action_id: "more", options: [option("a"), option("b")] } },
        { type: "actions", block_id: "act", elements: [{ type: "static_select", action_id: "pick", placeholder: { type: "plain_text", text: "Choose" }, options: [option("x")] }, { type: "button", action_id: "stop", style: "danger", text: { type: "plain_text", text: "Stop" } }] },
        { type: "image", image_url: "https://example.com/a.png", alt_text: "A stretch" },
        { type: "context", elements: [{ type: "image", image_url: "https://example.com/i.png", alt_text: "icon" }, { type: "mrkdwn", text: "_small print_" }] },
      ],
      names,
    );
    expect(html).toContain('<div class="bk-field"><strong>Week</strong><br>3 done</div>');
    expect(html).toContain('<button type="button" role="menuitem" class="bk-overflow-item" data-kind="overflow" data-action-id="more" data-block-id="s" data-value="b">Option b</button>');
    expect(html).toContain('<select class="bk-select" data-kind="select" data-action-id="pick" data-block-id="act" aria-label="Choose">');
    expect(html).toContain('class="bk-button bk-button-danger"');
    expect(html).toContain('<img src="https://example.com/a.png" alt="A stretch">');
    expect(html).toContain("<em>small print</em>");
  });
});

describe("slash command text, escaped as Slack does (should_escape)", () => {
  it("turns @handle and #channel into Slack's references, leaving unknown names alone", () => {
    expect(escapeMentions("report #engineering weeks 4")).toBe("report <#C0ENGINEER|engineering> weeks 4");
    expect(escapeMentions("managers add @oliver")).toBe("managers add <@U0OLIVERBE|oliver>");
    expect(escapeMentions("leaderboard @design-team")).toBe("leaderboard <!subteam^S0DESIGNTM|@design-team>");
    expect(escapeMentions("leaderboard #nowhere @nobody")).toBe("leaderboard #nowhere @nobody");
  });
});
