import assert from "node:assert/strict";
import { test } from "node:test";
import { passageSpans } from "./withhold-passage.ts";

test("every occurrence of the passage, except where a redaction already covers it", () => {
  const text = "Anna ringde. Anna skrev sedan till Annas chef.";
  assert.deepEqual(passageSpans(text, "Anna", []), [{ start: 0, end: 4 }, { start: 13, end: 17 }, { start: 35, end: 39 }]);
  assert.deepEqual(passageSpans(text, "Anna", [{ start: 0, end: 11 }]), [{ start: 13, end: 17 }, { start: 35, end: 39 }]);
  // A redaction that only overlaps part of an occurrence does not cover it.
  assert.deepEqual(passageSpans(text, "Anna", [{ start: 2, end: 15 }]), [{ start: 0, end: 4 }, { start: 13, end: 17 }, { start: 35, end: 39 }]);
  assert.deepEqual(passageSpans(text, "Bo", []), []);
  assert.deepEqual(passageSpans(text, "", []), []);
  // Occurrences do not overlap each other.
  assert.deepEqual(passageSpans("aaaa", "aa", []), [{ start: 0, end: 2 }, { start: 2, end: 4 }]);
});
