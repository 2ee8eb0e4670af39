import { test } from "node:test";
import assert from "node:assert/strict";
import { renderTable } from "./table.ts";

test("renders a Markdown table with aligned columns and grouped numbers", () => {
  const out = renderTable("Speed", ["engine", { title: "comments/s", decimals: 0 }, "swedish"], [
    ["växel", 123456.7, true],
    ["obscenity", 9876, false],
    ["baseline", null, undefined],
  ]);
  const lines = out.split("\n");
  assert.equal(lines[0], "Speed");
  assert.equal(lines[2], "| engine    | comments/s | swedish |");
  assert.equal(lines[3], "|:----------|-----------:|:--------|");
  assert.equal(lines[4], "| växel     |    123 457 | yes     |");
  assert.equal(lines[5], "| obscenity |      9 876 | no      |");
  assert.equal(lines[6], "| baseline  |          – | –       |");
});

test("decimals apply to non-integers by default", () => {
  const out = renderTable("t", ["x"], [[1.23456], [2]]);
  assert.match(out, /\| 1\.23 \|/);
  assert.match(out, /\| {4}2 \|/);
});
