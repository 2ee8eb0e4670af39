// Public surface of the moderation module: the queue, decisions (append-only
// events with rule and legal basis), the criticism guard, strikes and bans,
// appeals, police reports and supervision.
export { moderationRoutes, type ModerationRoutesOptions } from "./routes.ts";
export { presentEntry } from "./presenter.ts";
export { createModerationRuntime, type ModerationRuntime } from "./runtime.ts";
export { recordDecision, type DecisionInput, type DecisionOutcome } from "./use-cases/record-decision.ts";
export { listQueue, type QueueEntry, type QueueFilter } from "./use-cases/list-queue.ts";
export { applyAutomaticActions } from "./use-cases/apply-automatic-actions.ts";
export { readCriticism } from "./domain/criticism.ts";
export { deriveState, queueView, type ItemState, type QueueView } from "./domain/state.ts";
export { DECISION_KINDS, type DecisionKind } from "./domain/rules.ts";
