import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { analyzeOne, falseHits, misses } from "./test-fixtures.ts";

describe("insult phase", () => {
  test("personal attacks, compounds and defamation", () => {
    const positives = [
      "Din idiot",
      "Du är en korkad idiot",
      "Ditt jävla pucko",
      "Idiotpolitiker allihop",
      "Rektorn är en inkompetent fjant",
      "Kommunalrådet Svensson är en lögnare och en tjuv",
      "Anders Ek på tekniska har stulit pengar från kassan",
      "Håll käften",
    ];
    assert.deepEqual(misses(positives, "insult"), []);
  });

  test("criticism of decisions and officials in their role is not an insult (RF 1:9)", () => {
    const negatives = [
      "Kommunstyrelsens beslut är idiotiskt och ni borde avgå",
      "Det dummaste förslaget jag sett",
      "Ni ljuger om kostnaderna för cykelbanan",
      "Inkompetent hantering av snöröjningen",
      "Jag känner mig som en idiot som inte hittade blanketten",
      "Nya e-tjänsten är idiotsäker",
      "Någon stal min cykel vid stationen",
    ];
    assert.deepEqual(falseHits(negatives, "insult"), []);
  });

  test("an insult is a page-rule matter, reviewed by default", () => {
    const f = analyzeOne("Din idiot").findings.find((x) => x.category === "insult")!;
    assert.equal(f.legalBasis, "page-rule");
    assert.equal(f.action, "review");
  });

  test("comparisons, English and defamation with a gap are insults; harsh words about things are not", () => {
    assert.deepEqual(misses(["Du låter som en idiot", "You are such a moron", "din fuckin clown", "Ordföranden i nämnden är en bedragare", "Hold kæft"], "insult"), []);
    assert.deepEqual(falseHits(["Vilken idiotisk placering av hållplatsen", "Beslutet låter som en dålig idé", "Dra åt skogen med era avgifter"], "insult"), []);
  });
});
