// party_political: urging votes, campaigning, party material and links to
// party websites. Parties come from parties.sv.json (names, inflections,
// abbreviations, leaders) plus the page's local parties. A factual question
// about a party ("vad tycker S om skolan?") is not a party-political message.
import type { Candidate } from "../context.ts";
import { CUE_QUESTION } from "../context.ts";
import type { Phase } from "./shared.ts";
import { MENTION_CUES, phraseCandidates } from "./shared.ts";

export const partyPoliticalPhase: Phase = {
  id: "party_political",
  version: "1.1.0",
  category: "party_political",
  run(ctx) {
    const all = ctx.phrases("party_political");
    const partyMentioned = all.some((m) => m.rule.tags.includes("mention"));
    const out: Candidate[] = phraseCandidates(ctx, "party_political", {
      mentionMask: MENTION_CUES | CUE_QUESTION,
      filter: (m) => !m.rule.tags.includes("mention") && (!m.rule.tags.includes("needs-party") || partyMentioned),
    });
    for (const u of ctx.urls()) {
      if (!u.email && ctx.lex.domains.partySites.has(u.domain)) {
        out.push({ ruleId: "party_political.party-link", start: u.start, end: u.end, confidence: 0.75 });
      }
    }
    return out;
  },
};
