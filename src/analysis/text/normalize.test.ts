import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { F_LEET, F_STRETCH, F_WILD, normalize, normalizeFull, originalSpan } from "./normalize.ts";

const norm = (s: string): string => normalize(s).text;

describe("normalize", () => {
  test("lowercases and collapses whitespace, keeping line breaks", () => {
    assert.equal(norm("Hej  DU\n\n där"), "hej du\ndär");
  });

  test("å, ä, ö are kept as letters, never folded", () => {
    assert.equal(norm("HÖRA Åsa ÄR"), "höra åsa är");
    assert.notEqual(norm("höra"), norm("hora"));
  });

  test("NFKC, zero-width, bidi and combining-mark tricks are undone", () => {
    assert.equal(norm("ｆｉｔｔａ"), "fitta");
    assert.equal(norm("𝐟𝐢𝐭𝐭𝐚"), "fitta");
    assert.equal(norm("fi\u200Btt\u202Ea"), "fitta");
    assert.equal(norm("f̸̢i̵t̷t̴a̶"), "fitta");
    assert.equal(norm("a\u0308r"), "är"); // decomposed ä
  });

  test("Cyrillic and Greek look-alikes become Latin letters", () => {
    assert.equal(norm("fіttа"), "fitta"); // Cyrillic і and а
    assert.equal(norm("ιdιοt"), "idiot"); // Greek ι and ο
  });

  test("leetspeak inside words, numbers stay numbers", () => {
    assert.equal(norm("h3lvete j@vla sh!t"), "helvete javla shit");
    assert.equal(norm("KS 2026/00123 kl. 10"), "ks 2026/00123 kl. 10");
    assert.equal(norm("hej! @anna"), "hej! @anna");
    const n = normalize("r0v");
    assert.equal(n.text, "rov");
    assert.equal(n.flags[1]! & F_LEET, F_LEET);
    assert.equal(String.fromCharCode(n.alt[1]!), "ö"); // 0 may stand for ö
  });

  test("spaced-out letters are joined; a wider gap separates words", () => {
    assert.equal(norm("j ä v l a"), "jävla");
    assert.equal(norm("j.ä.v.l.a"), "jävla");
    assert.equal(norm("j a g  s k a  d ö d a  d i g"), "jag ska döda dig");
    assert.equal(norm("i år"), "i år");
  });

  test("masked letters become wildcards; compound hyphens are dropped", () => {
    const a = normalize("f-n");
    assert.equal(a.text, "f*n");
    assert.equal(a.flags[1], F_WILD);
    assert.equal(norm("f**k"), "f*k");
    assert.equal(norm("skit-snygg"), "skitsnygg");
    assert.equal(norm("t.ex."), "t.ex.");
  });

  test("stretched letters collapse to one unit that may stand for one or two", () => {
    const n = normalize("jäääävla");
    assert.equal(n.text, "jävla");
    assert.equal(n.flags[1], F_STRETCH);
    assert.equal(norm("fann"), "fann"); // a real double letter stays
  });

  test("the offset map points back into the original text", () => {
    const original = "Din J@VLA i d i o t, ｆｉｔｔａ!";
    const n = normalize(original);
    for (const word of ["javla", "idiot", "fitta"]) {
      const at = n.text.indexOf(word);
      assert.ok(at >= 0, word);
      const { start, end } = originalSpan(n, at, at + word.length);
      assert.ok(start >= 0 && end <= original.length && start < end);
    }
    const at = n.text.indexOf("javla");
    const sp = originalSpan(n, at, at + 5);
    assert.equal(original.slice(sp.start, sp.end), "J@VLA");
    const id = n.text.indexOf("idiot");
    const sp2 = originalSpan(n, id, id + 5);
    assert.equal(original.slice(sp2.start, sp2.end), "i d i o t");
  });

  test("plain text takes the identity fast path", () => {
    const s = "Vilka öppettider gäller för simhallen i sommar?";
    const n = normalize(s);
    assert.equal(n.text, s.toLowerCase());
    assert.equal(n.start.length, s.length);
    assert.equal(n.start[10], 10);
    assert.equal(n.special, false);
  });

  test("the fast path gives exactly what the full normalisation gives", () => {
    const piece = fc.constantFrom(
      "Hej", "hej", "på", "ÅÄÖ", "é", " ", "  ", "\n", ".", "!", "?", ",", "a", "b", "j", "ä", "x", "5", "12", "@", "$", "*", "-", "_", "'",
      "😀", "👍", "🎉", "👍🏽", "❤️", "👨‍👩", "🄰", "𝐀", "\u0301", "\u200b", "\ud83d", "\ude00", "ааа", "aaa", "sss", "\t",
    );
    const same = (s: string): void => {
      const a = normalize(s);
      const b = normalizeFull(s);
      assert.deepEqual(
        { text: a.text, start: [...a.start], end: [...a.end], flags: [...a.flags], alt: [...a.alt], special: a.special, digits: a.digits, nonAscii: a.nonAscii },
        { text: b.text, start: [...b.start], end: [...b.end], flags: [...b.flags], alt: [...b.alt], special: b.special, digits: b.digits, nonAscii: b.nonAscii },
        JSON.stringify(s),
      );
    };
    for (const s of ["Fina bilder från lekplatsen! 📸", "Tack 👍👍", "bra 😊 och 😂😂😂", "😀", "a 😀 b", "j ä v l a 😀", "5😀", "😀\u0301"]) same(s);
    fc.assert(fc.property(fc.array(piece, { maxLength: 16 }), (parts) => same(parts.join(""))), { numRuns: 3000 });
  });

  test("counts digits and notes non-ASCII text", () => {
    const n = normalize("Ring 070-123 45 67 😀");
    assert.equal(n.digits, 10);
    assert.equal(n.nonAscii, true);
  });
});
