import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { analyzeOne, falseHits, misses } from "./test-fixtures.ts";

describe("copyright phase", () => {
  test("pirate links, magnet links, IPTV, cracked software, pasted articles", () => {
    const article = `Här är hela artikeln för er som inte har plus:\n\nNY CYKELBANA SPLITTRAR STADEN\nPublicerad 12 mars 2026 kl. 06.00\n${"Det omfattande vägarbetet drar ut på tiden och handlarna är oroliga. ".repeat(25)}`;
    assert.deepEqual(
      misses(["Hela filmen här thepiratebay.org/torrent/1", "magnet:?xt=urn:btih:abc123", "IPTV säljes 12 mån 499 kr", "Crackad Photoshop, ladda ner", article], "copyright"),
      [],
    );
  });

  test("talking about films, streaming services and the library is lawful", () => {
    assert.deepEqual(
      falseHits(["Finns filmen på biblioteket?", "Visas matchen på storbild på torget?", "Jag har Netflix och Viaplay hemma", "Se föreställningen gratis i parken på lördag"], "copyright"),
      [],
    );
  });

  test("pirate links carry the BBS §5 basis", () => {
    const f = analyzeOne("thepiratebay.org/x").findings.find((x) => x.category === "copyright")!;
    assert.equal(f.legalBasis, "bbs-5");
  });

  test("generalised families: pasted news, IPTV boxes, ripped media, free streams behind unknown links", () => {
    assert.deepEqual(misses(["Kopierat från TTELA eftersom artikeln är låst: Kommunen har beslutat…", "Jailbreakad firestick med alla kanaler, 500 kr", "Rippade ljudboken från Storytel, den ligger som mp3 på min drive", "Matchen live gratis här: fotbollstream24.net"], "copyright"), []);
    assert.deepEqual(falseHits(["Matchen sänds live gratis på svtplay.se", "Ljudboken finns gratis att låna här på biblioteket", "Kodi är en gratis mediaspelare", "Jag kom inte in eftersom det är låst", "Har ni läst hela artikeln i TTELA?"], "copyright"), []);
  });
});
