// Swedish first names and surnames, for telling a person's mailbox from a functional one.
// Source: @faker-js/faker's `sv` locale person data (maintained upstream; only that one
// locale module is loaded, ~12 kB). Folded forms are added because mailboxes are ASCII:
// "Åsa Åkesson" arrives as asa.akesson@ (or aasa.aakesson@).
import { faker } from "@faker-js/faker/locale/sv";

const person = faker.rawDefinitions.person;

function collect(lists: readonly (readonly string[] | undefined)[]): string[] {
  const out: string[] = [];
  for (const list of lists) if (list) out.push(...list);
  return out;
}

const rawFirstNames = collect([person?.first_name?.female, person?.first_name?.male, person?.first_name?.generic]);
const rawSurnames = collect([person?.last_name?.generic, person?.last_name?.female, person?.last_name?.male]);

/** Lower-case spellings of a name as it may appear in a mailbox or label. */
export function nameForms(name: string): string[] {
  const lower = name.toLowerCase().normalize("NFC");
  const folded = lower.replace(/[åä]/gu, "a").replace(/ö/gu, "o").normalize("NFD").replace(/\p{M}/gu, "");
  // Older mail systems wrote å→aa, ä→ae, ö→oe.
  const digraph = lower.replace(/å/gu, "aa").replace(/ä/gu, "ae").replace(/ö/gu, "oe").normalize("NFD").replace(/\p{M}/gu, "");
  return [...new Set([lower, folded, digraph])];
}

function formsOf(names: readonly string[]): Set<string> {
  const set = new Set<string>();
  for (const name of names) {
    for (const form of nameForms(name)) {
      set.add(form);
      // "Ann-Christin" may be written annchristin or ann.christin; the parts are names too.
      if (form.includes("-")) {
        set.add(form.replaceAll("-", ""));
        for (const part of form.split("-")) if (part.length > 1) set.add(part);
      }
    }
  }
  return set;
}

export const FIRST_NAMES: ReadonlySet<string> = formsOf(rawFirstNames);
export const SURNAMES: ReadonlySet<string> = formsOf(rawSurnames);

export function isFirstName(token: string): boolean {
  return FIRST_NAMES.has(token.toLowerCase());
}

export function isSurname(token: string): boolean {
  return SURNAMES.has(token.toLowerCase());
}

/** The list sizes, for the report and a test that the source did not shrink to nothing. */
export const NAME_LIST_SIZES = { firstNames: rawFirstNames.length, surnames: rawSurnames.length };
