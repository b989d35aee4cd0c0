import { teamIdOf, type ViewListener } from "../../context.js";
import type { Services } from "../../../services/index.js";
import { publishHome } from "../publish-home.js";
import { readPersonalSettingsModal } from "../../views/personal-settings-home.js";
import { settingsSavedMessage } from "../../views/personal-settings.js";
import { plainProblemText } from "../../views/problem-text.js";

/**
 * Save in the personal settings modal: problems stay in the modal under their field; otherwise
 * every change is applied, confirmed by DM in plain words, and Home is republished.
 */
export function personalSettingsModal(services: Services): ViewListener {
  return async ({ ack, body, view, client, context }) => {
    const log = context.log;
    const caller = { teamId: teamIdOf(context, body), userId: body.user.id, channelId: "D" };
    const before = await services.personalSettings.forForm(caller);
    const lines = readPersonalSettingsModal(view.state.values as Parameters<typeof readPersonalSettingsModal>[0], before.settings, before.dmEveryMinutes);
    const outcome = await services.personalSettings.applyLines(caller, lines);
    if (!outcome.ok) {
      const t = await services.languages.forUser(caller.teamId, caller.userId);
      const errors = Object.fromEntries(Object.entries(outcome.errors).map(([field, e]) => [field, `${e.problems.map((p) => plainProblemText(p, t)).join(" ")} ${t("me.modalExample", { example: e.example })}`]));
      await ack({ response_action: "errors", errors });
      return;
    }
    await ack();
    try {
      const t = await services.languages.forUser(caller.teamId, caller.userId);
      if (outcome.results.length > 0) await client.chat.postMessage({ channel: caller.userId, ...settingsSavedMessage(outcome.results, t) });
      await publishHome(client, caller.userId, await services.home.model(caller.teamId, caller.userId), services.clock.now(), t, log);
    } catch (error) {
      log.warn({ err: String(error) }, "settings saved; confirmation or Home refresh failed");
    }
  };
}
