import { describe, test } from "node:test";
import { deepEqual } from "node:assert/strict";
import { falseHits, misses } from "./test-fixtures.ts";

describe("sexism_harassment phase", () => {
  test("gendered slurs at a person, sexist generalisations, sexual harassment", () => {
    deepEqual(
      misses(
        [
          "Din hora",
          "Fittkärring",
          "Kvinnor borde hålla käften",
          "Tillbaka till spisen med er",
          "Jag vill knulla dig",
          "Visa tuttarna",
          "Hon behöver bara ett ligg",
        ],
        "sexism_harassment",
      ),
      [],
    );
  });

  test("reported harassment and ordinary talk about women are not hits", () => {
    deepEqual(
      falseHits(
        [
          'Någon skrev "hora" till min dotter här igår. Ta bort det!',
          "Kan man höra inspelningen i efterhand?",
          "Kvinnor och män är välkomna till träffen",
          "Grattis till alla tjejer i laget!",
        ],
        "sexism_harassment",
      ),
      [],
    );
  });
});
