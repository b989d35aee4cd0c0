import type { Db } from "../client.js";
import { prismaRunner, type SqlRunner } from "../sql.js";

export interface LanguageFacts {
  chosen: string | null;
  slackLocale: string | null;
  workspaceDefault: string | null;
}

/** What decides the language someone is talked to in (their choice, Slack locale, workspace default). */
export class LanguageRepository {
  constructor(
    private readonly db: Db,
    private readonly sql: SqlRunner = prismaRunner(db),
  ) {}

  async factsOf(teamId: string, userId: string | null): Promise<LanguageFacts> {
    const rows = await this.sql.query<LanguageFacts>(
      `SELECT m.language AS chosen, m."slackLocale", w."defaultLanguage" AS "workspaceDefault"
       FROM (SELECT $1::text AS team_id, $2::text AS user_id) k
       LEFT JOIN "Workspace" w ON w."teamId" = k.team_id
       LEFT JOIN "Member" m ON m."teamId" = k.team_id AND m."userId" = k.user_id`,
      [teamId, userId],
    );
    return rows[0] ?? { chosen: null, slackLocale: null, workspaceDefault: null };
  }

  async setWorkspaceDefault(teamId: string, language: string): Promise<void> {
    await this.db.workspace.update({ where: { teamId }, data: { defaultLanguage: language } });
  }
}
