// One violation shape for every principle: stable rule id, the field it concerns, and a
// message in Swedish first with English alongside (the error catalogue shows both).

export type RuleId =
  | "personal-contact"
  | "external-contact"
  | "no-reachable-contact"
  | "invalid-phone"
  | "invalid-email"
  | "invalid-address"
  /** Malformed names, labels and descriptions (control characters, markup, too long). */
  | "invalid-text"
  | "invalid-url"
  | "invalid-opening-hours"
  /** A reference to a unit or actor that does not exist, or a unit tree with a cycle. */
  | "invalid-structure";

export interface Violation {
  ruleId: RuleId;
  /** The field concerned, dotted (`address`, `openingHours.weekly.mo[0]`). */
  path: string;
  message_sv: string;
  message_en: string;
}

export function violation(ruleId: RuleId, path: string, message_sv: string, message_en: string): Violation {
  return { ruleId, path, message_sv, message_en };
}

/** Prefix every path, for checks nested inside a bigger entity. */
export function underPath(prefix: string, violations: Violation[]): Violation[] {
  return violations.map((v) => ({ ...v, path: v.path ? `${prefix}.${v.path}` : prefix }));
}
