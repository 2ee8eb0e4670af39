import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createAnalyzer } from "../analyzer.ts";
import { parseExternal } from "./external-classifier.ts";

// A real local HTTP server plays the municipality's own model.
let url = "";
const requests: { auth: string | undefined; body: Record<string, unknown> }[] = [];
const server = createServer((req, res) => {
  let raw = "";
  req.on("data", (c: Buffer) => (raw += c.toString()));
  req.on("end", () => {
    const body = JSON.parse(raw) as { comment: { text: string } };
    requests.push({ auth: req.headers.authorization, body: body as unknown as Record<string, unknown> });
    const text = body.comment.text;
    if (text.includes("slow")) {
      setTimeout(() => res.end("{}"), 500);
      return;
    }
    if (text.includes("broken")) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end("not json");
      return;
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ model: "kommunmodell-2", findings: text.includes("sabotage") ? [{ category: "crime_incitement", confidence: 0.8, start: 0, end: 8, ruleId: "sabotage" }, { category: "nonsense", confidence: 1 }] : [] }));
  });
});

before(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/classify`;
});
after(() => server.close());

describe("external classifier phase", () => {
  test("its findings are merged, validated and go through the page rules", async () => {
    const a = createAnalyzer({ rules: { externalClassifier: { url, timeoutMs: 2000, token: "hemlig" } } });
    const r = await a.analyzeAsync({ id: "1", text: "sabotage mot vattenverket nu" });
    assert.deepEqual(r.labels, ["crime_incitement"]);
    const f = r.findings[0]!;
    assert.equal(f.ruleId, "external.sabotage");
    assert.equal(f.detector, "external-classifier");
    assert.equal(f.detectorVersion, "kommunmodell-2");
    assert.equal(f.action, "hide_escalate");
    assert.equal(f.evidence, "sabotage");
    const req = requests.at(-1)!;
    assert.equal(req.auth, "Bearer hemlig");
    assert.equal(req.body.version, 1);
    assert.ok(Array.isArray(req.body.categories));
  });

  test("a timeout or a broken answer leaves the local result", async () => {
    const a = createAnalyzer({ rules: { externalClassifier: { url, timeoutMs: 100 } } });
    const t0 = Date.now();
    assert.deepEqual((await a.analyzeAsync({ text: "slow din idiot" })).labels, ["insult"]);
    assert.ok(Date.now() - t0 < 450);
    assert.deepEqual((await a.analyzeAsync({ text: "broken din idiot" })).labels, ["insult"]);
    const down = createAnalyzer({ rules: { externalClassifier: { url: "http://127.0.0.1:9/none", timeoutMs: 200 } } });
    assert.deepEqual((await down.analyzeAsync({ text: "din idiot" })).labels, ["insult"]);
  });

  test("the synchronous analyze never calls out", () => {
    const before = requests.length;
    createAnalyzer({ rules: { externalClassifier: { url, timeoutMs: 100 } } }).analyze({ text: "sabotage" });
    assert.equal(requests.length, before);
  });

  test("parseExternal drops invalid entries and clamps spans", () => {
    const r = parseExternal({ findings: [{ category: "spam", confidence: 0.9, start: -5, end: 999 }, { category: "spam", confidence: 7 }, "x"] }, 10)!;
    assert.deepEqual(r.findings, [{ category: "spam", ruleId: "external.spam", start: 0, end: 10, confidence: 0.9 }]);
    assert.equal(parseExternal({ nope: 1 }, 10), null);
  });
});
