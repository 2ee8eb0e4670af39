// Equivalence check for analyzer optimisations: a speed-up must not change a
// single byte of what `vaxel analyze` prints. Runs the CLI of a reference
// checkout (e.g. main, or the commit before an optimisation) and of this tree
// on the same inputs and compares stdout, stderr and the exit status:
//   - the dev suite with its org profile and page rules (every category, the
//     hard negatives, the cross-comment spam sequences),
//   - the benchmark corpus (bench/lib/corpus.ts, --n comments),
//   - the DKhate test texts (Danish, other vocabulary),
//   - a file with malformed lines, blank lines and CRLF, read from stdin.
//
// Run: node bench/analyzer-equivalence.ts --ref /work/main [--n 100000] [--keep DIR]
// Exit status 0 when everything is identical, 1 otherwise.
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { SUITE_FILE, SUITE_ORG_FILE, SUITE_RULES_FILE } from "../src/analysis/devsuite/suite.ts";
import { DKHATE_TEST, loadDkhateTest } from "../src/analysis/devsuite/dkhate.ts";
import { generateCorpus } from "./lib/corpus.ts";

const HERE = path.resolve(import.meta.dirname, "..");
const { values: args } = parseArgs({
  options: { ref: { type: "string" }, n: { type: "string", default: "100000" }, keep: { type: "string" } },
});
if (!args.ref || !existsSync(path.join(args.ref, "bin/vaxel"))) {
  console.error("usage: node bench/analyzer-equivalence.ts --ref REPO_DIR [--n 100000] [--keep DIR]");
  process.exit(2);
}
const REF = path.resolve(args.ref);
const dir = args.keep ?? mkdtempSync(path.join(os.tmpdir(), "vaxel-equiv-"));
mkdirSync(dir, { recursive: true });

interface Case {
  name: string;
  argv: string[];
  /** File fed to stdin (the CLI reads "-"), else none. */
  stdin?: string;
}

function write(name: string, content: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

// Inputs are written once from this tree, so both CLIs read the same bytes.
const corpus = generateCorpus(Number(args.n));
const corpusFile = write("corpus.jsonl", corpus.map((c) => JSON.stringify(c)).join("\n") + "\n");
const dkhateFile = existsSync(DKHATE_TEST)
  ? write("dkhate.jsonl", loadDkhateTest().map((r) => JSON.stringify({ id: r.id, text: r.text })).join("\n") + "\n")
  : null;
const suiteLines = readFileSync(SUITE_FILE, "utf8").split("\n").filter((l) => l.trim() !== "");
const malformed = write(
  "malformed.jsonl",
  [
    ...suiteLines.slice(0, 20),
    "{not json",
    "",
    "[1,2,3]",
    '{"id":"no-text"}',
    '{"id":7,"text":"Numeriskt id, du är en idiot","author":"a","at":"2026-02-01T10:00:00Z"}\r',
    "   ",
    '{"id":"x","text":42}',
    ...suiteLines.slice(20, 60),
    '"just a string"',
  ].join("\n"),
);

const cases: Case[] = [
  { name: "devsuite (org + rules)", argv: ["--org", SUITE_ORG_FILE, "--rules", SUITE_RULES_FILE, SUITE_FILE] },
  { name: `bench corpus (${corpus.length})`, argv: ["--org", SUITE_ORG_FILE, corpusFile] },
  ...(dkhateFile ? [{ name: "DKhate test texts", argv: ["--org", SUITE_ORG_FILE, dkhateFile] }] : []),
  { name: "malformed lines via stdin", argv: ["--org", SUITE_ORG_FILE, "-"], stdin: malformed },
];

interface Out {
  stdout: Buffer;
  stderr: string;
  status: number | null;
  seconds: number;
}

function run(repo: string, c: Case): Out {
  const fd = c.stdin ? openSync(c.stdin, "r") : "ignore";
  try {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(path.join(repo, "bin/vaxel"), ["analyze", ...c.argv], {
      cwd: repo,
      stdio: [fd, "pipe", "pipe"],
      maxBuffer: 1 << 30,
    });
    return { stdout: r.stdout, stderr: r.stderr.toString(), status: r.status, seconds: Number(process.hrtime.bigint() - t0) / 1e9 };
  } finally {
    if (typeof fd === "number") closeSync(fd);
  }
}

/** The first differing line, for a readable report. */
function firstDiff(a: string, b: string): string {
  const la = a.split("\n");
  const lb = b.split("\n");
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] !== lb[i]) return `line ${i + 1}:\n  ref:  ${(la[i] ?? "<none>").slice(0, 600)}\n  this: ${(lb[i] ?? "<none>").slice(0, 600)}`;
  }
  return "(no line differs)";
}

let failed = 0;
for (const c of cases) {
  const ref = run(REF, c);
  const cur = run(HERE, c);
  const problems: string[] = [];
  if (ref.status !== cur.status) problems.push(`exit status ${ref.status} vs ${cur.status}`);
  if (ref.stderr !== cur.stderr) problems.push(`stderr differs: ${firstDiff(ref.stderr, cur.stderr)}`);
  if (!ref.stdout.equals(cur.stdout)) problems.push(`stdout differs: ${firstDiff(ref.stdout.toString(), cur.stdout.toString())}`);
  const lines = ref.stdout.toString().split("\n").length - 1;
  const timing = `ref ${ref.seconds.toFixed(2)} s, this ${cur.seconds.toFixed(2)} s`;
  if (problems.length === 0) console.log(`identical  ${c.name}: ${lines} lines, exit ${cur.status} (${timing})`);
  else {
    failed++;
    console.log(`DIFFERENT  ${c.name} (${timing})\n  ${problems.join("\n  ")}`);
  }
  if (args.keep) {
    const slug = c.name.replace(/\W+/g, "-");
    writeFileSync(path.join(dir, `${slug}.ref.out`), ref.stdout);
    writeFileSync(path.join(dir, `${slug}.this.out`), cur.stdout);
  }
}
if (!args.keep) rmSync(dir, { recursive: true, force: true });
console.log(failed === 0 ? "all outputs identical" : `${failed} case(s) differ`);
process.exit(failed === 0 ? 0 : 1);
