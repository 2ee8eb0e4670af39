export { recordAuditEvent, SYSTEM_ACTOR, type Actor, type AuditEventInput } from "./record-audit-event.ts";
export { verifyAuditChain, type ChainReport, type ChainBreak } from "./verify-audit-chain.ts";
export { listAuditEvents, type AuditFilter, type AuditEventView } from "./list-audit-events.ts";
