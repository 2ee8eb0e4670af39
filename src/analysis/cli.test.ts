// The CLI contract, through the real entry point: JSONL in, one JSON line out
// per input line in order, malformed lines reported with their line number
// and exit status 2 at the end; `eval` prints the metrics.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const repo = path.resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(path.join(os.tmpdir(), "vaxel-cli-"));

function vaxel(args: string[], input?: string) {
  return spawnSync(process.execPath, [path.join(repo, "src/main.ts"), ...args], { cwd: repo, input, encoding: "utf8", maxBuffer: 64 << 20 });
}

describe("vaxel analyze", () => {
  const org = path.join(dir, "org.json");
  writeFileSync(org, JSON.stringify({ name: "Trollhättans stad", domains: ["trollhattan.se"], phones: ["0520-49 50 00"], emails: [] }));

  test("one output line per input line, in order, with the contract's fields", () => {
    const file = path.join(dir, "in.jsonl");
    writeFileSync(
      file,
      [
        JSON.stringify({ id: "a", text: "Din jävla idiot", author: "x", at: "2026-02-01T10:00:00Z" }),
        JSON.stringify({ id: "b", text: "Ring oss på 0520-49 50 00" }),
        JSON.stringify({ id: "c", text: "Jag ska döda dig", thread: "fb:1" }),
      ].join("\n") + "\n",
    );
    const r = vaxel(["analyze", "--org", org, file]);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(lines.map((l) => l.id), ["a", "b", "c"]);
    assert.deepEqual(Object.keys(lines[0]!), ["id", "labels", "action", "findings"]);
    assert.deepEqual(lines[0]!.labels, ["insult", "profanity"]);
    assert.deepEqual(lines[1]!.labels, []);
    assert.equal(lines[2]!.action, "hide_escalate");
  });

  test("reads stdin; a malformed line goes to stderr with its number, the rest continues, exit 2", () => {
    const r = vaxel(["analyze", "-"], ['{"id":"1","text":"hej"}', "inte json", '{"id":"3"}', '{"id":"4","text":"Fy fan"}'].join("\n"));
    assert.equal(r.status, 2);
    assert.match(r.stderr, /rad 2 \/ line 2/);
    assert.match(r.stderr, /rad 3 \/ line 3/);
    assert.deepEqual(r.stdout.trim().split("\n").map((l) => (JSON.parse(l) as { id: string }).id), ["1", "4"]);
  });

  test("worker threads give the same output as one thread, cross-comment spam and malformed lines included", () => {
    const spam = "Köp billiga solglasögon nu på www.solglas-rea.xyz innan rean tar slut, bästa priset i stan";
    const lines: string[] = [];
    // More lines than PARALLEL_MIN_LINES in cli.ts, so the workers are used.
    for (let i = 0; i < 6000; i++) {
      const at = new Date(Date.parse("2026-02-01T10:00:00Z") + i * 1000).toISOString();
      const text = i % 7 === 0 ? spam : i % 11 === 0 ? "Din jävla idiot" : `Hur fungerar snöröjningen på gata ${i % 300}? Tack för infon!`;
      lines.push(i === 500 ? "{trasig" : i === 900 ? "" : JSON.stringify({ id: `c${i}`, text, author: `u${i % 5}`, at }));
    }
    const input = lines.join("\r\n");
    const one = vaxel(["analyze", "--threads", "1", "--org", org, "-"], input);
    const many = vaxel(["analyze", "--threads", "3", "--org", org, "-"], input);
    assert.equal(one.status, 2);
    assert.match(one.stderr, /rad 501 \/ line 501/);
    assert.match(one.stdout, /spam\.repeat-same-author/);
    assert.equal(many.status, one.status);
    assert.equal(many.stderr, one.stderr);
    assert.equal(many.stdout, one.stdout);
  });

  test("an unreadable --rules file is bad input", () => {
    const r = vaxel(["analyze", "--rules", path.join(dir, "missing.json")], "");
    assert.equal(r.status, 2);
    const bad = path.join(dir, "bad-rules.json");
    writeFileSync(bad, JSON.stringify({ categories: { nope: {} } }));
    assert.equal(vaxel(["analyze", "--rules", bad], "").status, 2);
  });
});

describe("vaxel eval", () => {
  test("prints per-category precision, recall, F1, macro-F1 and the false-positive rate", () => {
    const file = path.join(dir, "gold.jsonl");
    writeFileSync(
      file,
      [
        { id: "1", text: "Din jävla idiot", labels: ["insult", "profanity"] },
        { id: "2", text: "Tack för infon!", labels: [] },
        { id: "3", text: "Rösta på SD", labels: ["party_political"] },
      ]
        .map((x) => JSON.stringify(x))
        .join("\n"),
    );
    const r = vaxel(["eval", file]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /insult\s+100\.0\s+100\.0\s+100\.0/);
    assert.match(r.stdout, /macro-F1 100\.0 %/);
    assert.match(r.stdout, /0\/1 = 0\.00 %/);
    const json = vaxel(["eval", "--json", file]);
    assert.equal((JSON.parse(json.stdout) as { total: number }).total, 3);
  });
});
