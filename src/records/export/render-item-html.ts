// A readable HTML page per item for the package (people open the archive
// decades later without Växel): every version with its times and hashes.
// Escaped like every page: comment text is hostile input.
import { html } from "../../web/html.ts";
import type { PackageItem } from "./collect-package.ts";

const STYLE = "body{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.5}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2em .5em;text-align:left}code{font-size:.8em;word-break:break-all}";

export function renderItemHtml(it: PackageItem, org: string): string {
  const versions = it.versions.map((v) => html`<section><h2>Version ${v.seq}: ${v.event}</h2>
<table><tbody>
<tr><th scope="row">Plattformens tid</th><td>${v.platformTime ?? "–"}</td></tr>
<tr><th scope="row">Mottagen av kommunen</th><td>${v.receivedAt}</td></tr>
<tr><th scope="row">Skribent</th><td>${v.authorName ?? "–"} (${v.authorPlatformId ?? "–"})</td></tr>
<tr><th scope="row">Dold</th><td>${v.hidden === null ? "–" : v.hidden ? "ja" : "nej"}</td></tr>
<tr><th scope="row">Källa</th><td>${v.source}</td></tr>
<tr><th scope="row">Innehållets SHA-256</th><td><code>${v.contentHash}</code></td></tr>
<tr><th scope="row">Länk i hashkedjan</th><td><code>${v.hash}</code> (föregående <code>${v.prevHash}</code>)</td></tr>
</tbody></table>
<blockquote>${v.text ?? "(ingen text i denna version)"}</blockquote></section>`);
  return html`<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>${it.kind} ${it.platformItemId} – ${org}</title><style>${STYLE}</style></head>
<body><main><h1>${it.kind === "post" ? "Inlägg" : "Kommentar"} ${it.platformItemId}</h1>
<p>${org} · ${it.platform}: ${it.channelName}${it.diaryNumber ? html` · diarienummer ${it.diaryNumber}` : ""}${it.postPlatformId ? html` · på inlägg ${it.postPlatformId}` : ""}</p>
${versions}</main></body></html>
`.value;
}
