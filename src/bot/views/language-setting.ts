import { SUPPORTED_LANGUAGES, type T } from "../../i18n/index.js";
import type { WorkspaceLanguageResult } from "../../services/language-service.js";
import type { SlackMessage } from "./message.js";
import { section } from "./routine.js";

/** `/stretch language`: answered in the asker's language. */
export function languageSettingMessage(result: WorkspaceLanguageResult, t: T): SlackMessage {
  const name = (code: string) => t(`language.names.${code}`);
  let text: string;
  switch (result.kind) {
    case "current":
      text = `${t("language.current", { language: name(result.language) })}${result.canChange ? `\n${t("language.howToChange")}` : ""}`;
      break;
    case "changed":
      text = t("language.changed", { language: name(result.language) });
      break;
    case "not_allowed":
      text = t("language.notAllowed");
      break;
    case "invalid":
      text = t("language.invalid", { languages: SUPPORTED_LANGUAGES.map((l) => `\`${l}\``).join(", ") });
      break;
  }
  return { text, blocks: [section(text)] };
}
