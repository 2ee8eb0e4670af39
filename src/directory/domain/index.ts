// Public surface of the directory's pure domain core. Persistence, routes and pages import
// from here only. Nothing here does I/O; everything that depends on "now" takes it.

export * from "./types.ts";

// Principles (enforced on every write: UI, API, import)
export type { RuleId, Violation } from "./principles/violation.ts";
export { checkContactPoint, checkUnit, checkService, checkExternalActor, normalizeContactPoint } from "./principles/check.ts";
export type { ContactPointContext } from "./principles/check.ts";
export { resolveReachableContact } from "./principles/no-reachable-contact.ts";
export type { Resolution, ReachableContact, RouteStep, RouteRole } from "./principles/no-reachable-contact.ts";
export { classifyLocalPart, classifyLabel, hasValidMobileConfirmation } from "./principles/personal-contact.ts";
export { isOwnNumber } from "./principles/external-contact.ts";
export { parseEmail } from "./principles/invalid-email.ts";
export { normalizePostcode } from "./principles/invalid-address.ts";
export { parsePhone } from "./phone.ts";
export type { ParsedPhone } from "./phone.ts";
export { isWithinDomains, registrableDomain } from "./hostnames.ts";

// Opening hours (one model → every output)
export { checkOpeningHours } from "./opening-hours/validate.ts";
export { buildCalendar, suggestBridgeDays } from "./opening-hours/calendar.ts";
export type { CalendarDay } from "./opening-hours/calendar.ts";
export { resolveOpeningHours, toOsmOpeningHours, compileOpeningHours } from "./opening-hours/compile.ts";
export { isOpen, nextDays, hoursOn } from "./opening-hours/evaluate.ts";
export type { OpenState, DayHours } from "./opening-hours/evaluate.ts";
export { toSchemaOrg } from "./opening-hours/schema-org.ts";
export type { OpeningHoursSpecification } from "./opening-hours/schema-org.ts";
export { summarizeWeek, describeHours } from "./opening-hours/summary.ts";

// HSDS 3.0
export { toHsdsDocument, toHsdsOrganization, toHsdsRootOrganization, toHsdsService, hsdsPage, defaultExportWindow } from "./hsds/export.ts";
export type { ExportWindow, ServiceExportOptions } from "./hsds/export.ts";
export { fromHsdsDocument } from "./hsds/import.ts";
export type { HsdsImport, ImportViolation } from "./hsds/import.ts";
export type { HsdsDocument, HsdsOrganization, HsdsService, HsdsPage, HsdsPhone, HsdsSchedule, HsdsLocation } from "./hsds/types.ts";

// Presentation formats and history
export { toJsonLd, jsonLdScriptContent } from "./jsonld.ts";
export { unitToVCard, contactPointToVCard } from "./vcard.ts";
export { diffEntities, fieldLabelSv } from "./diff.ts";
export type { FieldChange } from "./diff.ts";
export { reviewDueAt, reviewState, reviewQueue } from "./review.ts";
export type { ReviewState, ReviewItem } from "./review.ts";
export { indexSnapshot } from "./snapshot.ts";
export { demoSnapshot, DEMO_ORG, DEMO_IDS, CONTACT_CENTER_HOURS } from "./demo.ts";
