import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_PAGE_RULES, PageRulesError, resolvePageRules } from "./rules.ts";

describe("resolvePageRules", () => {
  test("merges category rules field by field over the defaults", () => {
    const r = resolvePageRules({ categories: { profanity: { enabled: false } }, version: "sidregler-2026" });
    assert.equal(r.categories.profanity.enabled, false);
    assert.equal(r.categories.profanity.action, DEFAULT_PAGE_RULES.categories.profanity.action);
    assert.equal(r.categories.threat.action, "hide_escalate");
    assert.equal(r.version, "sidregler-2026");
  });

  test("rejects unknown categories, bad thresholds, actions and classifier URLs", () => {
    for (const bad of [
      { categories: { swearing: {} } },
      { categories: { threat: { threshold: -1 } } },
      { categories: { threat: { action: "delete" } } },
      { denyWords: [{ word: "x", category: "nope" }] },
      { localParties: [{ name: "" }] },
      { spam: { windowMinutes: -5 } },
      { externalClassifier: { url: "ftp://x" } },
      [],
    ]) {
      assert.throws(() => resolvePageRules(bad), PageRulesError, JSON.stringify(bad));
    }
  });

  test("the external classifier is off by default and gets a default timeout", () => {
    assert.equal(resolvePageRules({}).externalClassifier, undefined);
    assert.equal(resolvePageRules({ externalClassifier: { url: "http://127.0.0.1:9/x" } }).externalClassifier?.timeoutMs, 1500);
  });
});
