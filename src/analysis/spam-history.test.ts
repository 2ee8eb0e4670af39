import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { hamming64, simhash, SpamHistory } from "./spam-history.ts";

/** The plain vote (one counter per bit) that the bit-sliced simhash must equal. */
function referenceSimhash(words: readonly string[]): { hi: number; lo: number } {
  const fnv = (h: number, s: string): number => {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    return h;
  };
  const ones = new Int32Array(64);
  let features = 0;
  const add = (a: number, b: number): void => {
    features++;
    for (let k = 0; k < 32; k++) {
      ones[k]! += (a >>> k) & 1;
      ones[k + 32]! += (b >>> k) & 1;
    }
  };
  const sample = words.length > 64;
  const seedA = 0x811c9dc5 | 0;
  const seedB = (0x811c9dc5 ^ 0x9e3779b9) | 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const ha = fnv(seedA, w);
    const hb = fnv(seedB, w);
    if (!sample || (w.charCodeAt(0) + w.length) % 4 === 0) add(ha >>> 0, hb >>> 0);
    if (i + 1 < words.length) {
      const next = words[i + 1]!;
      if (!sample || (next.charCodeAt(0) + w.length) % 4 === 0) {
        add(fnv(Math.imul(ha ^ 0x20, 0x01000193), next) >>> 0, fnv(Math.imul(hb ^ 0x20, 0x01000193), next) >>> 0);
      }
    }
  }
  let lo = 0;
  let hi = 0;
  for (let k = 0; k < 32; k++) {
    if (2 * ones[k]! > features) lo |= 1 << k;
    if (2 * ones[k + 32]! > features) hi |= 1 << k;
  }
  return { hi: hi >>> 0, lo: lo >>> 0 };
}

const words = (s: string): string[] => s.toLowerCase().split(/\s+/);

describe("SimHash and the spam history", () => {
  test("near-identical texts are close, different texts are far", () => {
    const a = simhash(words("Kommunen mörkar de verkliga kostnaderna för cykelbanan läs min granskning"));
    const b = simhash(words("kommunen mörkar de verkliga kostnaderna för cykelbanan läs min granskning här"));
    const c = simhash(words("Vilka öppettider gäller för simhallen under sommarlovet i år"));
    assert.ok(hamming64(a.hi, a.lo, b.hi, b.lo) <= 12);
    assert.ok(hamming64(a.hi, a.lo, c.hi, c.lo) > 16);
  });

  test("the bit-sliced vote gives the plain vote's hash", () => {
    const word = fc.constantFrom("a", "och", "kommunen", "mörkar", "simhallen", "x", "ab", "öppettider", "å", "zz", "q", "cykelbanan");
    fc.assert(
      fc.property(fc.array(word, { maxLength: 300 }), (ws) => {
        assert.deepEqual(simhash(ws), referenceSimhash(ws));
      }),
      { numRuns: 1000 },
    );
    const many = Array.from({ length: 5000 }, (_, i) => `ord${i % 37}`);
    assert.deepEqual(simhash(many), referenceSimhash(many));
  });

  test("counts repeats by author within the window and stays bounded", () => {
    const h = new SpamHistory(50);
    const s = simhash(words("samma text igen och igen och igen"));
    assert.deepEqual(h.checkAndAdd({ ...s, author: "a", at: 0 }, 60_000, 3), { sameAuthor: 0, otherAuthors: 0 });
    assert.deepEqual(h.checkAndAdd({ ...s, author: "a", at: 1000 }, 60_000, 3), { sameAuthor: 1, otherAuthors: 0 });
    assert.deepEqual(h.checkAndAdd({ ...s, author: "b", at: 2000 }, 60_000, 3), { sameAuthor: 0, otherAuthors: 1 });
    assert.deepEqual(h.checkAndAdd({ ...s, author: "c", at: 10 * 60_000 }, 60_000, 3), { sameAuthor: 0, otherAuthors: 0 });
    for (let i = 0; i < 500; i++) h.checkAndAdd({ ...simhash(words(`text nummer ${i} om något`)), author: `u${i}`, at: i }, 60_000, 3);
    assert.equal(h.size, 50);
  });

  test("time comes from the comments, not the clock", () => {
    const h = new SpamHistory(10);
    assert.equal(h.timeOf("2026-02-01T10:00:00Z"), Date.parse("2026-02-01T10:00:00Z"));
    assert.equal(h.timeOf(undefined), Date.parse("2026-02-01T10:00:00Z"));
    assert.equal(h.timeOf("not a date"), Date.parse("2026-02-01T10:00:00Z"));
  });
});
