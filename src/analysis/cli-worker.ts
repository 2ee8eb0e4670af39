// A worker thread of `vaxel analyze`: parses batches of JSONL lines and runs
// the text-only half of the analysis (every phase, the spam fingerprint),
// which depends on nothing but the text. It also serialises each comment's
// output line as it is when the cross-comment spam check adds nothing, which
// is nearly always; the main thread runs that check in input order and uses
// the line as is, or rebuilds it from `findings` when spam was found.
import { parentPort, workerData } from "node:worker_threads";
import { createTextAnalyzer, emptyResult, resultOf } from "./analyzer.ts";
import type { TextAnalysis } from "./analyzer.ts";
import { outputLine, parseLine } from "./cli-lines.ts";
import type { SpamFingerprint } from "./detectors/spam.ts";
import type { Finding, OrgProfile } from "./types.ts";
import type { PageRules } from "./rules.ts";

/** What the main thread needs of one input line. */
export type LineResult =
  /** A blank line: skipped (it still counts for line numbers). */
  | 0
  /** A malformed line: the message for stderr. */
  | { error: string }
  | {
      /** The output line if the cross-comment check adds no finding. */
      line: string;
      /** Null when spam is off or the analysis failed: then `line` is final. */
      fp: SpamFingerprint | null;
      /** The text-only findings (only sent with `fp`: what the line is rebuilt from). */
      findings: Finding[];
      author: string | undefined;
      at: string | undefined;
      textLength: number;
    };

export interface WorkerInit {
  org?: OrgProfile;
  rules?: Partial<PageRules>;
}

export type WorkerMessage = { type: "ready" } | { type: "fatal"; message: string } | { type: "batch"; seq: number; results: LineResult[] };

const port = parentPort!;
const init = workerData as WorkerInit;
let analyzeText: (input: { text: string }) => TextAnalysis | null;
try {
  analyzeText = createTextAnalyzer({ ...(init.org ? { org: init.org } : {}), ...(init.rules ? { rules: init.rules } : {}) });
  port.postMessage({ type: "ready" } satisfies WorkerMessage);
} catch (e) {
  port.postMessage({ type: "fatal", message: (e as Error).message } satisfies WorkerMessage);
  port.close();
}

function analyzeLine(raw: string): LineResult {
  if (raw.trim() === "") return 0;
  const input = parseLine(raw);
  if (typeof input === "string") return { error: input };
  const st = analyzeText(input);
  return {
    line: outputLine(input.id, st ? resultOf(st, null) : emptyResult()),
    fp: st?.fingerprint ?? null,
    findings: st?.fingerprint ? st.findings : [],
    author: input.author,
    at: input.at,
    textLength: input.text.length,
  };
}

port.on("message", (msg: { seq: number; lines: string[] }) => {
  const results = msg.lines.map(analyzeLine);
  port.postMessage({ type: "batch", seq: msg.seq, results } satisfies WorkerMessage);
});
