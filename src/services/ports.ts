/**
 * Seams between use-cases and the job engine. The engine defines them (src/engine/ports.ts) and
 * implements them; services depend on these interfaces only, src/services/index.ts wires them:
 * schedules never import BullMQ.
 */
export type { PostNowResult, PromptDispatch, ScheduleSync } from "../engine/ports.js";
