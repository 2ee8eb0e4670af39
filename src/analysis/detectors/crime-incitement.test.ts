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

  test("generalised families: imperative vandalism, arson of property, theft of things, dine-and-dash, benefit fraud", () => {
    deepEqual(misses(["Punktera däcken på sopbilarna", "Sätt eld på containrarna vid skolan", "Sno kablarna från bygget", "Kör iväg utan att betala på macken", "Säg att ni bor isär så får ni mer i bostadsbidrag, ingen kollar", "Klå upp killarna vid torget"], "crime_incitement"), []);
    deepEqual(falseHits(["Sätt eld på grillen och njut", "Tänd på ljusen i advent", "Sno idén från Vänersborg", "Klipp av bandet vid invigningen", "Spreja på myggmedel på barnen", "Kör ner till återvinningen innan fem"], "crime_incitement"), []);
  });
});
