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

  test("generalised families: derogatory adjective + group, dehumanising origin, 'tillbaka till djungeln'", () => {
    deepEqual(misses(["Lata invandrare som aldrig jobbar", "De där djuren från Mellanöstern", "Skicka dem tillbaka till djungeln", "Perkerne skal ud"], "hate"), []);
    deepEqual(falseHits(["Djuren från Afrika på Nordens Ark är fina", "Lata söndagar på biblioteket", "Invandrare behöver mer stöd i SFI"], "hate"), []);
  });
});
