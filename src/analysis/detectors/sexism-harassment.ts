// sexism_harassment: gendered slurs aimed at a person ("din hora",
// "fittkärring"), derogation of women as a group, sexual harassment and
// stalking. Reported harassment ("han kallade mig hora") is a mention.
import type { Candidate } from "../context.ts";
import type { Phase } from "./shared.ts";
import { hitCandidate, isMention, longestPerToken, personFrame, phraseCandidates } from "./shared.ts";

export const sexismHarassmentPhase: Phase = {
  id: "sexism_harassment",
  version: "1.0.0",
  category: "sexism_harassment",
  run(ctx) {
    const out: Candidate[] = [];
    const slurs = ctx.hits.filter((h) => h.entry.kind === "sexism_harassment" && h.entry.tags.includes("misogyny"));
    // A compound with a misogynist part ("fitt|kärring", "hor|bock") is a slur in itself (how !== "word").
    for (const h of longestPerToken(slurs)) {
      if (isMention(ctx, h.s, h.e)) continue;
      const f = personFrame(ctx, h.tok);
      if (f.self) continue;
      const strong = h.entry.severity >= 3 || h.how !== "word";
      const conf = f.strength === 2 ? (strong ? 0.9 : 0.8) : f.strength === 1 ? (strong ? 0.85 : 0.7) : strong ? 0.65 : 0.5;
      out.push(hitCandidate(ctx, h, h.entry.id, conf));
    }
    // "feministfittor", "svennefitta": a compound ending in the vulgar word for a woman is a misogynist slur.
    for (const h of ctx.hits) {
      if (h.entry.id !== "profanity.fitta" || h.how !== "head" || isMention(ctx, h.s, h.e)) continue;
      out.push(hitCandidate(ctx, h, "sexism_harassment.slur-compound", 0.85));
    }
    out.push(...phraseCandidates(ctx, "sexism_harassment"));
    return out;
  },
};
