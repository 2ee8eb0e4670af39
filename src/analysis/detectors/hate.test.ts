import { describe, test } from "node:test";
import { deepEqual } from "node:assert/strict";
import { falseHits, misses } from "./test-fixtures.ts";

describe("hate phase", () => {
  test("slurs, compounds, dehumanisation, exclusion", () => {
    deepEqual(
      misses(
        [
          "Svennejävlar",
          "Jävla blattar",
          "Invandrare är parasiter",
          "Alla muslimer borde kastas ut",
          "Ut med alla somalier",
          "Homosexuella är äckliga och sjuka",
          "Judarna styr kommunen",
          "Bögar ska inte få adoptera",
        ],
        "hate",
      ),
      [],
    );
  });

  test("neutral group mentions and counter-speech are not hate", () => {
    deepEqual(
      falseHits(
        [
          "Hur många flyktingar tar kommunen emot?",
          "Många invandrare behöver bättre tillgång till SFI",
          "Att kalla invandrare parasiter är rasism",
          "Sluta kalla folk för blattar",
          "Den muslimska församlingen bjuder på iftar",
          "Vi bodde i Fittja innan",
        ],
        "hate",
      ),
      [],
    );
  });
});
