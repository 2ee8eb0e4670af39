import assert from "node:assert/strict";
import { test } from "node:test";
import { isQuestion } from "./suggest-reply.ts";

test("questions are recognised by a question mark or a Swedish question opening", () => {
  assert.equal(isQuestion("vart vänder jag mig för bygglov"), true);
  assert.equal(isQuestion("När öppnar simhallen?"), true);
  assert.equal(isQuestion("Hur gör man en felanmälan"), true);
  assert.equal(isQuestion("Grattis till alla som tog studenten!"), false);
  assert.equal(isQuestion("Varmt välkomna på lördag."), false);
});
