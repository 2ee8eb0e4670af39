// Reply suggestions: when a comment asks a question ("vart vänder jag mig för
// bygglov?"), find the service or unit in the directory (Swedish stemmed
// search, each content word on its own) and the function that gives the best
// service by the directory's own routing (unit → fallbacks → parents →
// contact center), and draft a reply with its contact card. The moderator
// edits it before sending; the sent reply is a decision event (public record).
import { loadSnapshot, searchDirectory } from "../../directory/index.ts";
import { resolveReachableContact } from "../../directory/domain/index.ts";
import type { Queryable } from "../../platform/db/pool.ts";

const QUESTION_START = /^(vart|var|hur|vem|vilka|vilken|vilket|när|varför|kan jag|kan man|får jag|får man|finns det|behöver jag|måste jag)(?![\p{L}\p{N}])/iu; // å/ä/ö are letters: no \b
const STOP = new Set(["vart", "vänder", "mig", "jag", "för", "till", "från", "med", "som", "det", "den", "och", "att", "man", "kan", "hur", "när", "var", "vem",
  "har", "ska", "får", "finns", "någon", "något", "behöver", "måste", "om", "på", "av", "en", "ett", "är", "vilken", "vilket", "vilka", "hej", "tack", "undrar", "fråga"]);

export function isQuestion(text: string): boolean {
  const t = text.trim();
  return t.includes("?") || QUESTION_START.test(t);
}

export interface ReplySuggestion {
  matched: { id: string; kind: string; title: string };
  unitName: string;
  phone: string | null;
  email: string | null;
  text: string;
}

export async function suggestReply(db: Queryable, orgId: string, text: string, lang: "sv" | "en" = "sv"): Promise<ReplySuggestion | null> {
  if (!isQuestion(text)) return null;
  const words = [...new Set((text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length >= 4 && !STOP.has(w)))].slice(0, 8);
  let best: { id: string; kind: string; title: string; rank: number } | null = null;
  for (const w of words) {
    for (const h of await searchDirectory(db, orgId, w, 3)) {
      // A service names what the resident wants done; prefer it over a unit at equal rank.
      const rank = h.rank + (h.kind === "service" ? 0.01 : 0);
      if (h.kind !== "external_actor" && (!best || rank > best.rank)) best = { id: h.id, kind: h.kind, title: h.title, rank };
    }
  }
  if (!best) return null;
  const snapshot = await loadSnapshot(db, orgId, { mode: "live" });
  const target = best.kind === "service" ? snapshot.services.find((s) => s.id === best.id) : snapshot.units.find((u) => u.id === best.id);
  if (!target) return null;
  const contact = resolveReachableContact(target, snapshot).contact;
  if (!contact) return null;
  const phone = contact.phone ? (contact.phone.display ?? contact.phone.number) : null;
  const email = contact.email?.address ?? null;
  const how = [phone, email].filter(Boolean).join(lang === "en" ? " or " : " eller ");
  const reply = lang === "en"
    ? `Hi! Questions about ${best.title} are answered by ${contact.unitName}: ${how}. Kind regards, ${snapshot.org.name}`
    : `Hej! Frågor om ${best.title.toLowerCase()} besvaras av ${contact.unitName}: ${how}. Vänliga hälsningar, ${snapshot.org.name}`;
  return { matched: { id: best.id, kind: best.kind, title: best.title }, unitName: contact.unitName, phone, email, text: reply };
}
