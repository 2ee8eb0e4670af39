// The file-level comparison for `vaxel analyze FILE`: the same JSONL read line
// by line through `obscenity`, one JSON line out per comment (matched terms
// with spans), so both sides parse, match and serialise.
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { createObscenity } from "./engines.ts";

const file = process.argv[2];
if (!file) {
  console.error("usage: node bench/lib/obscenity-file.ts FILE.jsonl");
  process.exit(2);
}
const matcher = createObscenity();
const out: string[] = [];
const flush = (): void => {
  if (out.length > 0) process.stdout.write(out.join(""));
  out.length = 0;
};
for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
  if (line.trim() === "") continue;
  const { id, text } = JSON.parse(line) as { id: string; text: string };
  const matches = matcher.getAllMatches(text).map((m) => ({ start: m.startIndex, end: m.endIndex + 1, term: m.termId }));
  out.push(`${JSON.stringify({ id, matches })}\n`);
  if (out.length >= 1000) flush();
}
flush();
