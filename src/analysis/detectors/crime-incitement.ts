// crime_incitement: uppvigling (BBS law §5) — urging others to arson,
// vandalism, theft, fraud, violence, or offering drugs for sale. Reports
// ("någon har klottrat ner skolan") and condemnation are not incitement.
import type { Phase } from "./shared.ts";
import { phraseCandidates } from "./shared.ts";

export const crimeIncitementPhase: Phase = {
  id: "crime_incitement",
  version: "1.0.0",
  category: "crime_incitement",
  run(ctx) {
    return phraseCandidates(ctx, "crime_incitement");
  },
};
