// The development suite as a test: first that the suite itself is what the
// README promises (so nobody quietly drops the hard negatives), then the
// issue's targets for the analyzer, on the whole suite and on the holdout
// split that tuning must not look at.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { CATEGORY_IDS } from "../types.ts";
import type { CategoryId, OrgProfile } from "../types.ts";
import { findValidNumbers, loadInterimNumbers, loadNegativeNumbers, loadTestNumbers, writtenForms } from "./pnr.ts";
import { formatScore, loadSuite, runSuite, scoreSuite, SPLITS, SUITE_ORG_FILE, SUITE_RULES_FILE } from "./suite.ts";

const TARGET_MACRO_F1 = 0.85;
const TARGET_FP_RATE = 0.02;
/**
 * Not targets: each holdout split's measured macro-F1 minus 0.03, so a change
 * that makes generalisation worse fails. `holdout2` was written blind, before
 * the detectors were tuned for generalisation (2026-11-23), and is never tuned on.
 */
const HOLDOUT_REGRESSION_FLOOR: Record<"holdout" | "holdout2", number> = { holdout: 0.926, holdout2: 0.847 };
/** FP rate ceiling per holdout split: the 2 % target. */
const HOLDOUT_FP_CEILING = TARGET_FP_RATE;

const cases = loadSuite();
const org = JSON.parse(readFileSync(SUITE_ORG_FILE, "utf8")) as OrgProfile;
const rules = JSON.parse(readFileSync(SUITE_RULES_FILE, "utf8")) as Record<string, unknown>;

describe("dev suite data", () => {
  test("ids are unique and the suite has the promised size", () => {
    assert.equal(new Set(cases.map((c) => c.id)).size, cases.length);
    assert.ok(cases.length >= 1200 && cases.length <= 1600, `size ${cases.length}`);
  });

  test("every category has at least 25 positives, and at least 5 in each split", () => {
    for (const cat of CATEGORY_IDS) {
      const pos = cases.filter((c) => c.labels.includes(cat));
      assert.ok(pos.length >= 25, `${cat}: ${pos.length} positives`);
      for (const split of SPLITS) {
        const n = pos.filter((c) => c.split === split).length;
        assert.ok(n >= 5, `${cat}: ${n} positives in ${split}`);
      }
    }
  });

  test("at least 40 % hard negatives, in every split", () => {
    for (const split of SPLITS) {
      const inSplit = cases.filter((c) => c.split === split);
      const neg = inSplit.filter((c) => c.labels.length === 0).length;
      assert.ok(neg / inSplit.length >= 0.4, `${split}: ${neg}/${inSplit.length} negatives`);
    }
  });

  test("the only personnummer in the suite are Skatteverket test numbers, and each is labelled personal_data", () => {
    const { pins, coords } = loadTestNumbers();
    const allowed = new Set([...pins, ...coords]);
    let seen = 0;
    for (const c of cases) {
      for (const n of findValidNumbers(c.text)) {
        seen++;
        assert.ok(allowed.has(n), `${c.id}: ${n} is not a Skatteverket test number`);
        assert.ok(c.labels.includes("personal_data"), `${c.id}: holds a personnummer but is not labelled personal_data`);
      }
    }
    assert.ok(seen >= 20, `only ${seen} personnummer in the suite`);
  });

  test("times are ISO 8601 and never go backwards (the spam window depends on order)", () => {
    let last = -Infinity;
    for (const c of cases) {
      assert.ok(c.at && c.author, `${c.id}: author and at are set on every line`);
      const t = Date.parse(c.at);
      assert.ok(Number.isFinite(t), `${c.id}: bad time ${c.at}`);
      assert.ok(t >= last, `${c.id}: time goes backwards`);
      last = t;
    }
  });

  test("the suite's organisation profile is well formed", () => {
    assert.equal(typeof org.name, "string");
    for (const key of ["domains", "phones", "emails"] as const) {
      assert.ok(Array.isArray(org[key]) && org[key].length > 0, key);
    }
  });
});

describe("analyzer on the dev suite", () => {
  test("issue targets on the whole suite (macro-F1, FP rate, personnummer recall); per holdout split FP and recall targets and a macro-F1 regression floor", async () => {
    const { createAnalyzer } = await import("../index.ts");
    const predicted = runSuite(createAnalyzer({ org, rules }), cases);
    const all = scoreSuite(cases, predicted);
    const devScore = scoreSuite(cases, predicted, { split: "dev" });
    const holdout = scoreSuite(cases, predicted, { split: "holdout" });
    const holdout2 = scoreSuite(cases, predicted, { split: "holdout2" });
    console.log(formatScore("dev suite (all)", all));
    console.log(formatScore("dev suite (dev split)", devScore));
    console.log(formatScore("dev suite (holdout split)", holdout));
    console.log(formatScore("dev suite (holdout2 split, blind)", holdout2));
    // Only dev failures are printed: holdout lines are for checking, not for tuning.
    for (const f of devScore.failures.slice(0, 60)) {
      console.log(`  ✗ ${f.id} [${f.case}] missed=${f.missed.join(",") || "-"} extra=${f.extra.join(",") || "-"} :: ${f.text.slice(0, 110).replace(/\n/g, " ")}`);
    }
    // The targets hold on the whole suite; each holdout split keeps the
    // FP and personnummer targets and a regression floor under its measured macro-F1.
    assert.ok(all.macroF1 >= TARGET_MACRO_F1, `all: macro-F1 ${all.macroF1.toFixed(3)} < ${TARGET_MACRO_F1}`);
    assert.ok(all.acceptable.fpRate <= TARGET_FP_RATE, `all: FP rate ${(100 * all.acceptable.fpRate).toFixed(1)} % > 2 %`);
    assert.equal(all.personnummer.recall, 1, `all: personnummer recall ${all.personnummer.hit}/${all.personnummer.n}`);
    for (const [name, s] of [["holdout", holdout], ["holdout2", holdout2]] as const) {
      const floor = HOLDOUT_REGRESSION_FLOOR[name];
      assert.ok(s.macroF1 >= floor, `${name}: macro-F1 ${s.macroF1.toFixed(3)} < regression floor ${floor}`);
      assert.ok(s.acceptable.fpRate <= HOLDOUT_FP_CEILING, `${name}: FP rate ${(100 * s.acceptable.fpRate).toFixed(1)} % > 2 %`);
      assert.equal(s.personnummer.recall, 1, `${name}: personnummer recall ${s.personnummer.hit}/${s.personnummer.n}`);
    }
  });

  test("personnummer sweep: every written form of Skatteverket test numbers is found; invalid and organisation numbers are not", async () => {
    const { createAnalyzer } = await import("../index.ts");
    const analyzer = createAnalyzer({ org, rules });
    const { pins, coords } = loadTestNumbers();
    // A fixed, spread-out sample: every 97th number of each list covers every decade and both kinds.
    const sample = [...pins.filter((_, i) => i % 97 === 0), ...coords.filter((_, i) => i % 23 === 0)];
    const templates = [
      (n: string) => `Mitt personnummer är ${n}, kan ni kolla ärendet?`,
      (n: string) => `pnr ${n}`,
      (n: string) => `Hej! Min son (${n}) har inte fått plats på förskolan`,
      (n: string) => `${n} heter jag, ring mig`,
    ];
    let t = Date.parse("2027-01-01T00:00:00Z");
    const missed: string[] = [];
    const missedByKind = new Map<string, number>();
    let i = 0;
    const analyze = (text: string): CategoryId[] => {
      t += 3 * 3600_000; // far apart, and one author each: nothing here is spam
      i++;
      return analyzer.analyze({ id: `pnr-${i}`, text, author: `sweep-${i}`, at: new Date(t).toISOString() }).labels;
    };
    for (const n of sample) {
      for (const [fi, form] of writtenForms(n).entries()) {
        const text = (templates[fi % templates.length] ?? templates[0]!)(form.text);
        if (analyze(text).includes("personal_data")) continue;
        missed.push(form.text);
        // Samordningsnummer whose birth date is partly unknown (month 00 or day 60) are a kind of their own.
        const partial = n.slice(4, 6) === "00" || n.slice(6, 8) === "60";
        const kind = partial ? `${form.kind}, date partly unknown` : form.kind;
        missedByKind.set(kind, (missedByKind.get(kind) ?? 0) + 1);
      }
    }
    // Interim numbers (reservnummer with a letter): every valid one is found, the invalid ones are not.
    const interim = loadInterimNumbers();
    for (const n of interim.valid) if (!analyze(`Barnet har nummer ${n} från sjukhuset`).includes("personal_data")) missed.push(n);
    const wrongInterim = interim.invalid.filter((n) => analyze(`Barnet har nummer ${n} från sjukhuset`).includes("personal_data"));
    assert.deepEqual(wrongInterim, []);
    const { invalid, org: orgNumbers } = loadNegativeNumbers();
    const wrongHits: string[] = [];
    for (const n of [...invalid, ...orgNumbers]) {
      const text = `Referensnummer ${n} står på fakturan, vad betyder det?`;
      if (analyze(text).includes("personal_data")) wrongHits.push(n);
    }
    console.log(`personnummer sweep: ${sample.length} numbers, missed ${missed.length} forms; invalid/org numbers hit: ${wrongHits.length}`);
    for (const [kind, count] of missedByKind) console.log(`  missed ${count} × ${kind}`);
    assert.deepEqual(missed.slice(0, 20), [], `missed forms (first 20 of ${missed.length})`);
    assert.deepEqual(wrongHits, []);
  });
});
