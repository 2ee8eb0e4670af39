// insult: personal attacks and defamation. An abusive word counts when it is
// aimed at a person ("du är en idiot", "ditt pucko", "idiotpolitiker",
// "Idiot!"); criticism of officials in their role and of decisions is not an
// insult (RF 1:9): "idiotiskt beslut" and "inkompetent nämnd" do not match.
import type { Candidate } from "../context.ts";
import type { LexHit } from "../text/matcher.ts";
import type { Phase } from "./shared.ts";
import { hitCandidate, isMention, longestPerToken, personFrame, phraseCandidates, wordsAfter } from "./shared.ts";

// Nouns that make an abusive adjective criticism of a thing, not a person.
const THING = /^(?:beslut|förslag|idé|ide|politik|plan|regel|regler|system|budget|lösning|upphandling|bygge|projekt|utredning|svar|argument|inlägg|kommentar|artikel|sida|hemsida|app|skylt|väg|gata|trafik|parkering|prioritering|satsning|nedläggning|ombyggnad)/u;

function confidenceFor(ctx: Parameters<Phase["run"]>[0], h: LexHit): number {
  const tags = h.entry.tags;
  if (h.how === "modifier" && h.entry.kind === "insult") return 0.85; // idiotpolitiker, pajaskommun
  if (h.how === "head" && h.entry.kind === "insult") return 0.8; // byfåne-style compounds
  const f = personFrame(ctx, h.tok);
  if (f.self) return 0;
  if (tags.includes("adj")) {
    const next = wordsAfter(ctx, h.tok, 1)[0] ?? "";
    if (THING.test(next)) return 0;
    return f.strength === 2 ? 0.8 : f.strength === 1 ? 0.6 : 0;
  }
  if (tags.includes("framed") || h.entry.kind !== "insult") {
    return f.strength === 2 ? 0.85 : f.strength === 1 ? 0.65 : 0;
  }
  return f.strength === 2 ? 0.9 : f.strength === 1 ? 0.8 : 0.6;
}

export const insultPhase: Phase = {
  id: "insult",
  version: "1.0.0",
  category: "insult",
  run(ctx) {
    const out: Candidate[] = [];
    const personWords = ctx.hits.filter(
      (h) => h.entry.kind === "insult" || (h.entry.tags.includes("person") && h.entry.kind !== "hate"),
    );
    for (const h of longestPerToken(personWords)) {
      const conf = confidenceFor(ctx, h);
      if (conf <= 0) continue;
      if (isMention(ctx, h.s, h.e)) continue;
      out.push(hitCandidate(ctx, h, h.entry.kind === "insult" ? h.entry.id : `insult.person-${h.entry.id.split(".")[1]}`, conf));
    }
    out.push(...phraseCandidates(ctx, "insult"));
    return out;
  },
};
