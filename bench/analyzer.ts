// npm run bench:analyzer — speed of the Växel analyzer against `obscenity`
// and a naive single-regex baseline, on the same deterministic corpus in the
// same run: in process (comments/s, p50/p99 latency per comment) and through
// the CLI on a file (wall time of child processes, node start-up included).
// Also shows which innocent Swedish words each engine flags: an English
// library is fast but wrong on Swedish, which is why speed alone is not the
// comparison that matters.
//
// Options: --n 100000 (comments), --seed 20260407, --skip-cli.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createAnalyzer } from "../src/analysis/index.ts";
import type { OrgProfile } from "../src/analysis/types.ts";
import { SUITE_ORG_FILE } from "../src/analysis/devsuite/suite.ts";
import { generateCorpus } from "./lib/corpus.ts";
import type { BenchComment } from "./lib/corpus.ts";
import { createNaiveRegex, createObscenity, lexiconWords, naiveMatches } from "./lib/engines.ts";
import { printTable } from "./lib/table.ts";

const REPO = path.resolve(import.meta.dirname, "..");
const NODE = process.execPath;

const { values: args } = parseArgs({
  options: { n: { type: "string", default: "100000" }, seed: { type: "string", default: "20260407" }, "skip-cli": { type: "boolean", default: false } },
});
const N = Number(args.n);
/** Rounds of the in-process measurement (see measureInterleaved). */
const ROUNDS = 10;
const SEED = Number(args.seed);

interface Run {
  engine: string;
  perSecond: number;
  p50: number;
  p99: number;
  hits: number;
}

interface Engine {
  name: string;
  fn: (c: BenchComment) => number;
}

/**
 * Time every call of every engine on the same comments. The machine is
 * shared, so the load changes during a run: the corpus is cut into ROUNDS
 * consecutive chunks and every engine runs each chunk in turn (the order
 * rotating per round), so all engines see the same load on average instead of
 * one running while the machine is busy and the next while it is quiet. Each
 * engine still sees every comment once and in order (the analyzer keeps
 * cross-comment history). Throughput is comments / summed wall time of the
 * engine's loops, latency comes from per-call timings.
 */
function measureInterleaved(engines: readonly Engine[], comments: readonly BenchComment[]): Run[] {
  const warm = Math.min(2000, comments.length);
  for (const e of engines) for (let i = 0; i < warm; i++) e.fn(comments[i] as BenchComment);
  const lat = engines.map(() => new Float64Array(comments.length));
  const ns = engines.map(() => 0n);
  const hits = engines.map(() => 0);
  const chunk = Math.ceil(comments.length / ROUNDS);
  for (let r = 0; r < ROUNDS; r++) {
    const from = r * chunk;
    const to = Math.min(comments.length, from + chunk);
    for (let k = 0; k < engines.length; k++) {
      const j = (r + k) % engines.length;
      const { fn } = engines[j]!;
      const l = lat[j]!;
      let h = 0;
      const t0 = process.hrtime.bigint();
      for (let i = from; i < to; i++) {
        const s = process.hrtime.bigint();
        h += fn(comments[i] as BenchComment);
        l[i] = Number(process.hrtime.bigint() - s) / 1000;
      }
      ns[j]! += process.hrtime.bigint() - t0;
      hits[j]! += h;
    }
  }
  return engines.map((e, j) => {
    const l = lat[j]!.sort();
    const q = (p: number): number => l[Math.min(l.length - 1, Math.floor(p * l.length))] ?? 0;
    return { engine: e.name, perSecond: comments.length / (Number(ns[j]!) / 1e9), p50: q(0.5), p99: q(0.99), hits: hits[j]! };
  });
}

const org = JSON.parse(readFileSync(SUITE_ORG_FILE, "utf8")) as OrgProfile;
const tGen = Date.now();
const comments = generateCorpus(N, SEED);
const chars = comments.reduce((s, c) => s + c.text.length, 0);
const lengths = comments.map((c) => c.text.length).sort((a, b) => a - b);
console.log(`Växel analyzer benchmark — node ${process.version}, ${os.cpus()[0]?.model ?? "cpu"} × ${os.availableParallelism()}`);
console.log(
  `corpus: ${N} comments (seed ${SEED}), ${(chars / 1e6).toFixed(1)} M chars, length p50 ${lengths[Math.floor(N / 2)]} / p99 ${lengths[Math.floor(N * 0.99)]} / max ${lengths[N - 1]}, generated in ${Date.now() - tGen} ms\n`,
);

// ---- in process -----------------------------------------------------------
const obscenity = createObscenity();
const { words, source } = lexiconWords();
const naive = createNaiveRegex(words);
const vaxel = createAnalyzer({ org });

const loadBefore = os.loadavg()[0]!;
const runs = measureInterleaved(
  [
    { name: "Växel analyzer (13 categories)", fn: (c) => vaxel.analyze(c).findings.length },
    { name: "obscenity (English dataset)", fn: (c) => obscenity.getAllMatches(c.text).length },
    { name: `naive regex (${words.length} words)`, fn: (c) => naiveMatches(naive, c.text).length },
  ],
  comments,
);
const obsRate = runs[1]?.perSecond ?? 1;
printTable(
  `In process, same ${N} comments, engines interleaved in ${ROUNDS} rounds (latency per comment, µs; hits = findings / matches); load average ${loadBefore.toFixed(2)} before, ${os.loadavg()[0]!.toFixed(2)} after`,
  ["engine", { title: "comments/s", decimals: 0 }, { title: "p50 µs", decimals: 1 }, { title: "p99 µs", decimals: 1 }, { title: "× obscenity", decimals: 2 }, "hits"],
  runs.map((r) => [r.engine, r.perSecond, r.p50, r.p99, r.perSecond / obsRate, r.hits]),
);
console.log(`naive regex lexicon: ${source}\n`);

// ---- through the CLI on a file --------------------------------------------
if (!args["skip-cli"]) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "vaxel-bench-"));
  try {
    const file = path.join(dir, "comments.jsonl");
    const orgFile = path.join(dir, "org.json");
    writeFileSync(file, comments.map((c) => JSON.stringify(c)).join("\n") + "\n");
    writeFileSync(orgFile, JSON.stringify(org));
    const time = (cmd: string, argv: string[]): { seconds: number; status: number | null; stderr: string } => {
      const t0 = process.hrtime.bigint();
      const r = spawnSync(cmd, argv, { cwd: REPO, stdio: ["ignore", "ignore", "pipe"], maxBuffer: 64 * 1024 * 1024 });
      return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, status: r.status, stderr: r.stderr.toString().slice(0, 500) };
    };
    // Default: one analysis worker thread per core; --threads 1 is the same CLI in one thread.
    // Two rounds in opposite order (A B C, C B A), mean wall time per command:
    // the machine's load changes during a run, and this spreads it evenly.
    const commands: [string, string[]][] = [
      [path.join(REPO, "bin/vaxel"), ["analyze", "--org", orgFile, file]],
      [path.join(REPO, "bin/vaxel"), ["analyze", "--threads", "1", "--org", orgFile, file]],
      [NODE, ["bench/lib/obscenity-file.ts", file]],
    ];
    const cliLoad = os.loadavg()[0]!;
    const timed = commands.map(() => ({ seconds: 0, status: 0 as number | null, stderr: "" }));
    for (const order of [[0, 1, 2], [2, 1, 0]]) {
      for (const k of order) {
        const [cmd, argv] = commands[k]!;
        const r = time(cmd, argv);
        const t = timed[k]!;
        t.seconds += r.seconds / 2;
        if (r.status !== 0 || t.status === 0) Object.assign(t, { status: r.status, stderr: r.stderr });
      }
    }
    const [cli, cli1, obs] = timed as [(typeof timed)[0], (typeof timed)[0], (typeof timed)[0]];
    for (const [name, r] of [["vaxel analyze", cli], ["vaxel analyze --threads 1", cli1], ["obscenity script", obs]] as const) {
      if (r.status !== 0) console.error(`${name} exited with ${r.status}: ${r.stderr}`);
    }
    printTable(
      `Through the CLI on a ${(readFileSync(file).length / 1e6).toFixed(1)} MB JSONL file (mean wall time of two rounds, node start-up included, output to /dev/null); load average ${cliLoad.toFixed(2)} before, ${os.loadavg()[0]!.toFixed(2)} after`,
      ["command", { title: "seconds", decimals: 2 }, { title: "comments/s", decimals: 0 }, { title: "× obscenity", decimals: 2 }, "exit"],
      [
        [`vaxel analyze --org org.json FILE (${os.availableParallelism()} threads)`, cli.seconds, N / cli.seconds, obs.seconds / cli.seconds, cli.status],
        ["vaxel analyze --threads 1 --org org.json FILE", cli1.seconds, N / cli1.seconds, obs.seconds / cli1.seconds, cli1.status],
        ["node bench/lib/obscenity-file.ts FILE", obs.seconds, N / obs.seconds, 1, obs.status],
      ],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---- innocent Swedish words -------------------------------------------------
const INNOCENT: readonly [string, string][] = [
  ["beslut", "Beslutet togs i fullmäktige igår."],
  ["slutet", "Vägen öppnar i slutet av maj."],
  ["fanns", "Det fanns inga platser kvar på förskolan."],
  ["fantastisk", "Vilken fantastisk sagostund!"],
  ["elefant", "Finns Elefanten Elmer på biblioteket?"],
  ["titta", "Vi ska titta förbi simhallen på lördag."],
  ["rövare", "Ronja och rövarna i Mattisskogen är bäst."],
  ["Kukkola", "Vi var vid Kukkolaforsen i somras."],
  ["Fittja", "Vi bodde i Fittja innan vi flyttade hit."],
  ["höra", "Kan man höra sagorna i efterhand?"],
];
const flags = (text: string): [boolean, boolean, string] => {
  const labels = createAnalyzer({ org }).analyze({ text }).labels;
  return [obscenity.hasMatch(text), naiveMatches(naive, text).length > 0, labels.length === 0 ? "no" : `yes (${labels.join(",")})`];
};
printTable(
  "Innocent Swedish words: does each engine flag them? (word alone / in a sentence)",
  ["word", "obscenity", "naive regex", "Växel", "sentence: obscenity", "naive regex", "Växel"],
  INNOCENT.map(([w, s]) => [w, ...flags(w), ...flags(s)]),
);
