import type { InstallScope } from "../../../services/installation-service.js";

/**
 * Which installation an app_uninstalled / tokens_revoked event is about. Org-wide installs say so
 * in `authorizations[].is_enterprise_install` (and in `is_enterprise_install` on newer payloads).
 */
export function installScopeOf(body: unknown, context: { teamId?: string | undefined; enterpriseId?: string | undefined }): InstallScope {
  const b = body as { team_id?: string; enterprise_id?: string; is_enterprise_install?: boolean; authorizations?: Array<{ is_enterprise_install?: boolean; enterprise_id?: string | null; team_id?: string | null }> };
  const auth = b.authorizations?.[0];
  const orgWide = b.is_enterprise_install === true || auth?.is_enterprise_install === true;
  return {
    teamId: b.team_id || auth?.team_id || context.teamId,
    enterpriseId: b.enterprise_id || auth?.enterprise_id || context.enterpriseId,
    orgWide,
  };
}
