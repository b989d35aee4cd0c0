/** Replies to `/stretch managers …`, in the person's language. Pure. */
import type { MemberRecord } from "../../db/repositories/members.js";
import { EN, type T } from "../../i18n/index.js";
import type { ManagerChange } from "../../services/manager-service.js";
import type { SlackMessage } from "./message.js";
import { capBlocks, context, section } from "./routine.js";
import { packLines } from "./participation-text.js";

const note = (text: string): SlackMessage => ({ text, blocks: [section(text)] });

export function managerChangeMessage(change: ManagerChange, action: "add" | "remove", t: T = EN): SlackMessage {
  switch (change.kind) {
    case "not_admin":
      return note(t("managers.notAdmin"));
    case "not_a_person":
      return note(t("managers.notAPerson", { user: `<@${change.userId}>` }));
    case "admin_already":
      return note(t("managers.adminAlready", { user: `<@${change.userId}>` }));
    case "unchanged":
      return note(t(action === "add" ? "managers.alreadyManager" : "managers.wasNotManager", { user: `<@${change.userId}>` }));
    case "done":
      return note(t(action === "add" ? "managers.added" : "managers.removed", { user: `<@${change.userId}>` }));
  }
}

export function managersListMessage(managers: readonly MemberRecord[], t: T = EN): SlackMessage {
  const role = (m: MemberRecord) => t(m.isOwner ? "managers.roleOwner" : m.isAdmin ? "managers.roleAdmin" : "managers.roleManager");
  const lines = managers.map((m) => `• <@${m.userId}> (${role(m)})`);
  const blocks = [
    section(t("managers.intro")),
    ...(lines.length > 0 ? packLines(lines) : [section(t("managers.nobody"))]),
    context(t("managers.how")),
  ];
  return { text: t("managers.summary", { count: managers.length }), blocks: capBlocks(blocks, 1) };
}
