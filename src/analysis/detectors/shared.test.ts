import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { cueTest } from "./shared.ts";

describe("cueTest", () => {
  const WORDS = "säljer|sälj|köp|pm|tryck här|kr\\/mån|%";
  const PRE = "\\d ?(?:kr|:-|€|\\$)";
  const reference = new RegExp(`${PRE}|(?<![\\p{L}])(?:${WORDS})(?![\\p{L}])`, "u");
  const referenceWords = new RegExp(`(?<![\\p{L}])(?:${WORDS})(?![\\p{L}])`, "u");
  const fast = cueTest(WORDS, PRE);
  const fastWords = cueTest(WORDS);

  test("answers like the regex with the leading lookbehind", () => {
    const cases = [
      "säljer båten", "försäljer", "köpa", "köp!", "åköp", "äköp köp", "5 kr", "5kr", "slutsälj", "tryck här", "tryck häran", "kr/mån",
      "10 %", "a%", "pm", "😀pm", "xpm pm", "ärpm", "", "ö", "snöpm 5 kr", "köpköp", "köp köpa",
    ];
    for (const c of cases) {
      assert.equal(fast(c), reference.test(c), c);
      assert.equal(fastWords(c), referenceWords.test(c), c);
    }
  });

  test("on random text built from the cue words and letters", () => {
    const piece = fc.constantFrom("säljer", "sälj", "köp", "pm", "tryck här", "kr/mån", "%", "5", " ", "a", "ö", "x", "😀", "kr", ".", "\n");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const s = parts.join("");
        return fast(s) === reference.test(s) && fastWords(s) === referenceWords.test(s);
      }),
      { numRuns: 2000 },
    );
  });
});
