import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { compilePattern, compilePhrases, normalizeLiteral } from "./phrases.ts";

const classes = {
  JAG: { members: ["jag", "vi"] },
  DIG: { members: ["dig", "er"] },
  HARM: { members: ["död{a|ar}", "slå ihjäl"] },
  NUM: { members: ["re:\\d+"] },
};

function re(pattern: string): RegExp {
  return new RegExp(compilePattern(pattern, classes).source, "u");
}

describe("phrase patterns", () => {
  test("words, classes and a bounded gap that never spans a negation", () => {
    const r = re("@JAG ~2 !@HARM @DIG");
    assert.ok(r.test("jag ska döda dig"));
    assert.ok(r.test("vi kommer att slå ihjäl er"));
    assert.ok(!r.test("jag ska inte döda dig"));
    assert.ok(!r.test("jag ska nog aldrig döda dig"));
    assert.ok(!r.test("jag ska döda tiden"));
  });

  test("word boundaries treat å, ä, ö as letters", () => {
    const r = re("!hora");
    assert.ok(r.test("din hora"));
    assert.ok(!r.test("höra"));
    assert.ok(!r.test("horan")); // no ending in the pattern
    assert.ok(!re("!är").test("äär"));
  });

  test("optional tokens, empty alternatives and trailing `*`", () => {
    const r = re("?{alla} !invandrar{e|na} {är} {en|ett|} pest*");
    assert.ok(r.test("invandrare är en pest"));
    assert.ok(r.test("alla invandrarna är pesten"));
    assert.ok(r.test("invandrare är pestsmittade"));
  });

  test("sentence anchors", () => {
    const r = re("^ !dö $");
    assert.ok(r.test("dö."));
    assert.ok(r.test("tack. dö!"));
    assert.ok(!r.test("jag dö av skratt"));
  });

  test("leading `*` matches compounds", () => {
    assert.ok(re("!{*skolan}").test("sylteskolan"));
  });

  test("gates: every required word, the marked one first", () => {
    const { gate, requires } = compilePattern("@JAG ~2 !@HARM ?{nu} @DIG @NUM", classes);
    assert.equal(gate.key, "gate:@HARM");
    assert.deepEqual(requires.map((g) => g.key).sort(), ["gate:@DIG", "gate:@HARM", "gate:@JAG"]);
    // A multi-word form gates on its longest word: "slå ihjäl" on "ihjäl".
    assert.deepEqual(gate.forms, ["döda", "dödar", "ihjäl"]);
  });

  test("a pattern without any word cannot be compiled", () => {
    assert.throws(() => compilePattern("@NUM", classes), /required word/);
  });

  test("rules with the same required words share one regex", () => {
    const { rules, gates } = compilePhrases("threat", [{ id: "x", p: ["@JAG !@HARM @DIG", "@JAG ~1 !@HARM @DIG"] }], classes);
    assert.equal(rules.length, 1);
    assert.equal(rules[0]!.id, "threat.x");
    assert.equal(gates.length, 3);
  });

  test("literals are normalised like comment text", () => {
    assert.equal(normalizeLiteral("SMS-Lån @PRICE"), "smslån @PRICE");
  });
});

describe("anchored search", () => {
  test("a match starts at most maxBefore words before its gate word", () => {
    const { maxBefore, anchorable } = compilePattern("@JAG ~2 !@HARM @DIG", classes);
    assert.equal(maxBefore, 4); // jag + two gap words + "slå" before "ihjäl"
    assert.equal(anchorable, true);
    assert.equal(compilePattern("@NUM !kr", classes).anchorable, false);
  });
});
