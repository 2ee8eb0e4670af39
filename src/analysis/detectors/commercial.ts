// commercial: advertising, selling, promo codes, self-promotion, get-rich,
// loan and gambling scams. A price alone is not an ad: residents complain
// about prices all the time ("bussbiljetten kostar 30 kr, för dyrt!").
import type { Candidate } from "../context.ts";
import type { Phase } from "./shared.ts";
import { phraseCandidates } from "./shared.ts";

// Sales words that turn a link to an unknown shop into an ad.
const SALES_CUE = /(?<![\p{L}])(?:köp|köper|beställ|rabatt|erbjudande|rea|shop|butik|webbshop|billig|billigt|pris|priser|%|gratis frakt|kampanj|säljer|säljes|bonus|tjäna|investera)(?![\p{L}])/u;

export const commercialPhase: Phase = {
  id: "commercial",
  version: "1.0.0",
  category: "commercial",
  run(ctx) {
    const out: Candidate[] = phraseCandidates(ctx, "commercial");
    if (out.length === 0) {
      const d = ctx.lex.domains;
      const links = ctx.urls().filter((u) => !ctx.org.domains.has(u.domain) && !d.publicBodies.has(u.domain) && !d.partySites.has(u.domain));
      if (links.length && SALES_CUE.test(ctx.norm.text)) {
        const u = links[0]!;
        out.push({ ruleId: "commercial.link-with-sales-cue", start: u.start, end: u.end, confidence: d.shorteners.has(u.domain) ? 0.8 : 0.7 });
      }
    }
    return out;
  },
};
