/**
 * The three web pages of the OAuth flow (pure HTML builders): the "Add to Slack" page at
 * GET /slack/install, and the success and failure pages GET /slack/oauth_redirect ends on.
 */

export interface InstalledPageInput {
  /** Workspace the app was installed in; null for an org-wide install. */
  teamId: string | null;
  teamName: string | null;
  enterpriseName: string | null;
  appId: string | null;
  orgWide: boolean;
}

/** Why an installation did not complete, in words a person can act on. */
export type InstallFailure = "cancelled" | "link_expired" | "bad_link" | "slack_error";

export function installPage(authorizeUrl: string): string {
  return page(
    "Add Stretch Break to Slack",
    `<h1>🧘 Stretch Break</h1>
<p>Short, guided stretch breaks for your team: on a schedule in a channel or by DM, or any time with <code>/stretch</code>.</p>
<p><a class="button" href="${escapeHtml(authorizeUrl)}">Add to Slack</a></p>
<p class="small">You will be asked to allow the app to post messages, read reactions to its own prompts, see members' time zones and Do Not Disturb schedules, and add the <code>/stretch</code> command. Uninstalling deletes the app's tokens at once and your workspace's data after the retention period.</p>`,
  );
}

export function installedPage(input: InstalledPageInput): string {
  const where = input.orgWide ? escapeHtml(input.enterpriseName ?? "your organisation") : escapeHtml(input.teamName ?? "your workspace");
  const homeLink =
    input.teamId && input.appId
      ? `<li>Open the app's <a href="slack://app?team=${encodeURIComponent(input.teamId)}&amp;id=${encodeURIComponent(input.appId)}&amp;tab=home">Home tab in Slack</a> for your stats and settings.</li>`
      : `<li>Open <strong>Stretch Break</strong> under <em>Apps</em> in Slack for your stats and settings${input.orgWide ? " (in each workspace of the organisation)" : ""}.</li>`;
  return page(
    "Stretch Break is installed",
    `<h1>✅ Stretch Break is installed in ${where}</h1>
<p>What to do next:</p>
<ol>
<li>Invite the bot to a channel: type <code>/invite @stretchbot</code> in the channel.</li>
<li>Type <code>/stretch help</code> there to see every command, or <code>/stretch</code> for a quick routine.</li>
<li>Set up breaks with <code>/stretch schedule every 60m 09:00-17:00 mon-fri</code>.</li>
${homeLink}
</ol>
<p>You can close this page.</p>`,
  );
}

export function installFailedPage(reason: InstallFailure): string {
  const explanation: Record<InstallFailure, string> = {
    cancelled: "The installation was cancelled in Slack, so nothing was installed.",
    link_expired: "This install link has expired or was opened in a different browser than the one that started it.",
    bad_link: "This page was opened without the details Slack sends after an installation.",
    slack_error: "Slack did not complete the installation. Nothing was stored.",
  };
  return page(
    "Stretch Break was not installed",
    `<h1>Stretch Break was not installed</h1>
<p>${explanation[reason]}</p>
<p><a class="button" href="/slack/install">Start again</a></p>
<p class="small">If it keeps failing, ask a Slack admin whether your workspace allows installing apps.</p>`,
  );
}

/** Maps @slack/oauth's error codes to a reason shown on the failure page. */
export function installFailureOf(code: string | undefined, message: string | undefined): InstallFailure {
  if (code === "slack_oauth_installer_authorization_error" && /cancel/i.test(message ?? "")) return "cancelled";
  if (code === "slack_oauth_invalid_state") return "link_expired";
  if (code === "slack_oauth_missing_state" || code === "slack_oauth_missing_code") return "bad_link";
  return "slack_error";
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1d1c1d}
.button{display:inline-block;background:#2f6f4f;color:#fff;padding:.6rem 1.2rem;border-radius:6px;text-decoration:none;font-weight:600}
code{background:#f4f4f4;padding:0 .25rem;border-radius:3px}.small{color:#616061;font-size:.9rem}</style>
</head><body>
${body}
</body></html>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
