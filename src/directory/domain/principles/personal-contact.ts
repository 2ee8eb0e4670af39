// Rule `personal-contact`: "Vi undviker kontaktuppgifter till enskilda personer."
// Questions must not go unanswered because one employee is ill, on holiday or has left,
// so a contact point must be functional: no mailbox named after a person, no label that is
// a person's name or title, and no mobile number unless confirmed (with a reason) as a
// functional phone.
//
// Precision matters as much as recall: a refused write for "forskola.norr@" would push
// editors to work around the directory. So a mailbox is personal only on positive evidence
// from the name lists (first name + surname, initial + surname, a first name alone, ...).
import { isFirstName, isSurname } from "../names.ts";
import { parsePhone } from "../phone.ts";
import type { ContactPoint, MobileConfirmation } from "../types.ts";
import { violation, type Violation } from "./violation.ts";

const RULE = "personal-contact";
const MIN_REASON_LENGTH = 10;

/**
 * Words that end a place or institution named after a person ("nils.ericsonskolan@",
 * "Astrid Lindgrens förskola"): after a first name they mean a function, not a person.
 */
const INSTITUTION_SUFFIXES = [
  "skolan", "skola", "gymnasiet", "forskolan", "förskolan", "forskola", "förskola", "biblioteket",
  "huset", "hallen", "garden", "gården", "parken", "torget", "vagen", "vägen", "boendet", "hemmet",
  "centret", "centrum", "kyrkan", "museet", "badet", "salen", "teatern", "stiftelsen", "fonden",
];

/** Titles that, next to a name, point at one person ("handläggare Anna", "rektor Svensson"). */
const TITLES = new Set([
  "handläggare", "handläggaren", "chef", "chefen", "enhetschef", "avdelningschef", "förvaltningschef",
  "verksamhetschef", "områdeschef", "kommundirektör", "direktör", "rektor", "förskolechef",
  "sekreterare", "socialsekreterare", "assistent", "administratör", "samordnare", "koordinator",
  "utredare", "inspektör", "miljöinspektör", "bygglovshandläggare", "biståndshandläggare", "ekonom",
  "controller", "strateg", "kommunikatör", "specialist", "konsult", "sjuksköterska", "kurator",
  "skolsköterska", "vaktmästare", "ingenjör", "arkitekt", "jurist", "registrator", "lärare",
  "fru", "herr", "dr", "dr.", "prof", "prof.", "phd", "phd.",
]);

export interface PersonalFinding {
  personal: boolean;
  /** Which pattern matched, for the message and the tests. */
  pattern?: "first-name" | "first-surname" | "surname-first" | "initial-surname" | "surname-initial" | "first-initial" | "first-first" | "first-unlisted" | "joined-name" | "title-name";
}

function isInitial(token: string): boolean {
  return /^\p{L}$/u.test(token);
}

function isInstitution(token: string): boolean {
  const lower = token.toLowerCase();
  return INSTITUTION_SUFFIXES.some((suffix) => lower.endsWith(suffix));
}

/** Classifies a mailbox local part (`anna.svensson`, `a.svensson`, `bygglov`). */
export function classifyLocalPart(localPart: string): PersonalFinding {
  // Plus-addressing and trailing digits do not change whose mailbox it is (anna.svensson2).
  const base = localPart.toLowerCase().split("+")[0]?.replace(/\d+$/u, "") ?? "";
  const tokens = base.split(/[._-]+/u).filter((t) => t !== "");
  if (tokens.length === 0 || tokens.some((t) => !/^\p{L}+$/u.test(t))) return { personal: false };
  if (tokens.length === 1) {
    const [only] = tokens as [string];
    if (isFirstName(only)) return { personal: true, pattern: "first-name" };
    if (isJoinedName(only)) return { personal: true, pattern: "joined-name" };
    return { personal: false };
  }
  for (let i = 0; i + 1 < tokens.length; i++) {
    const pattern = classifyPair(tokens[i] as string, tokens[i + 1] as string, i === 0, i + 2 === tokens.length);
    if (pattern) return { personal: true, pattern };
  }
  return { personal: false };
}

function classifyPair(a: string, b: string, atStart: boolean, atEnd: boolean): PersonalFinding["pattern"] | undefined {
  if (isFirstName(a) && isSurname(b)) return "first-surname";
  if (isSurname(a) && isFirstName(b)) return "surname-first";
  if (isInitial(a) && isSurname(b)) return "initial-surname";
  if (isSurname(a) && isInitial(b)) return "surname-initial";
  if (isFirstName(a) && isInitial(b)) return "first-initial";
  if (isFirstName(a) && isFirstName(b)) return "first-first";
  // "anna.xyzberg": a first name followed by a surname our list lacks. Only as the whole
  // local part, and not when the second word names an institution (nils.ericsonskolan).
  if (atStart && atEnd && isFirstName(a) && b.length >= 2 && !isInstitution(b)) return "first-unlisted";
  return undefined;
}

/** "annasvensson", "asvensson": a name written without a separator. */
function isJoinedName(token: string): boolean {
  for (let cut = 1; cut < token.length - 1; cut++) {
    const head = token.slice(0, cut);
    const tail = token.slice(cut);
    if ((cut === 1 || isFirstName(head)) && isSurname(tail) && tail.length >= 3) return true;
  }
  return false;
}

/** Classifies a display label ("Anna Svensson", "handläggare Anna", "Växel"). */
export function classifyLabel(label: string): PersonalFinding {
  const tokens = label.split(/[^\p{L}.-]+/u).filter((t) => t !== "" && t !== "-");
  if (tokens.length === 1 && isFirstName(tokens[0] as string)) return { personal: true, pattern: "first-name" };
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i] as string;
    const b = tokens[i + 1] as string;
    // Title + a known name only: "Registrator Kommunstyrelsen" is a function, not a person.
    if (TITLES.has(a.toLowerCase()) && (isFirstName(b) || isSurname(b))) return { personal: true, pattern: "title-name" };
    if (isFirstName(a) && isCapitalised(a) && isSurname(b)) return { personal: true, pattern: "first-surname" };
    if (isSurname(a) && isCapitalised(a) && isFirstName(b) && isCapitalised(b) && tokens.length === 2) return { personal: true, pattern: "surname-first" };
    if (isInitial(a.replace(/\.$/u, "")) && a.endsWith(".") && isSurname(b)) return { personal: true, pattern: "initial-surname" };
  }
  // "Anna Xyzberg": exactly two capitalised words, the first a first name.
  if (tokens.length === 2) {
    const [a, b] = tokens as [string, string];
    if (isFirstName(a) && isCapitalised(a) && isCapitalised(b) && !isInstitution(b)) return { personal: true, pattern: "first-unlisted" };
  }
  return { personal: false };
}

function isCapitalised(token: string): boolean {
  const first = token.charAt(0);
  return first !== first.toLowerCase() && first === first.toUpperCase();
}

/** A functional mobile needs a recorded reason (audited by the caller). */
export function hasValidMobileConfirmation(confirmation: MobileConfirmation | null | undefined): boolean {
  return typeof confirmation?.reason === "string" && confirmation.reason.trim().length >= MIN_REASON_LENGTH;
}

export function checkPersonalContact(cp: ContactPoint): Violation[] {
  const out: Violation[] = [];
  if (typeof cp.label === "string" && cp.label.length <= 200 && classifyLabel(cp.label).personal) {
    out.push(violation(RULE, "label",
      "Etiketten ser ut som en persons namn eller titel. Använd en funktion, t.ex. ”Bygglov” eller ”Kontaktcenter”.",
      "The label looks like a person's name or title. Use a function, e.g. \"Building permits\" or \"Contact center\"."));
  }
  if (cp.kind === "email" && typeof cp.address === "string" && cp.address.length <= 254) {
    const at = cp.address.lastIndexOf("@");
    const local = at > 0 ? cp.address.slice(0, at) : "";
    if (local !== "" && classifyLocalPart(local).personal) {
      out.push(violation(RULE, "address",
        "Adressen ser ut att tillhöra en person. Använd en funktionsbrevlåda (t.ex. bygglov@…) eller förvaltningens brevlåda.",
        "The address looks like a person's mailbox. Use a functional mailbox (e.g. permits@…) or the unit mailbox."));
    }
  }
  if (cp.kind === "phone" && typeof cp.number === "string") {
    const parsed = parsePhone(cp.number);
    if (parsed.ok && parsed.phone.isMobile && parsed.phone.countryCallingCode === "46" && !hasValidMobileConfirmation(cp.mobileConfirmed)) {
      out.push(violation(RULE, "mobileConfirmed",
        `Mobilnummer godtas bara som bekräftad funktionstelefon. Ange varför numret är en funktionstelefon (minst ${MIN_REASON_LENGTH} tecken).`,
        `A mobile number is accepted only as a confirmed functional phone. State why it is a functional phone (at least ${MIN_REASON_LENGTH} characters).`));
    }
  }
  return out;
}
