// The JSONL side of `vaxel analyze` / `vaxel eval`, shared by the main thread
// and the analysis workers: splitting a stream into lines exactly like
// node:readline, parsing one input line, and serialising one output line.
import type { Readable } from "node:stream";
import type { AnalysisResult, CommentInput } from "./types.ts";

/** Parse one JSONL line into a comment; a string describing the problem when malformed. */
export function parseLine(line: string): (CommentInput & { labels?: unknown }) | string {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch (e) {
    return `ogiltig JSON / invalid JSON: ${(e as Error).message}`;
  }
  if (typeof v !== "object" || v === null || Array.isArray(v)) return "raden är inte ett JSON-objekt / line is not a JSON object";
  const o = v as Record<string, unknown>;
  if (typeof o.text !== "string") return `fältet "text" saknas eller är inte en sträng / field "text" missing or not a string`;
  const input: CommentInput & { labels?: unknown } = { text: o.text };
  if (typeof o.id === "string" || typeof o.id === "number") input.id = String(o.id);
  if (typeof o.author === "string") input.author = o.author;
  if (typeof o.at === "string") input.at = o.at;
  if (typeof o.thread === "string") input.thread = o.thread;
  if ("labels" in o) input.labels = o.labels;
  return input;
}

/** One output line (without the newline): the contract's fields in the contract's order. */
export function outputLine(id: string | undefined, r: AnalysisResult): string {
  return JSON.stringify({ id: id ?? null, labels: r.labels, action: r.action, findings: r.findings });
}

/**
 * Splits decoded chunks into lines the way node:readline does with
 * `crlfDelay: Infinity` (so line numbers match what users see): a line ends
 * at "\n", "\r\n" or a lone "\r"; a "\r\n" split across chunks is one break;
 * a last line without a line break is still a line, an empty one is not.
 * Used instead of readline because it hands over whole arrays of lines,
 * without a promise per line.
 */
export class LineSplitter {
  private carry = "";

  /** The complete lines in `chunk` (with what was left over from the previous chunk). */
  push(chunk: string): string[] {
    const s = this.carry + chunk;
    const out: string[] = [];
    let start = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 0x0a) {
        out.push(s.slice(start, i));
        start = i + 1;
      } else if (c === 0x0d) {
        // Undecided until the next character: "\r\n" is one break.
        if (i + 1 === s.length) break;
        out.push(s.slice(start, i));
        if (s.charCodeAt(i + 1) === 0x0a) i++;
        start = i + 1;
      }
    }
    this.carry = s.slice(start);
    return out;
  }

  /** The last line at the end of input, if any. */
  end(): string[] {
    const rest = this.carry;
    this.carry = "";
    if (rest.endsWith("\r")) return [rest.slice(0, -1)];
    return rest.length > 0 ? [rest] : [];
  }
}

/** The lines of a stream (UTF-8), as arrays of whole lines per chunk read. */
export async function* readLines(input: Readable): AsyncGenerator<string[], void, undefined> {
  const splitter = new LineSplitter();
  input.setEncoding("utf8");
  for await (const chunk of input) {
    const lines = splitter.push(chunk as string);
    if (lines.length > 0) yield lines;
  }
  const last = splitter.end();
  if (last.length > 0) yield last;
}
