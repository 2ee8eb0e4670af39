import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { editDistance } from "./misleading.ts";
import { falseHits, misses } from "./test-fixtures.ts";

describe("misleading phase", () => {
  test("look-alike domains, posing contacts, phishing, fake announcements", () => {
    assert.deepEqual(
      misses(
        [
          "Läs mer på trollhattan-kommun.se",
          "Nya sidan: trolhattan.se/ansok",
          "Kommunens nya nummer är 070-111 22 33",
          "Kontakta kommunens växel på kontaktcenter.trollhattan@gmail.com",
          "Verifiera ditt konto här: bit.ly/x",
          "Trollhättans stad: alla skolor är stängda imorgon, sprid vidare!",
          "Logga in med BankID via länken för att få din återbetalning",
          "Ansök på trollhättan.se/bidrag", // the name with ä, a different domain
          "Ansök på trоllhattan.se/bidrag", // Cyrillic о
          "Ansök på https://xn--trollhttan-q5a.se/bidrag", // punycode of trollhättan.se
          "Logga in på trollhattan.se.secure-login.com",
        ],
        "misleading",
      ),
      [],
    );
  });

  test("the city's own contacts and warnings about phishing are not misleading", () => {
    assert.deepEqual(
      falseHits(
        [
          "Ring kommunens växel på 0520-49 50 00",
          "Mejla kontaktcenter@trollhattan.se",
          "Läs mer på www.trollhattan.se/skola",
          "Varning: falska sms om återbetalning från kommunen går runt, klicka inte!",
          "Förskolan har stängt pga vattenläcka enligt kommunens hemsida",
        ],
        "misleading",
      ),
      [],
    );
  });

  test("editDistance", () => {
    assert.equal(editDistance("trollhattan", "trolhattan", 2), 1);
    assert.equal(editDistance("trollhattan", "uddevalla", 2), 3);
  });

  test("a service line attributed to the city ('felanmälan görs numera på 070-…') poses as the city's; its own number does not", () => {
    assert.deepEqual(misses(["Felanmälan av gatlampor görs numera på 070-174 06 21"], "misleading"), []);
    assert.deepEqual(falseHits(["Felanmälan görs på 0520-49 50 00"], "misleading"), []);
  });
});
