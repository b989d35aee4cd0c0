import { loadFixture, TEAM } from "./fixtures.js";

/** What the app sent to views.open, as far as a submission needs it. */
export interface SentModal {
  callback_id: string;
  private_metadata: string;
  title: { text: string };
  blocks: Array<{ type: string; block_id?: string; label?: { text: string }; element?: Record<string, any> }>;
}

/**
 * A view_submission as Slack sends it (ViewSubmissionPayload.json): each input keeps its initial
 * value unless `overrides` (by block_id) says otherwise. The same shape as the schedule e2e test's.
 */
export function viewSubmission(view: SentModal, userId: string, overrides: Partial<Record<string, unknown>> = {}, teamId = TEAM): Record<string, unknown> {
  const sample = loadFixture<Record<string, unknown>>("app-backend/views/ViewSubmissionPayload.json");
  const values: Record<string, Record<string, unknown>> = {};
  for (const b of view.blocks) {
    if (b.type !== "input" || !b.block_id) continue;
    const el = b.element!;
    const initial =
      el.type === "plain_text_input"
        ? { type: el.type, value: el.initial_value ?? null }
        : el.type === "checkboxes"
          ? { type: el.type, selected_options: el.initial_options ?? [] }
          : { type: el.type, selected_option: el.initial_option ?? null };
    values[b.block_id] = { [el.action_id]: { ...initial, ...(overrides[b.block_id] as object | undefined) } };
  }
  const payload: Record<string, unknown> = {
    ...sample,
    team: { id: teamId, domain: "acme" },
    user: { id: userId, username: "someone", name: "someone", team_id: teamId },
    api_app_id: "A0STRETCH1",
    token: "legacy-verification-token",
    trigger_id: "13345224609.738474920.8088930838d88f008e1",
    view: {
      ...(sample.view as object),
      id: "V0SCHEDMODAL",
      team_id: teamId,
      type: "modal",
      callback_id: view.callback_id,
      private_metadata: view.private_metadata,
      title: view.title,
      blocks: view.blocks,
      state: { values },
      app_id: "A0STRETCH1",
      bot_id: "B0BOTID",
    },
  };
  for (const key of ["enterprise", "bot_access_token", "function_data", "interactivity"]) delete payload[key];
  return payload;
}
