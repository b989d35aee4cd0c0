/** Replies to `/stretch managers …`. Pure. */
import type { MemberRecord } from "../../db/repositories/members.js";
import type { ManagerChange } from "../../services/manager-service.js";
import type { SlackMessage } from "./message.js";
import { capBlocks, context, section } from "./routine.js";
import { packLines } from "./participation-text.js";

const note = (text: string): SlackMessage => ({ text, blocks: [section(text)] });

export function managerChangeMessage(change: ManagerChange, action: "add" | "remove"): SlackMessage {
  switch (change.kind) {
    case "not_admin":
      return note(":lock: Only workspace admins and owners can change who is a manager. `/stretch managers list` shows who is one now.");
    case "not_a_person":
      return note(`<@${change.userId}> is a bot or a deactivated account, so they can't be a manager.`);
    case "admin_already":
      return note(`<@${change.userId}> is a workspace admin or owner, so they are a manager through Slack itself; there is nothing to remove.`);
    case "unchanged":
      return note(action === "add" ? `<@${change.userId}> is already a manager.` : `<@${change.userId}> wasn't a manager.`);
    case "done":
      return note(
        action === "add"
          ? `:white_check_mark: <@${change.userId}> is now a manager: they can see participation reports and get the Monday digest.`
          : `:white_check_mark: <@${change.userId}> is no longer a manager.`,
      );
  }
}

export function managersListMessage(managers: readonly MemberRecord[]): SlackMessage {
  const role = (m: MemberRecord) => (m.isOwner ? "owner" : m.isAdmin ? "admin" : "manager");
  const lines = managers.map((m) => `• <@${m.userId}> (${role(m)})`);
  const blocks = [
    section("*Managers* see participation reports and get a digest on Monday mornings."),
    ...(lines.length > 0 ? packLines(lines) : [section("_Nobody yet. Workspace admins appear here once they have used the app._")]),
    context("Admins and owners are managers automatically. Admins can add or remove others: `/stretch managers add @person`, `/stretch managers remove @person`."),
  ];
  return { text: `Managers: ${managers.length}`, blocks: capBlocks(blocks, 1) };
}
