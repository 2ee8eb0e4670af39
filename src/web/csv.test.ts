import assert from "node:assert/strict";
import { test } from "node:test";
import { toCsv, toCsvTable } from "./csv.ts";

test("formula-like cells are neutralised; quotes and semicolons are escaped; BOM first", () => {
  const csv = toCsv([{ a: "=HYPERLINK(\"http://x\")", b: "Åsa; \"citat\"" }, { a: "-1+1", b: "vanlig text" }], [{ key: "a", header: "A" }, { key: "b", header: "B" }]);
  assert.equal(csv, "\uFEFFA;B\n\"'=HYPERLINK(\"\"http://x\"\")\";\"Åsa; \"\"citat\"\"\"\n'-1+1;vanlig text\n");
});

test("a table of cells (block list, reports): a hostile author name cannot become a formula; numbers and empty cells stay as they are", () => {
  const csv = toCsvTable(["author_name", "strikes", "lifted_at"], [["@SUM(A1:A9)", 3, null], ["Åsa Öberg", -1, "2026-12-07"]]);
  assert.equal(csv, "\uFEFFauthor_name;strikes;lifted_at\n'@SUM(A1:A9);3;\nÅsa Öberg;-1;2026-12-07\n");
});
