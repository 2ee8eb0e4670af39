// The lexicon data files: provenance and licence present, every pattern
// compiles, party coverage matches the reference data, and the seed words
// that are innocent in Swedish were not carried over.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { buildLexicon } from "./index.ts";
import { resolvePageRules } from "../rules.ts";

const here = import.meta.dirname;
const repoRoot = path.resolve(here, "../../..");
const sharedData = path.resolve(repoRoot, "../shared/data");

function jsonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const f of readdirSync(dir, { withFileTypes: true })) {
    if (f.isDirectory()) out.push(...jsonFiles(path.join(dir, f.name)));
    else if (f.name.endsWith(".json")) out.push(path.join(dir, f.name));
  }
  return out;
}

describe("lexicon data files", () => {
  test("each file states provenance and licence", () => {
    for (const file of jsonFiles(here)) {
      const meta = (JSON.parse(readFileSync(file, "utf8")) as { _meta?: Record<string, unknown> })._meta;
      assert.ok(meta, `${file}: _meta missing`);
      assert.ok(meta.provenance, `${file}: provenance missing`);
      assert.ok(typeof meta.licence === "string" && meta.licence.length > 0, `${file}: licence missing`);
      assert.doesNotMatch(String(meta.licence), /non-?commercial|\bNC\b/i, `${file}: non-commercial licence`);
    }
  });

  test("everything compiles, with local parties and an organisation", () => {
    const lex = buildLexicon({
      rules: resolvePageRules({ localParties: [{ name: "Trollhättepartiet", abbreviation: "THP" }], allowWords: ["Fittjaån"], denyWords: [{ word: "pellejöns", category: "insult" }] }),
      org: { name: "Trollhättans stad", domains: ["trollhattan.se"], phones: [], emails: [] },
    });
    assert.ok(lex.matcher.entries.length > 1000);
    assert.ok(lex.gateCount > 100);
    for (const [key, rules] of lex.phrases) {
      assert.ok(rules.length > 0, key);
      for (const r of rules) {
        assert.ok(r.gateId >= 0 && r.requireIds.length > 0, r.id);
        // Regexes are built on first use: build both forms here so a bad pattern fails now.
        assert.ok(r.re instanceof RegExp, r.id);
        assert.equal(r.sticky instanceof RegExp, r.anchored, r.id);
      }
    }
  });

  test("Swedish seed words that are innocent are not profanity", () => {
    const words = JSON.parse(readFileSync(path.join(here, "words.sv.json"), "utf8")) as { entries: { c: string; w: string[] }[] };
    // Entries that label a comment on their own (group, curse and sexual-context words only qualify other hits).
    const flagged = new Set(words.entries.filter((e) => !["innocent", "group", "curse", "sexual"].includes(e.c)).flatMap((e) => e.w));
    for (const innocent of ["hård", "stake", "sås", "tusan", "också", "full", "soppa", "pannkaka", "moderat", "sosse", "abort", "turk", "slut", "kön"]) {
      assert.ok(!flagged.has(innocent), innocent);
    }
  });

  test("every current Riksdag party and leader from the reference data is covered", { skip: !existsSync(sharedData) }, () => {
    const parties = JSON.parse(readFileSync(path.join(here, "parties.sv.json"), "utf8")) as { parties: { names: string[]; leaders: string[] }[] };
    const all = JSON.stringify(parties).toLowerCase();
    const csv = readFileSync(path.join(sharedData, "parties/current_party_leaders_excerpt.csv"), "utf8").trim().split("\n").slice(1);
    for (const line of csv) {
      const [, name, , , , party] = line.split(",");
      assert.ok(all.includes(name!.toLowerCase()), `leader ${name}`);
      const stem = party!.toLowerCase().split(" ")[0]!;
      assert.ok(all.includes(stem.slice(0, 8)), `party ${party}`);
    }
  });
});
