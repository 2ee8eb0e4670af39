// The analyzer pool on real worker threads: analysis leaves the event loop
// free, results equal the library's own, a channel's stream keeps its order
// (the spam memory sees it), and a killed thread's batch is analysed anyway.
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createAnalyzer, DEFAULT_PAGE_RULES, type OrgProfile } from "../../analysis/index.ts";
import { generateCorpus } from "../../../bench/lib/corpus.ts";
import { createAnalyzerPool, type PoolJob } from "./analyzer-pool.ts";
import type { AnalyzerSpec } from "./thread-protocol.ts";

const org: OrgProfile = { name: "Testkommun", domains: ["testkommun.se"], phones: ["031-365 00 00"], emails: ["kontaktcenter@testkommun.se"] };
// A new key per use: a new analyzer in the thread, with no spam memory yet, like the direct one below.
let keys = 0;
const freshSpec = (): AnalyzerSpec => ({ key: `o|default-1|${++keys}`, slot: "o|default-1", rulesVersion: DEFAULT_PAGE_RULES.version, org, rules: DEFAULT_PAGE_RULES });
const texts = generateCorpus(3000).map((c) => c.text);
// One channel: one thread, one analyzer, the same order as the direct analyzer below.
const jobs = (n: number, spec = freshSpec()): PoolJob[] =>
  Array.from({ length: n }, (_, i) => ({ shard: "channel-1", spec, input: { id: `c${i}`, text: texts[i % texts.length]!, author: `author-${i}`, at: new Date(1_767_000_000_000 + i * 86_400_000).toISOString() } }));

function direct(js: PoolJob[]) {
  const a = createAnalyzer({ org, rules: DEFAULT_PAGE_RULES });
  return js.map((j) => {
    const r = a.analyze(j.input);
    return { labels: `{${r.labels.join(",")}}`, action: r.action, findings: JSON.stringify(r.findings.map((f) => ({ ...f, rulesVersion: DEFAULT_PAGE_RULES.version }))) };
  });
}

describe("analyzer pool", () => {
  const pool = createAnalyzerPool({ size: 2 });
  after(() => pool.close());

  test("a big batch is analysed on the threads while the event loop stays free; results equal the library's", async () => {
    await pool.analyze(jobs(10)); // thread started and warm
    const big = jobs(2000);
    const h = monitorEventLoopDelay({ resolution: 10 });
    h.enable();
    let ticks = 0;
    const tick = setInterval(() => ticks++, 10);
    const t0 = performance.now();
    const got = await pool.analyze(big);
    const ms = performance.now() - t0;
    clearInterval(tick);
    h.disable();
    assert.ok(ms > 300, `the batch should take a while to be a fair test (took ${ms.toFixed(0)} ms)`);
    // On the event loop the whole batch would be one block of `ms`; here the timer keeps firing.
    assert.ok(h.max / 1e6 < Math.max(150, ms / 4), `event loop blocked for ${(h.max / 1e6).toFixed(0)} ms of ${ms.toFixed(0)} ms`);
    assert.ok(ticks >= ms / 10 / 4, `timer fired ${ticks} times in ${ms.toFixed(0)} ms`);
    assert.deepEqual(got, direct(big));
  });

  test("a thread killed mid-batch is replaced and the batch is analysed in full", async () => {
    const big = jobs(2000);
    const before = pool.restarts();
    const p = pool.analyze(big);
    while (pool.inFlight() === 0) await new Promise((r) => setImmediate(r));
    await new Promise((r) => setTimeout(r, 50));
    await Promise.all([pool.kill(0), pool.kill(1)]);
    const got = await p;
    assert.equal(pool.restarts() - before, 1, "exactly the thread with the batch was restarted");
    assert.deepEqual(got, direct(big));
  });

  test("a channel's comments reach one thread in order: a repeat in a later batch is cross-comment spam", async () => {
    const text = "Köp billiga solglasögon nu på www.superdeals-exempel.com, bara idag 90 procent rabatt!!";
    const spec = freshSpec();
    const mk = (id: string, author: string, channel: string, min: number): PoolJob => ({ shard: channel, spec,
      input: { id, text, author, at: new Date(Date.UTC(2026, 0, 1, 12, min)).toISOString() } });
    const [first] = await pool.analyze([mk("s1", "spammer", "chan-x", 0)]);
    const [second] = await pool.analyze([mk("s2", "spammer", "chan-x", 1)]);
    const spamRules = (r: typeof first) => (JSON.parse(r!.findings) as { category: string; ruleId: string }[]).filter((f) => f.category === "spam").map((f) => f.ruleId);
    assert.ok(spamRules(second).length > spamRules(first).length, `the repeat is spam: ${second!.findings}`);
  });
});
