import type { DndStatus } from "../domain/availability.js";
import type { EngineServices } from "../engine/index.js";
import type { Inbox } from "./inbox.js";
import type { InstallationService, InstallScope } from "./installation-service.js";

/** Payloads of the lifecycle and membership events kept by the inbox (plain JSON: they may sit in Redis). */
export interface LifecyclePayloads {
  member_joined: { teamId: string; channelId: string; userId: string };
  member_left: { teamId: string; channelId: string; userId: string };
  channel_gone: { teamId: string; channelId: string; reason: "channel_archived" | "channel_deleted" };
  /** eventAt: the event's time (ms), so an older status event never undoes a newer one. */
  user_change: { teamId: string; user: Record<string, unknown>; eventAt?: number };
  user_status: { teamId: string; user: Record<string, unknown>; eventAt: number };
  dnd_updated: { teamId: string; userId: string; status: DndStatus };
  /** Org-wide installs: the enterprise id and orgWide (authorizations[].is_enterprise_install). */
  app_uninstalled: InstallScope;
  tokens_revoked: InstallScope & { botTokens: string[] };
}

/**
 * One handler per lifecycle event kind. Listeners call `inbox.run(kind, payload)`: the handler
 * runs at once, and if Postgres fails the event is kept and run again later (each handler is
 * idempotent: running it twice leaves the same rows).
 */
export function registerLifecycleHandlers(inbox: Inbox, s: { engine: EngineServices; installations: InstallationService }): void {
  const on = <K extends keyof LifecyclePayloads>(kind: K, handler: (p: LifecyclePayloads[K]) => Promise<unknown>) =>
    inbox.register<LifecyclePayloads[K]>(kind, async (p) => {
      await handler(p);
    });
  on("member_joined", (p) => s.engine.membership.joined(p.teamId, p.channelId, p.userId));
  on("member_left", (p) => s.engine.membership.left(p.teamId, p.channelId, p.userId));
  on("channel_gone", (p) => s.engine.membership.channelGone(p.teamId, p.channelId, p.reason));
  on("user_change", async (p) => {
    if (p.eventAt !== undefined) await s.engine.quietStatuses.changed(p.teamId, p.user, new Date(p.eventAt));
    await s.engine.membership.userChanged(p.teamId, p.user);
  });
  on("user_status", (p) => s.engine.quietStatuses.changed(p.teamId, p.user, new Date(p.eventAt)));
  on("dnd_updated", (p) => s.engine.dnd.changed(p.teamId, p.userId, p.status));
  on("app_uninstalled", (p) => s.installations.uninstalled(p, "app_uninstalled"));
  on("tokens_revoked", (p) => s.installations.tokensRevoked(p, p.botTokens));
}
