// The detector phases, in order. Like Coral's moderation pipeline
// (services/comments/pipeline/phases/index.ts): one small phase per file, one
// commented array that states the order. Every phase runs on the same
// context (normalised once, lexicon matched once); order matters only for
// cost and readability, since findings of all phases are kept.
import type { Phase } from "./detectors/shared.ts";
import { personalDataPhase } from "./detectors/personal-data.ts";
import { threatPhase } from "./detectors/threat.ts";
import { insultPhase } from "./detectors/insult.ts";
import { hatePhase } from "./detectors/hate.ts";
import { sexismHarassmentPhase } from "./detectors/sexism-harassment.ts";
import { violencePornPhase } from "./detectors/violence-porn.ts";
import { crimeIncitementPhase } from "./detectors/crime-incitement.ts";
import { copyrightPhase } from "./detectors/copyright.ts";
import { profanityPhase } from "./detectors/profanity.ts";
import { commercialPhase } from "./detectors/commercial.ts";
import { partyPoliticalPhase } from "./detectors/party-political.ts";
import { spamPhase } from "./detectors/spam.ts";
import { misleadingPhase } from "./detectors/misleading.ts";

export type { Phase };

export const PHASES: readonly Phase[] = [
  // 1. Personal data first: it is hidden at once, and its personnummer spans
  //    keep the phone-number search from reporting the same digits twice.
  personalDataPhase,
  // 2. The BBS §5 categories the city MUST remove (olaga hot, hets mot
  //    folkgrupp, olaga våldsskildring/barnpornografi, uppvigling, upphovsrätt).
  threatPhase,
  hatePhase,
  violencePornPhase,
  crimeIncitementPhase,
  copyrightPhase,
  // 3. Page-rule categories about people: personal attacks and harassment.
  insultPhase,
  sexismHarassmentPhase,
  // 4. Page-rule categories about form and purpose.
  profanityPhase,
  commercialPhase,
  partyPoliticalPhase,
  misleadingPhase,
  // 5. Spam last: it is the only phase with cross-comment memory, and it
  //    must see every comment (also those other phases flag) to count repeats.
  spamPhase,
];
