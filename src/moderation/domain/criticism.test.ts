import assert from "node:assert/strict";
import { test } from "node:test";
import { readCriticism } from "./criticism.ts";

test("criticism of the city, its decisions and officials in their role is recognised", () => {
  for (const s of [
    "Kommunen slösar bort våra skattepengar på den här renoveringen, skandal!",
    "Beslutet att stänga simhallen är helt orimligt.",
    "Politikerna i nämnden borde avgå, inkompetenta allihop.",
    "Hur kan ni lägga ner biblioteket mitt i sommaren?",
    "Fy fan vad dålig kommunen är på att skotta snö.",
  ]) assert.equal(readCriticism(s).criticism, true, s);
});

test("comments without a target or without a critical cue are not criticism", () => {
  for (const s of [
    "Grattis till alla som tog studenten!",
    "Tack för informationen, kommunen!",
    "Köp billiga klockor på www.klockor.example",
    "Vilken nivå har sjön nu?",
    "Du är en idiot", // an insult against a person, no city target
  ]) assert.equal(readCriticism(s).criticism, false, s);
});

test("å, ä, ö are letters: 'nämnd' is matched whole, 'ni' does not match inside a word", () => {
  assert.equal(readCriticism("Nämnden är inkompetent").target, "nämnd");
  assert.equal(readCriticism("Nivån är fel").target, null);
});
