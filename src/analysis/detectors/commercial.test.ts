import { describe, test } from "node:test";
import { deepEqual } from "node:assert/strict";
import { falseHits, misses } from "./test-fixtures.ts";

describe("commercial phase", () => {
  test("ads, classifieds, promo codes, self-promotion, money scams", () => {
    deepEqual(
      misses(
        [
          "Säljer barnvagn, nästan ny, 1500 kr",
          "Kolla in min nya webbshop, 20% rabatt med koden VAXEL",
          "Tjäna 5000 kr i veckan hemifrån!",
          "Prenumerera på min kanal på YouTube",
          "Lunchbuffé 109 kr på Thai Garden, välkomna!",
          "Casino med 100 free spins",
          "Köp billiga solglasögon på www.solbrillor.shop",
        ],
        "commercial",
      ),
      [],
    );
  });

  test("prices in complaints and questions are not ads", () => {
    deepEqual(
      falseHits(
        [
          "Bussbiljetten kostar 30 kr, det är för dyrt",
          "Hur mycket kostar det att hyra lokalen?",
          "Simhallen höjer priset till 90 kr, skandal",
          "Finns det någon butik som säljer cykelhjälmar i centrum?",
        ],
        "commercial",
      ),
      [],
    );
  });

  test("shop offers without a selling verb are ads; official prices are not", () => {
    deepEqual(misses(["Hos oss får du 20 % på allt", "Tre för två på alla plantor hela veckan", "Fönsterputs 300 kr per gång, ring oss"], "commercial"), []);
    deepEqual(falseHits(["Parkeringen kostar 20 kr per timme, ring kontaktcenter", "Pensionärer åker för halva priset på bussen"], "commercial"), []);
  });

  test("promotional offers: first month free, order via our app, years of experience with a PM", () => {
    deepEqual(misses(["Första månaden gratis på vårt gym", "Beställ via vår app", "Jag har 20 års erfarenhet av målning, skicka PM"], "commercial"), []);
    deepEqual(falseHits(["Första timmen gratis parkering vid resecentrum", "Jag har 20 års erfarenhet som lärare och tycker att beslutet är fel"], "commercial"), []);
  });
});
