import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { analyzeOne, falseHits, misses } from "./test-fixtures.ts";

describe("profanity phase", () => {
  test("swear words, obfuscated and English", () => {
    assert.deepEqual(
      misses(["Fy fan", "j@vla skit", "h3lvete", "J Ä V L A", "f-n också", "jäääävla", "Fuck this", "Vilket jävla beslut", "Satans också", "ｊäｖｌａ"], "profanity"),
      [],
    );
  });

  test("innocent words containing trigger strings", () => {
    assert.deepEqual(
      falseHits(
        [
          "Beslutet om slutet",
          "Det fanns inga platser",
          "Fantastisk elefant",
          "Titta på rövarna",
          "Kukkola och Fittja",
          "Kan man höra det?",
          "Stefan är en stor fan av biblioteket",
          "Pissoarerna är trasiga",
          "Skittles i godisautomaten",
        ],
        "profanity",
      ),
      [],
    );
  });

  test("a quoted swear word in a complaint is a mention", () => {
    assert.deepEqual(analyzeOne('Det står "jävla kommun" sprejat på busskuren, kan ni sanera?').labels, []);
  });

  test("the finding points at the word in the original text", () => {
    const r = analyzeOne("Nej men J@VLA dåligt");
    const f = r.findings.find((x) => x.category === "profanity")!;
    assert.equal(f.evidence, "J@VLA");
    assert.equal(f.start, 8);
  });

  test("common Danish/Norwegian swearing; innocent Swedish look-alikes are not", () => {
    assert.deepEqual(misses(["Sikke noget lort", "Det er fandme for dårligt", "Faen heller"], "profanity"), []);
    assert.deepEqual(falseHits(["Knullrigt hår idag", "Mögelsanering i skolan startar i juni", "Skidbacken öppnar i december"], "profanity"), []);
  });
});
