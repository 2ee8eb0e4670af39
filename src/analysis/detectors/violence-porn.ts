// violence_porn: links to porn and gore sites, porn lures, shared depictions
// of killings, and child sexual abuse material (barnpornografibrott, BBS §5).
// Pornography as a topic ("porrfilter på skolans datorer") is not a hit.
import type { Candidate } from "../context.ts";
import type { Phase } from "./shared.ts";
import { phraseCandidates } from "./shared.ts";

export const violencePornPhase: Phase = {
  id: "violence_porn",
  version: "1.0.0",
  category: "violence_porn",
  run(ctx) {
    const out: Candidate[] = [];
    const d = ctx.lex.domains;
    for (const u of ctx.urls()) {
      if (u.email) continue;
      if (d.gore.has(u.domain)) out.push({ ruleId: "violence_porn.gore-link", start: u.start, end: u.end, confidence: 0.9, legalBasis: "bbs-5" });
      else if (d.porn.has(u.domain)) out.push({ ruleId: "violence_porn.porn-link", start: u.start, end: u.end, confidence: 0.9, legalBasis: "page-rule" });
      else if (/porn|xxx|sex|nude|naken|porr|gore/.test(u.host) && !ctx.org.domains.has(u.domain)) {
        out.push({ ruleId: "violence_porn.porn-link", start: u.start, end: u.end, confidence: 0.7, legalBasis: "page-rule" });
      }
    }
    // A porn word next to a link is a lure even when the site is unknown.
    const links = ctx.urls().filter((u) => !u.email && !ctx.org.domains.has(u.domain));
    if (links.length && !out.length) {
      for (const h of ctx.hitsOf("violence_porn")) {
        const { start, end } = ctx.span(h.s, h.e);
        out.push({ ruleId: "violence_porn.word-with-link", start, end, confidence: 0.75, legalBasis: h.entry.tags.includes("gore") || h.entry.tags.includes("csam") ? "bbs-5" : "page-rule" });
        break;
      }
    }
    for (const c of phraseCandidates(ctx, "violence_porn")) {
      out.push({ ...c, legalBasis: c.legalBasis ?? (c.ruleId.endsWith("porn-lure") ? "page-rule" : "bbs-5") });
    }
    return out;
  },
};
