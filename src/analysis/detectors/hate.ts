// hate: hets mot folkgrupp (BBS law §5). Slurs (also inside compounds:
// "svennejävlar", "invandrarpack"), and derogation, dehumanisation or calls
// for exclusion/violence against a group. A neutral mention of a group
// ("hur många flyktingar tar kommunen emot?") is not a hit; neither is
// counter-speech ("att kalla folk för blattar är rasism").
import type { Candidate } from "../context.ts";
import type { Phase } from "./shared.ts";
import { hitCandidate, isMention, longestPerToken, phraseCandidates, severityConfidence } from "./shared.ts";

export const hatePhase: Phase = {
  id: "hate",
  version: "1.0.0",
  category: "hate",
  run(ctx) {
    const out: Candidate[] = [];
    for (const h of longestPerToken(ctx.hitsOf("hate"))) {
      if (isMention(ctx, h.s, h.e)) continue;
      out.push(hitCandidate(ctx, h, h.entry.id, severityConfidence(h.entry.severity)));
    }
    // Group word + curse word in one compound: "svenne|jävlar", "muslim|svin", "invandrar|pack".
    const groups = ctx.hitsOf("group").filter((h) => h.ms === 0 && (h.how === "modifier" || h.how === "word"));
    if (groups.length) {
      const curses = ctx.hits.filter((h) => h.how === "head" && (h.entry.kind === "curse" || h.entry.tags.includes("curse")));
      for (const g of groups) {
        const c = curses.find((x) => x.tok === g.tok && x.ms >= g.me - 1);
        if (!c || isMention(ctx, g.s, g.e)) continue;
        if (out.some((o) => o.start === ctx.span(g.s, g.e).start)) continue;
        out.push(hitCandidate(ctx, g, "hate.group-compound", 0.9));
      }
    }
    out.push(...phraseCandidates(ctx, "hate"));
    return out;
  },
};
