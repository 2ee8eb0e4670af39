import assert from "node:assert/strict";
import { test } from "node:test";
import { appealOutcomeText } from "./templates.ts";

test("appeal outcomes in Swedish and English name the result, the rule when rejected, and the reason", () => {
  assert.equal(appealOutcomeText({ lang: "sv", outcome: "rejected", rule: "insult", reason: "Personangrepp.", restored: false }),
    "Ditt överklagande har avslagits. Beslutet enligt regeln ”Förtal, personangrepp och förolämpningar” står fast. Motivering: Personangrepp.");
  assert.equal(appealOutcomeText({ lang: "en", outcome: "rejected", rule: "insult", reason: "A personal attack.", restored: false }),
    'Your appeal has been rejected. The decision under the rule "Defamation, personal attacks, insults" stands. Reason: A personal attack.');
  assert.equal(appealOutcomeText({ lang: "en", outcome: "upheld", rule: "spam", reason: "Not spam.", restored: true }), "Your appeal has been upheld and your comment has been restored. Reason: Not spam.");
  assert.match(appealOutcomeText({ lang: "sv", outcome: "upheld", rule: "spam", reason: "x", restored: false }), /^Ditt överklagande har bifallits\. Kommentaren var borttagen/);
});
