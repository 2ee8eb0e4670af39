import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createAnalyzer } from "../analyzer.ts";
import { falseHits, misses, TEST_ORG } from "./test-fixtures.ts";

describe("party_political phase", () => {
  test("urging votes, campaigning, party material", () => {
    assert.deepEqual(
      misses(
        [
          "Rösta på SD i valet!",
          "Kryssa för Vänsterpartiet",
          "Vi i Moderaterna vill sänka skatten",
          "Centerpartiet är det enda alternativet",
          "Besök vår valstuga på torget, hälsningar Liberalerna",
          "#röstaKD",
          "Ge din röst till C i höst!",
        ],
        "party_political",
      ),
      [],
    );
  });

  test("factual questions and mentions of parties are not party-political", () => {
    assert.deepEqual(
      falseHits(
        [
          "Vilket parti styr kommunen?",
          "Vad tycker S om skolnedläggningen?",
          "Moderaternas förslag röstades ned i fullmäktige",
          "Ska man rösta på SD?",
          "Hur röstade Miljöpartiet i frågan?",
        ],
        "party_political",
      ),
      [],
    );
  });

  test("local parties come from the page rules", () => {
    const a = createAnalyzer({ org: TEST_ORG, rules: { localParties: [{ name: "Trollhättepartiet" }] } });
    assert.ok(a.analyze({ text: "Rösta på Trollhättepartiet!" }).labels.includes("party_political"));
    const b = createAnalyzer({ org: TEST_ORG });
    assert.ok(!b.analyze({ text: "Rösta på Trollhättepartiet!" }).labels.includes("party_political"));
  });

  test("personal votes and 'anyone but' are campaigning; questions about personkryss are not", () => {
    assert.deepEqual(misses(["Ge mig ditt personkryss i valet, Vänsterpartiet plats 2", "Rösta på vilket parti som helst utom Liberalerna"], "party_political"), []);
    assert.deepEqual(falseHits(["Hur fungerar personkryss för en kandidat?"], "party_political"), []);
  });

  test("'my vote goes to' a party is campaigning", () => {
    assert.deepEqual(misses(["Min röst går till Kristdemokraterna, gör som jag"], "party_political"), []);
    assert.deepEqual(falseHits(["Jag röstade på Centerpartiet förra gången men vet inte nu"], "party_political"), []);
  });
});
