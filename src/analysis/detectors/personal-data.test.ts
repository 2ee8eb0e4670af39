import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { findPersonnummer } from "./personal-data.ts";
import { analyzeOne, falseHits, misses } from "./test-fixtures.ts";

const data = path.resolve(import.meta.dirname, "../../../../shared/data/personnummer-testdata");
const load = <T>(f: string): T => JSON.parse(readFileSync(path.join(data, f), "utf8")) as T;

/** Every written form of a 12-digit number: with/without century, -, +, space, spaced digits. */
function forms(long: string): string[] {
  const yy = long.slice(2, 8);
  const rest = long.slice(8);
  const old = Number(long.slice(0, 4)) <= new Date().getFullYear() - 100;
  const sep = old ? "+" : "-";
  return [
    long,
    `${long.slice(0, 8)}-${rest}`,
    `${long.slice(0, 8)} ${rest}`,
    `${yy}${sep}${rest}`,
    `${yy} ${rest}`,
    old ? `${yy}+${rest}` : `${yy}${rest}`,
    long.split("").join(" "),
    `${yy.slice(0, 2)} ${yy.slice(2, 4)} ${yy.slice(4)}-${rest}`,
  ];
}

describe("personal_data phase", () => {
  test("personnummer in a sentence, phone, e-mail, home address, sensitive data about a named person", () => {
    assert.deepEqual(
      misses(
        [
          "Mitt personnummer är 19900101-0017",
          "Ring honom på 070-174 06 05",
          "Hennes mejl är anna.svensson@gmail.com",
          "Han bor på Storgatan 12 i Trollhättan",
          "Anna Svensson på förskolan har hiv",
          "Erik Nord har suttit inne för rån",
          "Familjen Hassan har soc på sig för barnen",
        ],
        "personal_data",
      ),
      [],
    );
  });

  test("organisation, case, invoice numbers and the city's own contacts are not personal data", () => {
    assert.deepEqual(
      falseHits(
        [
          "Ärendet har diarienummer KS 2026/00123",
          "Organisationsnummer 212000-1561",
          "Fakturanummer 8501234567",
          "Ring kommunens växel 0520-49 50 00",
          "Mejla kontaktcenter@trollhattan.se",
          "Jag har ADHD och behöver hjälp med ansökan",
          "Gatlyktan på Storgatan 12 är trasig",
          "Ring 112 eller 1177",
        ],
        "personal_data",
      ),
      [],
    );
  });

  test("personnummer are hidden pending review, on a page-rule basis; sensitive data on BBS §5", () => {
    const pnr = analyzeOne("pnr 19900101-0017").findings.find((f) => f.category === "personal_data")!;
    assert.equal(pnr.action, "hide");
    assert.equal(pnr.legalBasis, "page-rule");
    assert.equal(pnr.evidence, "19900101-0017");
    const s = analyzeOne("Anna Svensson på förskolan har hiv").findings.find((f) => f.category === "personal_data")!;
    assert.equal(s.legalBasis, "bbs-5");
  });

  describe("Skatteverket's test numbers", { skip: !existsSync(data) }, () => {
    test("100 % recall on every test personnummer and samordningsnummer in every written form", () => {
      const pins = [...load<string[]>("allPins.json"), ...load<string[]>("allCoords.json")];
      let checked = 0;
      const missed: string[] = [];
      for (const pin of pins) {
        for (const form of forms(pin)) {
          checked++;
          const hits = findPersonnummer(`Mitt nummer: ${form}.`);
          if (hits.length !== 1 || hits[0]!.end - hits[0]!.start !== form.length) missed.push(form);
        }
      }
      assert.ok(checked > 300_000);
      assert.deepEqual(missed.slice(0, 10), []);
    });

    test("the shared list: valid ones found, invalid ones not", () => {
      const list = load<{ long_format: string; short_format: string; separated_format: string; separated_long: string; valid: boolean }[]>("list.json");
      for (const c of list) {
        // The package rejects a space as separator ("19090527 1474"), but the
        // number is valid and the issue asks for every written form: we find it.
        const spaceOnly = !c.valid && /\s/.test(c.long_format);
        for (const f of [c.long_format, c.short_format, c.separated_format, c.separated_long]) {
          assert.equal(findPersonnummer(f).length > 0, c.valid || spaceOnly, f);
        }
      }
    });

    test("organisation numbers are never taken for personnummer", () => {
      const orgs = load<{ short_format: string; separated_format: string }[]>("orgnumber.json");
      for (const o of orgs) {
        assert.deepEqual(findPersonnummer(o.short_format), [], o.short_format);
        assert.deepEqual(findPersonnummer(`Org.nr ${o.separated_format}`), [], o.separated_format);
      }
    });
  });

  test("interim personnummer (a letter in the serial) from the shared test data; invalid ones are not hits", { skip: !existsSync(data) }, () => {
    const file = path.join(data, "interim.json");
    const rows = JSON.parse(readFileSync(file, "utf8")) as { valid: boolean; long_format: string; short_format: string; separated_format: string; separated_long: string }[];
    const missed: string[] = [];
    const wrong: string[] = [];
    for (const r of rows) {
      for (const form of [r.long_format, r.short_format, r.separated_format, r.separated_long, r.separated_format.toLowerCase()]) {
        const hit = analyzeOne(`Barnet har nummer ${form} från sjukhuset`).labels.includes("personal_data");
        if (r.valid && !hit) missed.push(form);
        if (!r.valid && hit) wrong.push(form);
      }
    }
    assert.ok(rows.some((r) => r.valid) && rows.some((r) => !r.valid));
    assert.deepEqual(missed, []);
    assert.deepEqual(wrong, []);
  });

  test("criminal record and social services about a named person, in colloquial forms; one's own situation is not", () => {
    assert.deepEqual(misses(["Erik Holm sitter på kåken för rån", "Familjen Nilsson har socialen hemma hela tiden", "Lena bor på Storgatan 7B"], "personal_data"), []);
    assert.deepEqual(falseHits(["Jag har socialen hemma varje vecka och de är bra", "Vi bor på Solvägen 12B"], "personal_data"), []);
  });
});
