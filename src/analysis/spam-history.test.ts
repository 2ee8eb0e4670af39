import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { hamming64, simhash, SpamHistory } from "./spam-history.ts";

const words = (s: string): string[] => s.toLowerCase().split(/\s+/);

describe("SimHash and the spam history", () => {
  test("near-identical texts are close, different texts are far", () => {
    const a = simhash(words("Kommunen mörkar de verkliga kostnaderna för cykelbanan läs min granskning"));
    const b = simhash(words("kommunen mörkar de verkliga kostnaderna för cykelbanan läs min granskning här"));
    const c = simhash(words("Vilka öppettider gäller för simhallen under sommarlovet i år"));
    assert.ok(hamming64(a.hi, a.lo, b.hi, b.lo) <= 12);
    assert.ok(hamming64(a.hi, a.lo, c.hi, c.lo) > 16);
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
