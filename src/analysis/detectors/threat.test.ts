import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { analyzeOne, falseHits, misses } from "./test-fixtures.ts";

describe("threat phase", () => {
  test("direct, conditional, veiled threats, death wishes, places, emoji", () => {
    const positives = [
      "Jag ska döda dig",
      "Om du gör det igen så slår jag ihjäl dig",
      "Vi vet var du bor",
      "Vore synd om något hände dina barn",
      "Hoppas du dör",
      "Dö i helvete",
      "Jag ska spränga stadshuset",
      "Politikerna borde hängas",
      "Du ska få en kula i huvudet",
      "🔪🔪 du är nästa",
      "j a g  s k a  d ö d a  d i g",
      "I'm gonna kill you",
    ];
    assert.deepEqual(misses(positives, "threat"), []);
  });

  test("reports, idioms and figurative harm are not threats", () => {
    const negatives = [
      "Min granne hotade mig, vart vänder jag mig?",
      "Jag dör av skratt",
      "Skjut inte upp beslutet",
      "Det här beslutet kommer att döda centrum",
      "Jag skulle aldrig skada någon",
      "Jag ska inte döda dig, lugn",
      "Vi skjuter upp mötet",
      "Kan man skjuta upp bygglovet?",
      "Han sa att han skulle slå ihjäl mig, ska jag polisanmäla?",
    ];
    assert.deepEqual(falseHits(negatives, "threat"), []);
  });

  test("a threat is hidden, escalated and carries the BBS §5 basis", () => {
    const r = analyzeOne("Jag ska döda dig");
    assert.equal(r.action, "hide_escalate");
    const f = r.findings.find((x) => x.category === "threat")!;
    assert.equal(f.legalBasis, "bbs-5");
    assert.equal(f.detector, "threat");
    assert.equal(f.evidence, "Jag ska döda dig");
  });

  test("generalised families: subjectless intent, V2 order, meeting outside, last day, hanging in public", () => {
    assert.deepEqual(misses(["Ska knivhugga handläggaren som tog mitt ärende", "Efter mötet slår jag ner dig", "Vi ses utanför din port ikväll", "Det här blir din sista dag, Leif", "Rektorn borde hängas på torget", "Hoppas hon krockar på väg hem"], "threat"), []);
    assert.deepEqual(falseHits(["Ska hänga upp lappar till alla grannar", "Sen hänger jag med dig till stan", "Politikerna borde hängas ut i media", "Mötet borde skjutas upp", "Ta med någon som kan köra hem dig efter festen", "Kommer klippa häcken åt grannarna"], "threat"), []);
  });

  test("veiled: sleep with one eye open, look over your shoulder; safety complaints are not threats", () => {
    assert.deepEqual(misses(["Du borde sova med ett öga öppet", "Du borde se dig om över axeln"], "threat"), []);
    assert.deepEqual(falseHits(["Era barn är inte säkra på den här cykelbanan", "Jag sov med ett öga öppet i natt för stormen"], "threat"), []);
  });
});
