import assert from "node:assert/strict";
import { test } from "node:test";
import { demoSnapshot } from "../domain/index.ts";
import { checkContactValue } from "./contact-check.ts";

test("contact values are judged against the published directory", () => {
  const s = demoSnapshot();
  const verdict = (v: string) => checkContactValue(v, s).verdict;
  assert.equal(verdict("0520-49 50 00"), "published");
  assert.equal(verdict("+46520495000"), "published");
  assert.equal(verdict("Kontaktcenter@Trollhattan.se"), "published");
  assert.equal(verdict("https://www.trollhattan.se/"), "published");
  assert.equal(verdict("0520-49 99 99"), "own-unpublished");
  assert.equal(verdict("info@trollhattan.se"), "own-unpublished");
  assert.equal(verdict("kundtjanst@trollhattan-stad.com"), "foreign", "a look-alike domain is not the city's");
  assert.equal(verdict("08-123 456 78"), "foreign");
  assert.equal(verdict("https://trollhattan.example.com/betala"), "foreign");
  assert.equal(verdict("hej hopp"), "unknown");
});
