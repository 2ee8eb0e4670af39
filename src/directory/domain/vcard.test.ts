import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { contactPointToVCard, escapeText, foldLine, unitToVCard } from "./vcard.ts";
import { DEMO_IDS, demoSnapshot } from "./demo.ts";

/** Unfolds per RFC 6350 §3.2, for reading cards back in tests. */
const unfold = (card: string) => card.replace(/\r\n /gu, "").split("\r\n").filter((l) => l !== "");

describe("vCard 4.0", () => {
  test("the contact center's card", () => {
    const card = unitToVCard(DEMO_IDS.kontaktcenter, demoSnapshot());
    assert.ok(card);
    assert.ok(card.endsWith("END:VCARD\r\n"));
    assert.doesNotMatch(card.replace(/\r\n/gu, ""), /\n|\r/u, "only CRLF line ends");
    const lines = unfold(card);
    assert.deepEqual(lines.slice(0, 5), ["BEGIN:VCARD", "VERSION:4.0", "KIND:org", "FN:Kontaktcenter – en väg in\\, Trollhättans Stad", "ORG:Trollhättans Stad;Kommunstyrelseförvaltningen;Kontaktcenter – en väg in"]);
    assert.ok(lines.includes("TEL;TYPE=work,voice;VALUE=uri:tel:+46520495000"));
    assert.ok(lines.includes("EMAIL;TYPE=work:kontaktcenter@trollhattan.se"));
    assert.ok(lines.includes("ADR;TYPE=work:;;Gärdhemsvägen 9;Trollhättan;;461 83;Sverige"));
    assert.ok(lines.includes("NOTE:Telefontider: Måndag–fredag 08:00–16:30\\; stängt på helgdagar"));
  });

  test("lines are folded at 75 octets without splitting UTF-8 characters", () => {
    const s = demoSnapshot();
    s.units = s.units.map((u) => (u.id === DEMO_IDS.kontaktcenter ? { ...u, name: "Kontaktcenter för åäö-frågor ".repeat(6).trim() } : u));
    const card = unitToVCard(DEMO_IDS.kontaktcenter, s) ?? "";
    for (const line of card.split("\r\n")) assert.ok(Buffer.byteLength(line, "utf8") <= 75, line);
    assert.ok(unfold(card).some((l) => l.startsWith("FN:Kontaktcenter för åäö-frågor Kontaktcenter")));
    const folded = foldLine("X".repeat(200));
    assert.deepEqual(folded.split("\r\n ").map((p) => p.length), [75, 74, 51]);
  });

  test("text values are escaped", () => {
    assert.equal(escapeText("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
  });

  test("a unit without contacts carries the fallback, and says so", () => {
    const lines = unfold(unitToVCard(DEMO_IDS.forskolaNorr, demoSnapshot()) ?? "");
    assert.ok(lines.includes("TEL;TYPE=work,voice;VALUE=uri:tel:+46520495000"));
    assert.ok(lines.some((l) => l.startsWith("NOTE:Kontakt via Kontaktcenter – en väg in")));
  });

  test("a single contact point", () => {
    const s = demoSnapshot();
    const bygglov = s.contactPoints.find((c) => c.unitId === DEMO_IDS.bygglov);
    const lines = unfold(contactPointToVCard(bygglov?.id ?? "", s) ?? "");
    assert.ok(lines.includes("EMAIL;TYPE=work:bygglov@trollhattan.se"));
    assert.equal(lines.filter((l) => l.startsWith("TEL")).length, 0);
    assert.equal(contactPointToVCard("missing", s), null);
  });
});
