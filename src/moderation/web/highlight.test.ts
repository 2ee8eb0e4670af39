import assert from "node:assert/strict";
import { test } from "node:test";
import type { Finding } from "../../analysis/index.ts";
import { highlight } from "./highlight.ts";

const f = (start: number, end: number, category: Finding["category"] = "threat"): Finding => ({
  category, ruleId: `${category}.x`, legalBasis: "bbs-5", start, end, evidence: "", confidence: 0.9, detector: "d", detectorVersion: "1", action: "hide",
});

test("spans become marks naming the rule; hostile text stays escaped", () => {
  const text = "<script>x</script> jag ska döda dig";
  const out = highlight(text, [f(23, 35)]).value;
  assert.ok(out.startsWith("&lt;script&gt;x&lt;/script&gt;"), out);
  assert.match(out, /<mark data-rule="threat" title="threat · threat.x · bbs-5">ska döda dig<\/mark>/);
});

test("overlapping spans and spans outside the text", () => {
  const out = highlight("abcdef", [f(0, 4), f(2, 6, "insult"), f(3, 99)]).value;
  assert.equal(out.replace(/ title="[^"]*"/g, ""), '<mark data-rule="threat">ab</mark><mark data-rule="threat">cd</mark><mark data-rule="insult">ef</mark>');
});
