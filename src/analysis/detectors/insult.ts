// insult: personal attacks and defamation. An abusive word counts when it is
// aimed at a person ("du är en idiot", "ditt pucko", "idiotpolitiker",
// "Idiot!"); criticism of officials in their role and of decisions is not an
// insult (RF 1:9): "idiotiskt beslut" and "inkompetent nämnd" do not match.
// Accusing an identifiable person of a crime ("Erik Nord snor pengar",
// "hon har suttit inne för …") is defamation and also an insult.
import type { AnalysisContext, Candidate } from "../context.ts";
import type { LexHit } from "../text/matcher.ts";
import type { Phase } from "./shared.ts";
import { hitCandidate, isMention, longestPerToken, personFrame, phraseCandidates, wordsAfter } from "./shared.ts";
import { identifiedSensitive, namedSubjectBefore } from "./personal-data.ts";

// Nouns that make an abusive adjective criticism of a thing, not a person.
const THING = /^(?:beslut|förslag|idé|ide|politik|plan|regel|regler|system|budget|lösning|upphandling|bygge|projekt|utredning|svar|argument|inlägg|kommentar|artikel|sida|hemsida|app|skylt|väg|gata|trafik|parkering|prioritering|satsning|nedläggning|ombyggnad|hantering|ledning|styre|nämnd)/u;
// Abstract and built things by their suffix ("idiotisk placering", "korkad omläggning", "värdelös
// cykelbana"); -ling is left out because it makes persons (usling, odugling).
const THING_SUFFIX = /(?<!l)(?:ning|ing|else|het|tion|sion|ism|skap|eri|avgift|taxa|bana|plats|skylt|väg|gata|bro|lösning)(?:en|ar|arna|er|erna|na|et|n|)$/u;
// Words after "skit" that leave it a noun for a person ("din skit som…", "skit du är").
const ATTRIBUTIVE_STOP = new Set(["som", "och", "du", "ni", "där", "här", "alltså", "ju", "va", "eller", "jag", "han", "hon"]);
// Plural animal/vermin words about "them" are group derogation (hate), not a personal insult.
const PLURAL_DEHUM = /(?:er|ar|or|en|na)$/u;

function confidenceFor(ctx: AnalysisContext, h: LexHit): number {
  const tags = h.entry.tags;
  if (h.how === "modifier" && h.entry.kind === "insult") return 0.85; // idiotpolitiker, pajaskommun
  if (h.how === "head" && h.entry.kind === "insult") return 0.8; // byidiot
  const f = personFrame(ctx, h.tok);
  if (f.self) return 0;
  if (tags.includes("adj")) {
    const next = wordsAfter(ctx, h.tok, 1)[0] ?? "";
    if (THING.test(next) || THING_SUFFIX.test(next)) return 0;
    // "värdelösa på att planera trafiken": a verdict on someone's work is criticism (RF 1:9).
    if (tags.includes("weak")) return f.strength === 2 && !/^(?:på|i|som|när|med|att)$/u.test(next) ? 0.7 : 0;
    return f.strength === 2 ? 0.8 : f.strength === 1 ? 0.6 : 0;
  }
  // Obscene words used as nouns for a person count only when addressed ("din fitta"), never in the plural ("kukar och fittor").
  // Gendered slurs (hora, slampa) also when said of a person ("hon är en hora").
  const minStrength = h.entry.kind === "sexism_harassment" ? 1 : 2;
  if (h.entry.kind !== "insult" && (f.strength < minStrength || /(?:ar|or|er|arna|orna|erna)$/u.test(ctx.tokens.words[h.tok]!))) return 0;
  if (tags.includes("framed") || h.entry.kind !== "insult") {
    if (f.strength === 1 && h.entry.id === "insult.framed-animal" && PLURAL_DEHUM.test(ctx.tokens.words[h.tok]!)) return 0;
    return f.strength === 2 ? 0.85 : f.strength === 1 ? 0.65 : 0;
  }
  // A bare abusive noun without any frame is weak evidence ("typiskt idioter som…").
  return f.strength === 2 ? 0.9 : f.strength === 1 ? 0.8 : 0.45;
}

export const insultPhase: Phase = {
  id: "insult",
  version: "1.1.0",
  category: "insult",
  run(ctx) {
    const out: Candidate[] = [];
    const personWords = ctx.hits.filter(
      (h) => h.entry.kind === "insult" || (h.entry.tags.includes("person") && h.entry.kind !== "hate"),
    );
    // Words inside a hate phrase ("alla i X är djur") derogate a group: that is hate, not a personal insult.
    const hateSpans = ctx.phrases("hate").map((m) => [m.s, m.e] as const);
    for (const h of longestPerToken(personWords)) {
      if (hateSpans.some(([s, e]) => h.s >= s && h.e <= e)) continue;
      // "jävla skit vägar": a mild word before a noun qualifies the noun, it names nobody.
      if (h.entry.tags.includes("mild") || ctx.tokens.words[h.tok] === "skit") {
        const next = wordsAfter(ctx, h.tok, 1)[0];
        if (next && !ATTRIBUTIVE_STOP.has(next)) continue;
      }
      const conf = confidenceFor(ctx, h);
      if (conf <= 0) continue;
      if (isMention(ctx, h.s, h.e)) continue;
      out.push(hitCandidate(ctx, h, h.entry.kind === "insult" ? h.entry.id : `insult.person-${h.entry.id.split(".")[1]}`, conf));
    }
    // Crime accusations need a named or pointed-out subject before the verb.
    for (const m of ctx.phrases("insult")) {
      if (!m.rule.tags.includes("needs-named-subject")) continue;
      if (!namedSubjectBefore(ctx, m.s)) continue;
      const { start, end } = ctx.span(m.s, m.e);
      out.push({ ruleId: m.rule.id, start, end, confidence: m.rule.conf });
    }
    out.push(...phraseCandidates(ctx, "insult", { filter: (m) => !m.rule.tags.includes("needs-named-subject") }));
    // Telling that an identified person has a criminal record is defamation.
    for (const c of identifiedSensitive(ctx)) {
      if (c.ruleId === "personal_data.criminal-record") out.push({ ruleId: "insult.defame-record", start: c.start, end: c.end, confidence: 0.7 });
    }
    return out;
  },
};
