import { teamIdOf, type ViewListener } from "../../context.js";
import type { Services } from "../../../services/index.js";
import { ScheduleModalField } from "../../ids.js";
import { decodeScheduleModalTarget, readScheduleModal, scheduleNoticeModal } from "../../views/schedule-modal.js";
import { plainProblemText } from "../../views/problem-text.js";
import { forbiddenMessage, scheduleChangeMessage } from "../../views/schedule.js";

/**
 * Save in the schedule modal. Bad input → `response_action: "errors"` under each field (the modal
 * stays open with everything typed); otherwise the schedule is saved before the ack (a quick
 * upsert, well inside 3 s) so a refusal can still be shown in the modal, and the confirmation goes
 * to the channel as an ephemeral message (by DM when that fails or for DM schedules).
 */
export function scheduleModalSubmit(services: Services): ViewListener {
  return async ({ ack, body, view, client, context }) => {
    const log = context.log;
    const where = decodeScheduleModalTarget(view.private_metadata);
    const userId = body.user.id;
    const teamId = teamIdOf(context, body);
    // The language look-up is cached per person, well inside the 3 s the ack has.
    const t = await services.languages.forUser(teamId, userId);
    if (!where) {
      await ack({ response_action: "update", view: scheduleNoticeModal(t("scheduleModal.outOfDate"), t) });
      return;
    }
    const parsed = services.schedules.parseForm(readScheduleModal(view.state.values as Parameters<typeof readScheduleModal>[0]));
    if (!parsed.ok) {
      const errors: Record<string, string> = {};
      for (const [field, problem] of Object.entries(parsed.errors)) errors[ScheduleModalField[field as keyof typeof ScheduleModalField]] = plainProblemText(problem, t);
      await ack({ response_action: "errors", errors });
      return;
    }
    const caller = { teamId, userId, channelId: where.channelId };
    const change = await services.schedules.saveSettings(caller, where.target, parsed.settings, parsed.tz);
    if (change.kind === "forbidden") {
      await ack({ response_action: "update", view: scheduleNoticeModal(forbiddenMessage(change.schedule, t).text, t) });
      return;
    }
    if (change.kind === "invalid") {
      await ack({ response_action: "errors", errors: { [ScheduleModalField.every]: change.problems.map((p) => plainProblemText(p, t)).join(" ") } });
      return;
    }
    await ack();
    const message = scheduleChangeMessage(change, t, services.clock.now());
    try {
      if (where.target === "dm" || where.channelId.startsWith("D")) throw new Error("a DM schedule is confirmed by DM");
      await client.chat.postEphemeral({ channel: where.channelId, user: userId, ...message });
    } catch (error) {
      log.debug({ err: String(error) }, "confirming the schedule by DM");
      await client.chat.postMessage({ channel: userId, ...message }).catch((e: unknown) => log.warn({ err: String(e) }, "schedule confirmation not delivered"));
    }
  };
}
