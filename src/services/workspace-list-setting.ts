import { isInvalid, type Invalid } from "../domain/problem.js";
import type { Logger } from "../logger.js";
import type { ManagerService } from "./manager-service.js";

/** What a person asked of a workspace list setting: look, a change (`C`), or words we did not understand. */
export type ListSettingRequest<C> = { kind: "show" } | Invalid | C;

/** What the person is shown; `V` is the setting as its view needs it. */
export type ListSettingResult<V> =
  | ({ kind: "current"; canChange: boolean } & V)
  | ({ kind: "changed" } & V)
  | { kind: "not_allowed" }
  | Invalid;

/** One workspace list setting: how its words parse, where it is stored and how a change applies. */
export interface ListSettingSpec<C extends { kind: string }, S, V> {
  /** Named in the log line of a change. */
  name: string;
  parse(text: string): ListSettingRequest<C>;
  read(teamId: string): Promise<S>;
  write(teamId: string, value: S): Promise<void>;
  /** The stored value after the change. */
  apply(current: S, change: C): S;
  /** The stored value as the person sees it. */
  describe(value: S): V;
}

/**
 * A workspace-wide list `/stretch <setting> …` shows and changes (completion reactions, quiet
 * statuses): anyone may look; only managers (admins, owners and people given the role) may change
 * it. Readers take the stored list on each use, so a change applies at once.
 */
export class WorkspaceListSetting<C extends { kind: string }, S, V> {
  constructor(
    private readonly spec: ListSettingSpec<C, S, V>,
    private readonly managers: Pick<ManagerService, "isManager">,
    private readonly log: Logger,
  ) {}

  async handle(teamId: string, userId: string, text: string): Promise<ListSettingResult<V>> {
    const request = this.spec.parse(text);
    if (isInvalid(request)) return request;
    if (request.kind === "show") {
      return { kind: "current", ...this.spec.describe(await this.spec.read(teamId)), canChange: await this.managers.isManager(teamId, userId) };
    }
    if (!(await this.managers.isManager(teamId, userId))) return { kind: "not_allowed" };
    const next = this.spec.apply(await this.spec.read(teamId), request as C);
    await this.spec.write(teamId, next);
    this.log.info({ teamId, userId, setting: this.spec.name, change: request.kind }, "workspace setting changed");
    return { kind: "changed", ...this.spec.describe(next) };
  }
}
