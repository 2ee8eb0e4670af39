import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { TextCache } from "./text-cache.ts";

describe("TextCache", () => {
  test("returns what was added and stays within its capacity", () => {
    const c = new TextCache<number>(3);
    c.add("a", 1);
    c.add("b", 2);
    c.add("c", 3);
    assert.equal(c.get("b"), 2);
    for (let i = 0; i < 100; i++) c.add(`x${i}`, i);
    assert.equal(c.size, 3);
    assert.equal(c.get("x99"), 99);
  });

  test("an entry that was used survives the next eviction, one that was not goes", () => {
    const c = new TextCache<string>(3);
    c.add("a", "A");
    c.add("b", "B");
    c.add("c", "C");
    c.get("a");
    c.add("d", "D"); // the hand passes "a" (used), evicts "b"
    assert.equal(c.get("a"), "A");
    assert.equal(c.get("b"), undefined);
    assert.equal(c.get("c"), "C");
    assert.equal(c.get("d"), "D");
  });
});
