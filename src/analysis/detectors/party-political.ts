// party_political: urging votes, campaigning, party material and links to
// party websites. Parties come from parties.sv.json (names, inflections,
// abbreviations, leaders) plus the page's local parties. A factual question
// about a party ("vad tycker S om skolan?") is not a party-political message.
import type { Candidate } from "../context.ts";
import { CUE_QUESTION } from "../context.ts";
import type { Phase } from "./shared.ts";
import { MENTION_CUES, phraseCandidates } from "./shared.ts";
import { expandBraces } from "../text/matcher.ts";

const VOTE_TAG = /^(?:rösta|röstapå|röstaför|val|valet|val\d{4}|kommunval|riksdagsval|valrörelsen|kryssa)/u;

/** "#rösta #sd2026 #sverigedemokraterna": party hashtags with a vote hashtag, or several party hashtags. */
function hashtags(ctx: Parameters<Phase["run"]>[0]): Candidate[] {
  const t = ctx.text;
  if (!t.includes("#")) return [];
  const tags = [...t.matchAll(/#([\p{L}\d_]{2,40})/gu)].slice(0, 50);
  if (tags.length === 0) return [];
  const names = new Set<string>();
  for (const p of ctx.lex.parties) {
    for (const n of p.names) for (const f of expandBraces(n)) names.add(f.replace(/\s+/g, ""));
    for (const a of p.abbreviations) names.add(a.replace(/[^\p{L}]/gu, ""));
  }
  for (const lp of ctx.rules.localParties) names.add(lp.name.toLowerCase().replace(/\s+/g, ""));
  const party = tags.filter((m) => names.has(m[1]!.toLowerCase().replace(/\d+$/u, "")));
  const vote = tags.some((m) => VOTE_TAG.test(m[1]!.toLowerCase()));
  if (party.length === 0 || (!vote && party.length < 2)) return [];
  const first = party[0]!;
  return [{ ruleId: "party_political.hashtags", start: first.index, end: first.index + first[0].length, confidence: 0.8 }];
}

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
    out.push(...hashtags(ctx));
    for (const u of ctx.urls()) {
      if (!u.email && ctx.lex.domains.partySites.has(u.domain)) {
        out.push({ ruleId: "party_political.party-link", start: u.start, end: u.end, confidence: 0.75 });
      }
    }
    return out;
  },
};
