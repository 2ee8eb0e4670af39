import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createAnalyzer, CATEGORY_IDS, DEFAULT_PAGE_RULES, evaluate } from "./index.ts";
import type { CommentInput } from "./index.ts";
import { TEST_ORG } from "./detectors/test-fixtures.ts";

describe("createAnalyzer", () => {
  const a = createAnalyzer({ org: TEST_ORG });

  test("result shape: labels in category order, the most severe action, findings sorted by span", () => {
    const r = a.analyze({ text: "Din jävla idiot, jag ska döda dig" });
    assert.deepEqual(r.labels, ["threat", "insult", "profanity"]);
    assert.equal(r.action, "hide_escalate");
    for (let i = 1; i < r.findings.length; i++) assert.ok(r.findings[i - 1]!.start <= r.findings[i]!.start);
    for (const f of r.findings) {
      assert.ok(CATEGORY_IDS.includes(f.category));
      assert.ok(f.confidence >= 0 && f.confidence <= 1);
      assert.match(f.ruleId, /^[a-z_]+\.[\w.-]+$/);
      assert.ok(["bbs-5", "page-rule"].includes(f.legalBasis));
      assert.match(f.detectorVersion, /^\d+\.\d+\.\d+$/);
    }
  });

  test("an acceptable comment gets nothing", () => {
    assert.deepEqual(a.analyze({ text: "Vilka öppettider gäller för simhallen i sommar?" }), { labels: [], action: "none", findings: [] });
  });

  test("page rules: a disabled category is never reported, actions and thresholds are configurable", () => {
    const b = createAnalyzer({ org: TEST_ORG, rules: { categories: { profanity: { enabled: false }, insult: { action: "hide" } } as never } });
    const r = b.analyze({ text: "Din jävla idiot" });
    assert.deepEqual(r.labels, ["insult"]);
    assert.equal(r.action, "hide");
    const strict = createAnalyzer({ org: TEST_ORG, rules: { categories: { profanity: { threshold: 0.99 } } as never } });
    assert.deepEqual(strict.analyze({ text: "Fy fan" }).labels, []);
  });

  test("page rules: allow and deny words", () => {
    const b = createAnalyzer({ org: TEST_ORG, rules: { allowWords: ["Kukkulla"], denyWords: [{ word: "tomtenisse", category: "insult" }] } });
    assert.deepEqual(b.analyze({ text: "Vi åkte till Kukkulla" }).labels, []);
    assert.deepEqual(b.analyze({ text: "Din tomtenisse" }).labels, ["insult"]);
    assert.deepEqual(b.analyze({ text: "tomtenissarna" }).labels, ["insult"]);
  });

  test("invalid page rules are rejected at set-up, never during analysis", () => {
    assert.throws(() => createAnalyzer({ rules: { categories: { nope: {} } } as never }), /unknown category/);
    assert.throws(() => createAnalyzer({ rules: { categories: { threat: { threshold: 2 } } } as never }), /threshold/);
  });

  test("never throws on odd input", () => {
    for (const input of [{ text: "" }, { text: "\u0000\uD800" }, { text: 42 }, {}, null, undefined, { text: "x".repeat(10) + "\u0301".repeat(50) }] as unknown as CommentInput[]) {
      const r = a.analyze(input);
      assert.ok(Array.isArray(r.labels));
    }
  });

  test("defaults follow DOMAIN.md: threats escalate, personal data hides, profanity is reviewed", () => {
    assert.equal(DEFAULT_PAGE_RULES.categories.threat.action, "hide_escalate");
    assert.equal(DEFAULT_PAGE_RULES.categories.personal_data.action, "hide");
    assert.equal(DEFAULT_PAGE_RULES.categories.profanity.action, "review");
  });

  test("analyzeAsync without an external classifier equals analyze", async () => {
    const b = createAnalyzer({ org: TEST_ORG });
    const c = createAnalyzer({ org: TEST_ORG });
    assert.deepEqual(await b.analyzeAsync({ text: "Din idiot" }), c.analyze({ text: "Din idiot" }));
  });

  test("evaluate is re-exported for the dev suite", () => {
    assert.equal(evaluate([{ labels: ["threat"] }], [{ labels: ["threat"] }]).macroF1, 1);
  });
});
