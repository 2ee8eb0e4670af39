import assert from "node:assert/strict";
import { test } from "node:test";
import { appealOutcomeText, noticeText } from "./templates.ts";

test("appeal outcomes in Swedish and English name the result, the rule when rejected, and the reason", () => {
  assert.equal(appealOutcomeText({ lang: "sv", outcome: "rejected", rule: "insult", reason: "Personangrepp.", restored: false }),
    "Ditt överklagande har avslagits. Beslutet enligt regeln ”Förtal, personangrepp och förolämpningar” står fast. Motivering: Personangrepp.");
  assert.equal(appealOutcomeText({ lang: "en", outcome: "rejected", rule: "insult", reason: "A personal attack.", restored: false }),
    'Your appeal has been rejected. The decision under the rule "Defamation, personal attacks, insults" stands. Reason: A personal attack.');
  assert.equal(appealOutcomeText({ lang: "en", outcome: "upheld", rule: "spam", reason: "Not spam.", restored: true }), "Your appeal has been upheld and your comment has been restored. Reason: Not spam.");
  assert.match(appealOutcomeText({ lang: "sv", outcome: "upheld", rule: "spam", reason: "x", restored: false }), /^Ditt överklagande har bifallits\. Kommentaren var borttagen/);
});

test("notices in English name what happened, the rule, the legal basis, the warning threshold and the appeal link", () => {
  const base = { lang: "en" as const, appealUrl: "https://vaxel.example/overklaga/abc", openUntil: new Date("2026-12-21T10:00:00Z") };
  assert.equal(noticeText({ ...base, kind: "hide", rule: "profanity", legalBasis: "page-rule" }),
    'Your comment has been hidden under the rule "Swearing and obscene words". Our published page rules do not allow it. You can appeal until 2026-12-21: https://vaxel.example/overklaga/abc');
  assert.equal(noticeText({ ...base, kind: "delete", rule: "threat", legalBasis: "bbs-5" }),
    'Your comment has been removed under the rule "Threats". The law requires us to remove such content (Act on Electronic Bulletin Boards, section 5). You can appeal until 2026-12-21: https://vaxel.example/overklaga/abc');
  assert.equal(noticeText({ ...base, kind: "warn", rule: "insult", legalBasis: "page-rule", threshold: 3 }),
    'This is a warning: your comments have broken our page rules under the rule "Defamation, personal attacks, insults". Our published page rules do not allow it. After 3 breaches within the period you may be blocked from commenting. You can appeal until 2026-12-21: https://vaxel.example/overklaga/abc');
  assert.match(noticeText({ ...base, lang: "sv", kind: "hide", rule: "profanity", legalBasis: "page-rule" }), /^Din kommentar har dolts enligt regeln ”Svordomar och obscena ord”\./);
});
