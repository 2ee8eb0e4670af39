// threat: olaga hot (BBS law §5) — direct, conditional and veiled threats,
// death wishes, suicide incitement, threats against places, and emoji threats.
// Reporting a threat ("min granne hotade mig, vart vänder jag mig?"), idioms
// ("jag dör av skratt", "skjut inte upp beslutet") and figurative harm to
// things ("beslutet dödar centrum") are not threats: the rules need a person
// or a place as target, and report/counter-speech sentences are skipped.
import type { AnalysisContext, Candidate, PhraseMatch } from "../context.ts";
import type { Phase } from "./shared.ts";
import { phraseCandidates } from "./shared.ts";

const WEAPON_EMOJI = /\u{1F52A}|\u{1F52B}|\u{1F4A3}|\u{1FA93}|\u{1F5E1}|\u{1F9E8}|\u2694|\u26B0|\u{1FAA6}/gu;
const DEATH_EMOJI = /\u{26B0}|\u{1FAA6}|\u{2620}|\u{1FA78}/u;
const SECOND_PERSON_RE = /(?<![\p{L}])(?:du|dig|dej|ni|er|din|ditt|dina|era|kommunalrådet|politikerna|politiker|ordföranden|rektorn|chefen|handläggaren|socialsekreteraren|kommunstyrelsen|nämnden)(?![\p{L}])/u;

function emojiThreat(ctx: AnalysisContext): Candidate[] {
  if (!ctx.norm.nonAscii) return [];
  const t = ctx.text;
  WEAPON_EMOJI.lastIndex = 0;
  const first = WEAPON_EMOJI.exec(t);
  if (!first) return [];
  let count = 1;
  let last = first;
  for (let m = WEAPON_EMOJI.exec(t); m && count < 50; m = WEAPON_EMOJI.exec(t)) {
    count++;
    last = m;
  }
  // Aimed: at "you", at an official, with a death symbol, or a weapon next to a few words only ("🔫💥 kommunalrådet").
  const aimed = SECOND_PERSON_RE.test(ctx.norm.text) || DEATH_EMOJI.test(t) || (ctx.tokens.count > 0 && ctx.tokens.count <= 4);
  if (!aimed && count < 3) return [];
  return [{ ruleId: "threat.emoji", start: first.index, end: last.index + last[0].length, confidence: aimed ? 0.75 : 0.6 }];
}

export const threatPhase: Phase = {
  id: "threat",
  version: "1.1.0",
  category: "threat",
  run(ctx) {
    // Violence wished on a group is hets mot folkgrupp (the hate phase), not a threat to a person.
    const hateSentences = new Set(ctx.phrases("hate").map((m) => m.sentence));
    const passiveOnGroup = (m: PhraseMatch): boolean => !m.rule.tags.includes("passive") || !hateSentences.has(m.sentence);
    return [...phraseCandidates(ctx, "threat", { filter: passiveOnGroup }), ...emojiThreat(ctx)];
  },
};
