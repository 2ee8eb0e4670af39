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

  test("generalised families: sexual remarks about staff, undress orders, persistence, women excluded", () => {
    deepEqual(misses(["Badvakten är så sexig", "Ta av dig tröjan nästa gång", "Jag taggar dig tills du svarar, Anna", "Jag har sparat alla dina bilder", "Kvinnor borde inte få leda nämnden"], "sexism_harassment"), []);
    deepEqual(falseHits(["Personalen borde le mer", "Jag mejlar kommunen tills ni svarar", "Ta av dig skorna i hallen", "Maten var så läcker"], "sexism_harassment"), []);
  });

  test("body remarks about staff, kitchen tropes and slut-shaming; solidarity is not sexism", () => {
    deepEqual(misses(["Snygga bröst på kassörskan", "Hon borde stanna i köket", "Tjejer ska inte köra plogbil", "Du är en lössläppt tjej"], "sexism_harassment"), []);
    deepEqual(falseHits(["Kvinnor ska inte behöva vara rädda", "Kvinnor ska inte jobba gratis", "Snygga ben på de nya bänkarna"], "sexism_harassment"), []);
  });

  test("advances: a lay, naked, under the skirt, pet names, 'because she is a woman'; clothing advice and reports are not", () => {
    deepEqual(misses(["Du skulle behöva ett ligg", "Jag vill se dig naken", "Vad har du på dig under kjolen?", "Hon fick jobbet för att hon är kvinna", "Hej snygging, ses vi ikväll?", "Tjejer kan inte parkera", "Jag blir kåt när du pratar"], "sexism_harassment"), []);
    deepEqual(falseHits(["Vad har du på dig under skidåkningen?", "Tjejerna kan inte spela på lördag, planen är stängd", "Han tafsade på henne på bussen, hur anmäler man?"], "sexism_harassment"), []);
  });
});
