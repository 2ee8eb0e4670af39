// "A rendering of how it looked": the captured comment in its thread, drawn
// as a comment card and photographed by headless Chromium (the browser the
// test suite already uses, run as a command: no browser library in
// production). Returns null when no Chromium is installed; the PDF then draws
// the card itself.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { html } from "../../web/html.ts";

const run = promisify(execFile);
const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

export function chromiumPath(): string | null {
  return CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
}

export interface CardInput {
  platform: string;
  channelName: string;
  thread: { authorName: string | null; text: string | null; at: string; isReported: boolean }[];
}

export function cardHtml(c: CardInput): string {
  const items = c.thread.map((t) => html`<li class="${t.isReported ? "c r" : "c"}"><b>${t.authorName ?? "?"}</b><p>${t.text ?? ""}</p><small>${t.at}</small></li>`);
  return html`<!doctype html><html lang="sv"><head><meta charset="utf-8"><style>
body{font-family:"DejaVu Sans",sans-serif;margin:0;padding:12px;background:#fff;width:600px}
h1{font-size:13px;color:#65676b;margin:0 0 8px} ul{list-style:none;margin:0;padding:0}
.c{background:#f0f2f5;border-radius:14px;padding:8px 12px;margin:0 0 8px;font-size:14px;color:#050505}
.c p{margin:4px 0;white-space:pre-wrap;word-wrap:break-word} .c small{color:#65676b}
.r{outline:3px solid #c00}
</style></head><body><h1>${c.platform} · ${c.channelName}</h1><ul>${items}</ul></body></html>`.value;
}

export async function renderPng(c: CardInput, o: { timeoutMs?: number } = {}): Promise<{ png: Buffer; width: number; height: number; renderer: string } | null> {
  const chromium = chromiumPath();
  if (!chromium) return null;
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "vaxel-render-"));
  try {
    const file = path.join(dir, "card.html");
    const out = path.join(dir, "card.png");
    await fs.promises.writeFile(file, cardHtml(c));
    const height = Math.min(4000, 80 + c.thread.reduce((h, t) => h + 70 + Math.ceil((t.text?.length ?? 0) / 70) * 18, 0));
    await run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-background-networking",
      `--user-data-dir=${path.join(dir, "profile")}`, `--window-size=624,${height}`, `--screenshot=${out}`, `file://${file}`], { timeout: o.timeoutMs ?? 30_000 });
    const png = await fs.promises.readFile(out);
    return { png, width: 624, height, renderer: path.basename(chromium) };
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}
