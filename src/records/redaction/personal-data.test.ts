import assert from "node:assert/strict";
import { test } from "node:test";
import { applyMask, findPersonalData, maskPersonalData } from "./personal-data.ts";

test("personnummer and private contact details are found with their OSL ground", () => {
  const text = "Mitt personnummer är 19121212-1212, ring 070-123 45 67 eller mejla anna.svensson@gmail.com.";
  const spans = findPersonalData(text);
  assert.deepEqual(spans.map((s) => [text.slice(s.start, s.end), s.kindSv, s.ground]), [
    ["19121212-1212", "personnummer", "21 kap. 7 § OSL"],
    ["070-123 45 67", "privat telefonnummer", "21 kap. 7 § OSL"],
    ["anna.svensson@gmail.com", "privat e-postadress", "21 kap. 7 § OSL"],
  ]);
  assert.equal(maskPersonalData(text).text, "Mitt personnummer är [personnummer], ring [privat telefonnummer] eller mejla [privat e-postadress].");
});

test("text without personal data is unchanged; overlapping spans mask once", () => {
  assert.deepEqual(maskPersonalData("Vilka öppettider gäller för simhallen?"), { text: "Vilka öppettider gäller för simhallen?", masked: 0 });
  assert.equal(applyMask("abcdef", [{ start: 1, end: 4, kindSv: "x" }, { start: 2, end: 3, kindSv: "y" }]), "a[x]ef");
});
