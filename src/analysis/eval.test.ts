import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { evaluate, formatReport } from "./eval.ts";

describe("evaluate", () => {
  test("per-category precision, recall, F1 and the false-positive rate on acceptable comments", () => {
    const gold = [{ labels: ["threat"] }, { labels: ["threat", "profanity"] }, { labels: [] }, { labels: [] }, { labels: ["insult"] }];
    const pred = [{ labels: ["threat"] }, { labels: ["profanity"] }, { labels: ["insult"] }, { labels: [] }, { labels: [] }];
    const r = evaluate(pred, gold);
    const threat = r.perCategory.find((m) => m.category === "threat")!;
    assert.deepEqual([threat.tp, threat.fp, threat.fn], [1, 0, 1]);
    assert.equal(threat.precision, 1);
    assert.equal(threat.recall, 0.5);
    assert.ok(Math.abs(threat.f1 - 2 / 3) < 1e-9);
    const insult = r.perCategory.find((m) => m.category === "insult")!;
    assert.deepEqual([insult.tp, insult.fp, insult.fn, insult.f1], [0, 1, 1, 0]);
    assert.equal(r.acceptable, 2);
    assert.equal(r.acceptableFlagged, 1);
    assert.equal(r.falsePositiveRate, 0.5);
    assert.equal(r.exactMatch, 2);
    // macro-F1 over the three categories that occur: threat 2/3, profanity 1, insult 0
    assert.ok(Math.abs(r.macroF1 - (2 / 3 + 1 + 0) / 3) < 1e-9);
    assert.match(formatReport(r), /macro-F1/);
  });

  test("mismatched lengths are an error", () => {
    assert.throws(() => evaluate([], [{ labels: [] }]), /differ/);
  });
});
