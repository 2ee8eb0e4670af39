// The page rules a decision may cite (DOMAIN.md: the 13 rules with their legal
// basis). A removal on `bbs-5` is the law's duty (BBS-lagen §5); on
// `page-rule` it is only the city's published rule — which is exactly where
// RF 1:9 requires care with criticism (see criticism-guard.ts).
import { CATEGORY_IDS, type CategoryId, type LegalBasis } from "../../analysis/index.ts";

export const DECISION_KINDS = ["keep", "hide", "unhide", "delete", "reply", "escalate", "report_police", "warn", "ban", "confirm", "decline", "undo"] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/** Decisions a moderator makes on the item's content (close its review). */
export const REVIEW_KINDS: ReadonlySet<DecisionKind> = new Set(["keep", "hide", "unhide", "delete", "report_police", "confirm", "decline"]);

/** Rules whose breach can be a crime the BBS law obliges us to remove (§5); the others are page-rule only. */
export const BBS5_RULES: ReadonlySet<CategoryId> = new Set(["personal_data", "threat", "hate", "violence_porn", "crime_incitement", "copyright"]);

/** Rules for which a police report is offered (threats, hets mot folkgrupp, other crimes). */
export const POLICE_RULES: ReadonlySet<CategoryId> = new Set(["threat", "hate", "violence_porn", "crime_incitement", "personal_data"]);

export const RULE_LABELS: Record<CategoryId, { sv: string; en: string }> = {
  personal_data: { sv: "Känsliga personuppgifter som kränker någons integritet", en: "Sensitive personal data violating someone's privacy" },
  threat: { sv: "Hot", en: "Threats" },
  insult: { sv: "Förtal, personangrepp och förolämpningar", en: "Defamation, personal attacks, insults" },
  hate: { sv: "Hets mot folkgrupp", en: "Agitation against a population group" },
  sexism_harassment: { sv: "Sexistiska kommentarer och andra trakasserier", en: "Sexist remarks and other harassment" },
  violence_porn: { sv: "Olagliga våldsskildringar, pornografi", en: "Illegal depictions of violence, pornography" },
  crime_incitement: { sv: "Uppmaning till brott", en: "Incitement to crime" },
  copyright: { sv: "Otillåten användning av upphovsrättsskyddat material", en: "Unlawful use of copyrighted material" },
  profanity: { sv: "Svordomar och obscena ord", en: "Swearing and obscene words" },
  commercial: { sv: "Kommersiella budskap och reklam", en: "Commercial messages and advertising" },
  party_political: { sv: "Partipolitiska budskap", en: "Party-political messages" },
  spam: { sv: "Upprepade inlägg och spam", en: "Repetitive posts and spam" },
  misleading: { sv: "Vilseledande information", en: "Misleading information" },
};

export function isRuleId(s: string): s is CategoryId {
  return (CATEGORY_IDS as readonly string[]).includes(s);
}

/** A rule that is not a §5 crime cannot be cited with the §5 basis. */
export function legalBasisAllowed(rule: CategoryId, basis: LegalBasis): boolean {
  return basis === "page-rule" || BBS5_RULES.has(rule);
}

export const SEVERITY: Record<string, number> = { none: 0, review: 1, hide: 2, hide_escalate: 3 };

/** The finding a decision cites by default: §5 findings first, then the most confident. */
export function strongestFinding<F extends { legalBasis: string; confidence: number }>(findings: readonly F[]): F | undefined {
  return [...findings].sort((a, b) => (a.legalBasis === b.legalBasis ? b.confidence - a.confidence : a.legalBasis === "bbs-5" ? -1 : 1))[0];
}
