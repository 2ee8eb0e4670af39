import assert from "node:assert/strict";
import { test } from "node:test";
import { toCsv } from "./csv.ts";

test("formula-like cells are neutralised; quotes and semicolons are escaped; BOM first", () => {
  const csv = toCsv([{ a: "=HYPERLINK(\"http://x\")", b: "Åsa; \"citat\"" }, { a: "-1+1", b: "vanlig text" }], [{ key: "a", header: "A" }, { key: "b", header: "B" }]);
  assert.equal(csv, "\uFEFFA;B\n\"'=HYPERLINK(\"\"http://x\"\")\";\"Åsa; \"\"citat\"\"\"\n'-1+1;vanlig text\n");
});
