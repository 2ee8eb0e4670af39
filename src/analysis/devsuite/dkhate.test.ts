import { test } from "node:test";
import assert from "node:assert/strict";
import type { CategoryId } from "../types.ts";
import { loadDkhateTest, parseOffensEval, scoreDkhate } from "./dkhate.ts";

test("loads the official OffensEval 2020 Danish test split (329 comments, 41 OFF)", () => {
  const rows = loadDkhateTest();
  assert.equal(rows.length, 329);
  assert.equal(rows.filter((r) => r.gold === "OFF").length, 41);
  assert.ok(rows.every((r) => r.id !== "" && r.text !== ""));
});

test("rejects a file that is not the OffensEval format", () => {
  assert.throws(() => parseOffensEval("id\ttext\tlabel\n1\thej\tOFF\n"), /unexpected header/);
  assert.throws(() => parseOffensEval("id\ttweet\tsubtask_a\n1\thej\tMAYBE\n"), /line 2/);
});

test("scores OFF as any abusive category, and ignores the others", () => {
  const rows = parseOffensEval(
    ["id\ttweet\tsubtask_a", "1\tdu er en idiot\tOFF", "2\tkøb billige sko\tNOT", "3\tgod dag\tNOT", "4\tfandens\tOFF"].join("\n"),
  );
  const labels: Record<string, CategoryId[]> = { "1": ["insult"], "2": ["commercial"], "3": ["profanity"], "4": [] };
  const s = scoreDkhate(rows, { analyze: (i) => ({ labels: labels[i.id ?? ""] ?? [] }) });
  assert.deepEqual([s.tp, s.fp, s.fn, s.tn], [1, 1, 1, 1]);
  assert.equal(s.precision, 0.5);
  assert.equal(s.recall, 0.5);
  assert.equal(s.f1, 0.5);
  assert.equal(s.macroF1, 0.5);
  assert.deepEqual(s.fired, { insult: 1, commercial: 1, profanity: 1 });
});
