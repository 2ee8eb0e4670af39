import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createAnalyzer } from "../analyzer.ts";
import { TEST_ORG } from "./test-fixtures.ts";

const at = (min: number): string => new Date(Date.UTC(2026, 1, 1, 10, min)).toISOString();

describe("spam phase", () => {
  test("within one comment: repetition, gibberish, flood, link and hashtag stuffing", () => {
    const a = createAnalyzer({ org: TEST_ORG });
    for (const text of [
      "köp köp köp köp köp köp köp köp köp köp",
      "asdfgh qwerty zxcvbn",
      "dddddddddddddddddddddddddddddd",
      "www.a1.top www.b2.top www.c3.top",
      "#a #b #c #d #e #f #g",
    ]) {
      assert.ok(a.analyze({ text }).labels.includes("spam"), text);
    }
  });

  test("the same text again from one author is spam from the second time", () => {
    const a = createAnalyzer({ org: TEST_ORG });
    const text = "Kommunen mörkar de verkliga kostnaderna för cykelbanan! Läs min granskning på bloggen";
    assert.ok(!a.analyze({ text, author: "u1", at: at(0) }).labels.includes("spam"));
    assert.ok(a.analyze({ text: text.replace("!", ".").toLowerCase(), author: "u1", at: at(2) }).labels.includes("spam"));
  });

  test("near-identical text from several accounts within the window is spam (from the second copy when it carries a link)", () => {
    const a = createAnalyzer({ org: TEST_ORG });
    const text = "Nya elcyklar 70% billigare bara idag, beställ nu innan de tar slut på ecykel-rea.shop";
    assert.ok(!a.analyze({ text, author: "a", at: at(0) }).labels.includes("spam"));
    assert.ok(a.analyze({ text, author: "b", at: at(1) }).labels.includes("spam"));
    // Without a link two people may simply agree: the third copy counts.
    const plain = "Snälla ni måste fixa belysningen längs gångvägen vid ån innan vintern kommer tillbaka";
    assert.ok(!a.analyze({ text: plain, author: "a", at: at(3) }).labels.includes("spam"));
    assert.ok(!a.analyze({ text: plain, author: "b", at: at(4) }).labels.includes("spam"));
    assert.ok(a.analyze({ text: plain, author: "c", at: at(5) }).labels.includes("spam"));
  });

  test("digit cycles and keyboard mashing are spam; real long compounds are not", () => {
    const a = createAnalyzer({ org: TEST_ORG });
    assert.ok(a.analyze({ text: "123123123123123123123123123123" }).labels.includes("spam"));
    assert.ok(a.analyze({ text: "jkfdsl jfkdlsa fjdksla fjdkslaj fkdlsajf" }).labels.includes("spam"));
    assert.deepEqual(a.analyze({ text: "Handskfacket i bilen och herrskrädderiet vid torget, borgstrand är fint" }).labels, []);
    assert.deepEqual(a.analyze({ text: "Ring 0520-49 50 00 eller skriv ärende 2026/00123" }).labels, []);
  });

  test("many people writing Grattis! is not spam", () => {
    const a = createAnalyzer({ org: TEST_ORG });
    for (let i = 0; i < 20; i++) assert.deepEqual(a.analyze({ text: "Grattis! 🎉", author: `u${i}`, at: at(i) }).labels, []);
    for (let i = 0; i < 5; i++) assert.deepEqual(a.analyze({ text: "Tack för infon!", author: `v${i}`, at: at(i) }).labels, []);
  });

  test("outside the time window a repeat is not spam", () => {
    const a = createAnalyzer({ org: TEST_ORG, rules: { spam: { windowMinutes: 10, maxHistory: 100, minChars: 20, sameAuthorRepeats: 2, crossAuthorRepeats: 3, crossAuthorRepeatsWithLink: 2, maxHammingDistance: 6 } } });
    const text = "Fixa gropen på Stavrevägen nu, den har funnits där i tre månader och ingen gör något";
    a.analyze({ text, author: "u", at: at(0) });
    assert.ok(!a.analyze({ text, author: "u", at: at(30) }).labels.includes("spam"));
  });
});
