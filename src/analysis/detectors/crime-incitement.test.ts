import { describe, test } from "node:test";
import { deepEqual } from "node:assert/strict";
import { falseHits, misses } from "./test-fixtures.ts";

describe("crime_incitement phase", () => {
  test("urging arson, vandalism, theft, fraud, violence, drug sales", () => {
    deepEqual(
      misses(
        [
          "Bränn ner kommunhuset!",
          "Någon borde klottra ner hela nya cykelbanan",
          "Krossa rutorna på skolan ikväll",
          "Säljer kokain billigt, swisha",
          "Fuska med bidragen, ingen kollar",
          "Jobba svart som vi andra",
          "Spöa honom när ni ser honom",
        ],
        "crime_incitement",
      ),
      [],
    );
  });

  test("reports of crimes and lawful talk about them are not incitement", () => {
    deepEqual(
      falseHits(
        [
          "Någon har klottrat ner busskuren igen, kan ni sanera?",
          "Polisen beslagtog kokain i Kronogården",
          "Riv inte det gamla badhuset",
          "Vi borde krossa rekordet i insamlingen i år!",
          "Han säljer knark, ring polisen",
        ],
        "crime_incitement",
      ),
      [],
    );
  });
});
