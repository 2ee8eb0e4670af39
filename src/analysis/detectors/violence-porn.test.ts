import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { analyzeOne, falseHits, misses } from "./test-fixtures.ts";

describe("violence_porn phase", () => {
  test("porn and gore links, lures, shared killings, CSAM", () => {
    assert.deepEqual(
      misses(
        [
          "kolla här pornhub.com/view_video",
          "Se videon när han blir halshuggen bestgore.fun/v/1",
          "Heta singeltjejer vill träffa dig ikväll https://hot-dates.xyz",
          "Säljer barnporr, skriv i dm",
          "stora kukar och våta fittor, kolla min profil",
        ],
        "violence_porn",
      ),
      [],
    );
  });

  test("pornography or violence as a topic is not a hit", () => {
    assert.deepEqual(
      falseHits(
        ["Skolan borde ha porrfilter på datorerna", "Han dömdes för barnpornografibrott i fjol, läste jag i tidningen", "Filmen om kriget var otäck men viktig"],
        "violence_porn",
      ),
      [],
    );
  });

  test("gore is BBS §5, adult porn a page rule", () => {
    const gore = analyzeOne("bestgore.fun/v/1").findings.find((f) => f.category === "violence_porn")!;
    assert.equal(gore.legalBasis, "bbs-5");
    const porn = analyzeOne("pornhub.com/x").findings.find((f) => f.category === "violence_porn")!;
    assert.equal(porn.legalBasis, "page-rule");
  });

  test("a gore description next to a shared link is a depiction; a news link or counter-speech is not", () => {
    assert.deepEqual(misses(["Misshandelsvideon från skolgården: t.me/skolbrak", "Liket ligger kvar på vägen, se bilderna: imgur.com/a/x1"], "violence_porn"), []);
    assert.deepEqual(falseHits(["Polisen hittade en död man, läs mer: ttela.se/nyheter/x", "Sluta sprida dödsvideon från olyckan!", "Träna hjärnan på biblioteket, se programmet: trollhattan.se/bibliotek"], "violence_porn"), []);
  });

  test("escort ads and porn words with a 'link in bio' are lures", () => {
    assert.deepEqual(misses(["Escort i Trollhättan, diskret, ring mig", "Porrklipp med tjejer från stan, länken i bion"], "violence_porn"), []);
    assert.deepEqual(falseHits(["Porrfilter på skolans datorer, fungerar det?"], "violence_porn"), []);
  });
});
