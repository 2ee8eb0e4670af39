// `vaxel demo simulate`: residents comment on the demo accounts. Realistic
// Swedish comments (most of them lawful, some breaking the page rules: threats,
// personal data, spam, insults) are posted through the emulators' control API;
// the emulators then deliver them as the platforms would — signed Facebook and
// Instagram webhooks, YouTube comments waiting for the next poll — so they take
// the real path into capture, analysis and the moderation queue.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AppError } from "../../platform/errors.ts";
import { DEMO_CHANNELS, DEMO_POSTS } from "./demo-channels.ts";

interface SuiteComment {
  text: string;
  author: string;
  labels: string[];
}

const SUITE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../analysis/devsuite/devsuite.jsonl");

export function loadDemoComments(): SuiteComment[] {
  return fs.readFileSync(SUITE, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as SuiteComment);
}

export async function simulate(o: { emulatorsUrl: string; minutes: number; perMinute: number; out: (line: string) => void; random?: () => number }): Promise<number> {
  const rnd = o.random ?? Math.random;
  const comments = loadDemoComments();
  try {
    await fetch(`${o.emulatorsUrl}/_emulator/applied`, { signal: AbortSignal.timeout(3000) });
  } catch {
    throw new AppError("not_found", { public: { emulators: o.emulatorsUrl, hint: "start Växel in demo mode first: npm start" } });
  }
  const total = Math.max(1, Math.round(o.minutes * o.perMinute));
  const gap = 60_000 / o.perMinute;
  let sent = 0;
  for (let i = 0; i < total; i++) {
    const c = comments[Math.floor(rnd() * comments.length)]!;
    const r = rnd();
    const platform = r < 0.7 ? "facebook" : r < 0.9 ? "instagram" : "youtube";
    const account = DEMO_CHANNELS.find((d) => d.platform === platform)!.externalId;
    const author = { id: `demo-${Buffer.from(c.author).toString("hex").slice(0, 12)}`, name: c.author };
    const res = await fetch(`${o.emulatorsUrl}/_emulator/comments`, {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ platform, account, post: DEMO_POSTS[platform], author, text: c.text }),
    });
    if (res.ok) {
      sent++;
      o.out(`${platform.padEnd(9)} ${c.author}: ${c.text.replace(/\s+/g, " ").slice(0, 90)}${c.labels.length ? `  [${c.labels.join(", ")}]` : ""}`);
    } else o.out(`${platform}: emulatorn svarade ${res.status}`);
    if (i < total - 1) await new Promise((r) => setTimeout(r, gap * (0.5 + rnd())));
  }
  return sent;
}
