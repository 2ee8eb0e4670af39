// The e-archive page: the snapshot schedule, the last snapshot the server
// made, when the next period completes, and the recent runs.
import { html } from "../../web/html.ts";
import type { Lang } from "../../web/i18n.ts";
import type { SnapshotStatus } from "../export/snapshot-schedule.ts";
import { codeLabel, tr } from "./messages.ts";

export function archivePageBody(lang: Lang, s: SnapshotStatus) {
  const last = s.last
    ? html`<p>${tr(lang, "archive.lastText", { from: s.last.periodFrom ?? "–", to: s.last.periodTo ?? "–", items: s.last.items, at: s.last.createdAt.slice(0, 16).replace("T", " "), path: s.last.outPath })}</p>`
    : html`<p>${tr(lang, "archive.lastNone")}</p>`;
  const runs = s.runs.map((r) => html`<tr><td>${r.finishedAt.slice(0, 16).replace("T", " ")}</td><td>${codeLabel(lang, "archive.status", r.status)}${r.error ? html`: ${r.error}` : ""}</td><td>${r.packages}</td><td>${r.host}</td></tr>`);
  return html`<h1>${tr(lang, "archive.title")}</h1>
<h2>${tr(lang, "archive.schedule")}</h2>
<p>${s.everyMonths > 0 ? tr(lang, "archive.every", { n: s.everyMonths, dir: s.outDir }) : tr(lang, "archive.off")}</p>
<h2>${tr(lang, "archive.last")}</h2>
${last}
${s.next ? html`<h2>${tr(lang, "archive.next")}</h2><p id="next-snapshot">${tr(lang, "archive.nextText", { date: s.next })}</p>` : ""}
<h2>${tr(lang, "archive.runs")}</h2>
${runs.length ? html`<table><caption>${tr(lang, "archive.runs")}</caption><thead><tr><th scope="col">${tr(lang, "archive.col.finished")}</th><th scope="col">${tr(lang, "archive.col.status")}</th><th scope="col">${tr(lang, "archive.col.packages")}</th><th scope="col">${tr(lang, "archive.col.host")}</th></tr></thead><tbody>${runs}</tbody></table>` : html`<p>${tr(lang, "archive.runsNone")}</p>`}`;
}
