import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { expandBraces, LexMatcher } from "./matcher.ts";
import { normalize } from "./normalize.ts";
import { tokenize } from "./tokens.ts";

function matcher(): LexMatcher {
  const m = new LexMatcher();
  const base = { severity: 3, tags: [] as string[] };
  m.add({ ...base, id: "profanity.kuk", kind: "profanity", form: "kuk", endings: new Set(["", "en", "ar"]), modifier: true, head: true });
  m.add({ ...base, id: "profanity.fan", kind: "profanity", form: "fan", endings: new Set([""]), modifier: false, head: false });
  m.add({ ...base, id: "profanity.rov", kind: "profanity", form: "röv", endings: new Set(["", "en"]), modifier: ["hål"], head: true });
  m.add({ ...base, id: "insult.idiot", kind: "insult", form: "idiot", endings: new Set(["", "en", "er"]), modifier: true, head: true });
  m.add({ ...base, id: "innocent.kukkola", kind: "innocent", form: "kukkola", endings: null, modifier: false, head: false });
  m.add({ ...base, id: "profanity.fitta", kind: "profanity", form: "fitt", endings: new Set(["a", "an", "or"]), modifier: true, head: true });
  return m;
}

function ids(text: string): string[] {
  const m = matcher();
  const n = normalize(text);
  return m.matchAll(n, tokenize(n)).map((h) => `${h.entry.id}:${h.how}`);
}

describe("LexMatcher", () => {
  test("a stem matches with its endings only", () => {
    assert.deepEqual(ids("kukar"), ["profanity.kuk:word"]);
    assert.deepEqual(ids("fan"), ["profanity.fan:word"]);
    assert.deepEqual(ids("fanns fantastisk elefant Stefan"), []);
    assert.deepEqual(ids("rövare"), []); // "are" is not an ending and not an allowed compound part
  });

  test("compounds: modifier and head", () => {
    assert.deepEqual(ids("idiotpolitiker"), ["insult.idiot:modifier"]);
    assert.deepEqual(ids("byidioten"), ["insult.idiot:head"]);
    assert.deepEqual(ids("rövhål"), ["profanity.rov:modifier"]);
  });

  test("innocent words protect the stems inside them", () => {
    assert.deepEqual(ids("Kukkola"), []);
    assert.deepEqual(ids("Kukkolaforsen"), []);
  });

  test("leet alternatives, wildcards and stretched letters", () => {
    assert.deepEqual(ids("r0ven"), ["profanity.rov:word"]);
    assert.deepEqual(ids("k*k"), ["profanity.kuk:word"]);
    assert.deepEqual(ids("fiiiittaaa"), ["profanity.fitta:word"]);
  });

  test("plain tokens are cached without changing results", () => {
    const m = matcher();
    const n = normalize("idioter idioter");
    const t = tokenize(n);
    assert.equal(m.matchAll(n, t).length, 2);
    assert.equal(m.matchAll(n, t).length, 2);
  });

  test("gate words are reported through the callback, never as hits", () => {
    const m = matcher();
    m.addGate("döda", false, 7);
    const n = normalize("jag ska döda");
    const seen: number[] = [];
    const hits = m.matchAll(n, tokenize(n), (e, tok) => seen.push(...e.gateIds!, tok));
    assert.deepEqual(hits, []);
    assert.deepEqual(seen, [7, 2]);
  });
});

describe("expandBraces", () => {
  test("expands alternatives, empty ones included", () => {
    assert.deepEqual(expandBraces("död{a|ar}"), ["döda", "dödar"]);
    assert.deepEqual(expandBraces("{|o}fin{|a}"), ["fin", "fina", "ofin", "ofina"]);
  });
});
