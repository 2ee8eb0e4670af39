import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { test } from "node:test";
import { createLogger, maskPersonnummer } from "./logging.ts";

// Skatteverket's test personnummer (never assigned to a real person).
const PNR = "189001019802";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { lines, logger: createLogger("info", stream) };
}

test("personnummer never reach a log line, in any written form", () => {
  const { lines, logger } = capture();
  logger.info(`kommentar med ${PNR} och 900101-9802 och 900101 9802`);
  logger.info({ text: `nested 19900101-9802`, deep: { x: [PNR] } }, "obj");
  const out = lines.join("");
  assert.doesNotMatch(out, /9802/);
  assert.match(out, /\[personnummer\]/);
});

test("secrets are redacted by field", () => {
  const { lines, logger } = capture();
  logger.info({ password: "hunter2hunter2", req: { headers: { authorization: "Bearer vxl_abc", cookie: "s=1" } } }, "x");
  const out = lines.join("");
  assert.doesNotMatch(out, /hunter2|vxl_abc|s=1/);
});

test("case numbers and phone numbers are not mistaken for personnummer", () => {
  assert.equal(maskPersonnummer("KS 2026/00123"), "KS 2026/00123");
  assert.equal(maskPersonnummer("0520-49 50 00"), "0520-49 50 00");
});
