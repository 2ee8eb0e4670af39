// profanity: swearing and obscene words, Swedish and English, obfuscated or
// not (the normaliser has already undone j@vla, f-n, j ä v l a, fiiitta).
// A quoted word in a complaint about it is a mention, not use.
import type { Candidate } from "../context.ts";
import type { Phase } from "./shared.ts";
import { hitCandidate, isMention, longestPerToken, severityConfidence, wordsAfter, wordsBefore } from "./shared.ts";

// "a big fan of", "fan club": the English noun, not the Swedish curse.
// Swedish borrows it too: "en stor fan av biblioteket".
const EN_FAN_BEFORE = new Set(["a", "big", "huge", "the", "biggest", "great", "true", "my", "your", "his", "her", "no", "stor", "största", "ett", "ingen", "sann", "trogen"]);
const EN_FAN_AFTER = new Set(["of", "club", "base", "page", "art", "fiction", "favourite", "favorite", "service", "av", "till"]);

export const profanityPhase: Phase = {
  id: "profanity",
  version: "1.0.0",
  category: "profanity",
  run(ctx) {
    const out: Candidate[] = [];
    for (const h of longestPerToken(ctx.hitsOf("profanity"))) {
      if (h.entry.id === "profanity.fan" && h.how === "word") {
        const b = wordsBefore(ctx, h.tok, 1)[0];
        const a = wordsAfter(ctx, h.tok, 1)[0];
        if ((b && EN_FAN_BEFORE.has(b)) || (a && EN_FAN_AFTER.has(a))) continue;
      }
      if (isMention(ctx, h.s, h.e)) continue;
      const c = hitCandidate(ctx, h, h.entry.id, severityConfidence(h.entry.severity));
      if (ctx.inUrl(c.start, c.end)) continue;
      out.push(c);
    }
    return out;
  },
};
