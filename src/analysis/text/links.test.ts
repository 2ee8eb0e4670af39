import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { findLinks, linkifyAll } from "./links.ts";

describe("findLinks", () => {
  test("finds links and addresses with their offsets", () => {
    const filler = "Vi var vid simhallen i helgen och det var jättefint, tack för att ni håller öppet. ".repeat(4);
    const text = `${filler}Läs mer på www.trollhattan.se/simhall eller mejla anna.svensson@gmail.com. ${filler}`;
    const found = findLinks(text);
    assert.deepEqual(
      found.map((m) => [text.slice(m.index, m.lastIndex), m.schema]),
      [["www.trollhattan.se/simhall", ""], ["anna.svensson@gmail.com", "mailto:"]],
    );
  });

  test("gives exactly what linkify-it gives over the whole text", () => {
    const piece = fc.constantFrom(
      "x.se", "www.trollhattan.se", "http://a.b/c?d=e", "https://x.y/z.", "mailto:a@b.se", "a@b.se", "anna.svensson@gmail.com", "@anna",
      "//localhost", "localhost", "☃.net", "räksmörgås.se", "kolla:", ":", "/", ".", "..", ",", "(", ")", '"', "'", "<", ">", "|",
      " ", "  ", "\n", "\t", "\r\n", "\u00a0", "\u2003", "。", "hej", "Hej.", "123", "1.5", "t.ex", "e-post", "-", "_", "ftp://x.se",
      "x.se/path", "x.com:8080", "😀", "xn--p1ai", ".рф", "bit.ly/abc", "a".repeat(70), "www.", ".se", "@", "?", "#", "&",
    );
    // Long enough to take the segmented path.
    const long = "Det här är en lång kommentar om snöröjningen i kvarteret, ".repeat(4);
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), fc.boolean(), (parts, pad) => {
        const text = (pad ? long : "") + parts.join("") + (pad ? "" : long);
        assert.deepEqual(findLinks(text), linkifyAll(text), JSON.stringify(text));
      }),
      { numRuns: 4000 },
    );
  });
});
