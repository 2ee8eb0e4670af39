// LineSplitter must cut lines exactly like node:readline (crlfDelay
// Infinity), or `vaxel analyze` would report other line numbers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import { LineSplitter } from "./cli-lines.ts";

async function readlineLines(chunks: string[]): Promise<string[]> {
  const out: string[] = [];
  for await (const line of createInterface({ input: Readable.from(chunks), crlfDelay: Infinity })) out.push(line);
  return out;
}

function splitterLines(chunks: string[]): string[] {
  const s = new LineSplitter();
  return [...chunks.flatMap((c) => s.push(c)), ...s.end()];
}

test("splits like readline: \\n, \\r\\n, lone \\r, breaks across chunks, last line without a break", async () => {
  const pieces = ["a", "bc", "\n", "\r\n", "\r", "", " ", '{"x":1}', "ö"];
  let seed = 7;
  const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % n;
  for (let round = 0; round < 300; round++) {
    let text = "";
    for (let k = rnd(30); k > 0; k--) text += pieces[rnd(pieces.length)];
    // Random chunking, so breaks (also "\r" + "\n") fall on chunk boundaries.
    const chunks: string[] = [];
    for (let i = 0; i < text.length; ) {
      const n = 1 + rnd(5);
      chunks.push(text.slice(i, i + n));
      i += n;
    }
    assert.deepEqual(splitterLines(chunks), await readlineLines(chunks), JSON.stringify(chunks));
  }
});
