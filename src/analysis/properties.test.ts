// Property tests: for any input the analyzer never throws, reports spans inside
// the original text with matching evidence, is deterministic, and stays
// linear (a 1 MB comment well under a second).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { createAnalyzer } from "./analyzer.ts";
import type { AnalysisResult, CommentInput } from "./types.ts";
import { TEST_ORG } from "./detectors/test-fixtures.ts";
import { normalize, originalSpan } from "./text/normalize.ts";

// Text that reaches the interesting code paths: Swedish words, trigger words,
// leet, separators, digits, URLs, emoji, combining marks and odd code units.
const pieces = [
  "jävla", "j@vla", "idiot", "döda", "dig", "jag", "ska", "hora", "beslut", "Kukkola", "fan", "skit", "rösta", "SD", "på",
  "19900101-0017", "070-174 06 05", "trollhattan-kommun.se", "www.pornhub.com", "iptv", "kr", "20%", "Anna", "Svensson",
  " ", "  ", "\n", ".", "!", "?", "-", "*", "@", "\"", "😀", "🔪", "\u0301", "\u200b", "\u202e", "ｆ", "𝐟", "å", "ä", "ö", "\ud800",
];
const text = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: "binary", maxLength: 100 }),
  fc.string({ unit: "grapheme", maxLength: 60 }),
  fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((xs) => xs.join("")),
  fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((xs) => xs.join(" ")),
);
const comment = fc.record({
  text,
  author: fc.option(fc.constantFrom("a", "b", "c"), { nil: undefined }),
  at: fc.option(fc.integer({ min: 0, max: 3 * 3600 }).map((s) => new Date(Date.UTC(2026, 0, 1) + s * 1000).toISOString()), { nil: undefined }),
});

function checkSpans(input: CommentInput, r: AnalysisResult): void {
  for (const f of r.findings) {
    assert.ok(Number.isInteger(f.start) && Number.isInteger(f.end), "integer offsets");
    assert.ok(f.start >= 0 && f.start < f.end && f.end <= input.text.length, `span ${f.start}-${f.end} in ${input.text.length}`);
    assert.equal(f.evidence, input.text.slice(f.start, Math.min(f.end, f.start + 200)));
    assert.ok(f.confidence > 0 && f.confidence <= 1);
  }
  assert.deepEqual(r.labels, [...new Set(r.findings.map((f) => f.category))].sort((a, b) => order(a) - order(b)));
}
const cats = ["personal_data", "threat", "insult", "hate", "sexism_harassment", "violence_porn", "crime_incitement", "copyright", "profanity", "commercial", "party_political", "spam", "misleading"];
const order = (c: string): number => cats.indexOf(c);

describe("analyzer properties", () => {
  test("never throws; spans inside the text, evidence equals the span", () => {
    const a = createAnalyzer({ org: TEST_ORG });
    fc.assert(
      fc.property(comment, (c) => {
        checkSpans(c, a.analyze(c));
      }),
      { numRuns: 1500 },
    );
  });

  test("deterministic: the same comment sequence gives the same results", () => {
    fc.assert(
      fc.property(fc.array(comment, { maxLength: 20 }), (seq) => {
        const a = createAnalyzer({ org: TEST_ORG });
        const b = createAnalyzer({ org: TEST_ORG });
        for (const c of seq) assert.deepEqual(a.analyze(c), b.analyze(c));
      }),
      { numRuns: 150 },
    );
  });

  test("the normaliser's offset map is monotone and inside the original", () => {
    fc.assert(
      fc.property(text, (s) => {
        const n = normalize(s);
        assert.equal(n.start.length, n.text.length);
        for (let k = 0; k < n.text.length; k++) {
          assert.ok(n.start[k]! >= 0 && n.end[k]! <= s.length && n.start[k]! < n.end[k]!);
          if (k > 0) assert.ok(n.start[k]! >= n.start[k - 1]!);
        }
        const sp = originalSpan(n, 0, n.text.length);
        assert.ok(sp.start <= sp.end && sp.end <= s.length);
      }),
      { numRuns: 1500 },
    );
  });

  test("a 1 MB comment finishes well under a second, also a hostile one", () => {
    const a = createAnalyzer({ org: TEST_ORG });
    const inputs = [
      "Det här är en helt vanlig kommentar om kommunens beslut och jag tycker att ni borde tänka om. ".repeat(11_000),
      "jävla idiot jag ska döda dig rösta på sd 070-174 06 05 www.pornhub.com vi vet var du bor ".repeat(12_000),
      "a".repeat(1_000_000),
      "j a g  s k a  ".repeat(80_000),
      "🔪".repeat(500_000),
    ];
    for (const text of inputs) {
      // CPU time, not wall time: the test machine may be shared.
      const t0 = process.cpuUsage();
      const r = a.analyze({ text });
      const used = process.cpuUsage(t0);
      const ms = (used.user + used.system) / 1000;
      checkSpans({ text }, r);
      assert.ok(ms < 1000, `${text.slice(0, 20)}…: ${ms.toFixed(0)} ms`);
    }
  });
});
