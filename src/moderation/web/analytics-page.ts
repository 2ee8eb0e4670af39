// The analytics page: a period form (from, to, granularity), charts that
// people can look at, and the same numbers as tables (screen readers, and
// anyone who would rather read) and as CSV.
import type { Lang } from "../../web/i18n.ts";
import { html, type SafeHtml } from "../../web/html.ts";
import { RULE_LABELS, isRuleId } from "../domain/rules.ts";
import type { Period } from "../use-cases/analytics.ts";
import { barChart } from "./chart.ts";
import { tm, type ModKey } from "./messages.ts";

export interface AnalyticsData {
  period: Period;
  buckets: string[];
  items: Map<string, number>;
  volumes: { period: string; category: string; channel: string; n: number }[];
  decisions: { period: string; kind: string; rule: string; n: number }[];
  reviews: { period: string; channel: string; reviewed: number; p50: number; p90: number }[];
}

const sum = <T>(rows: T[], key: (r: T) => string, n: (r: T) => number) => {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + n(r));
  return [...m].map(([label, value]) => ({ label, value }));
};

export function analyticsBody(lang: Lang, d: AnalyticsData): SafeHtml {
  const p = d.period;
  const rule = (r: string) => (isRuleId(r) ? RULE_LABELS[r][lang] : r);
  const g = tm(lang, `granularity.${p.granularity}` as ModKey);
  const qs = new URLSearchParams({ from: p.from, to: p.to, granularity: p.granularity }).toString();
  const cats = [...new Set(d.volumes.map((v) => v.category))].sort();
  const cell = new Map(sum(d.volumes, (v) => `${v.period}|${v.category}`, (v) => v.n).map((x) => [x.label, x.value]));
  const breakdown = html`<table><caption>${tm(lang, "analytics.breakdown")} (${g})</caption><thead><tr><th scope="col">${g}</th>${cats.map((c) => html`<th scope="col">${rule(c)}</th>`)}</tr></thead>
<tbody>${d.buckets.map((b) => html`<tr><th scope="row">${b}</th>${cats.map((c) => html`<td>${cell.get(`${b}|${c}`) ?? 0}</td>`)}</tr>`)}</tbody></table>`;
  const reviews = html`<table><caption>${tm(lang, "analytics.review")}</caption><thead><tr><th scope="col">${g}</th><th scope="col">${tm(lang, "channel")}</th><th scope="col">n</th><th scope="col">p50 (min)</th><th scope="col">p90 (min)</th></tr></thead>
<tbody>${d.reviews.map((r) => html`<tr><th scope="row">${r.period}</th><td>${r.channel}</td><td>${r.reviewed}</td><td>${r.p50}</td><td>${r.p90}</td></tr>`)}</tbody></table>`;
  return html`<h1>${tm(lang, "analytics.page")}</h1>
<form method="get" action="/moderation/analytics" class="filters">
<label>${tm(lang, "analytics.from")} <input type="date" name="from" value="${p.from}" required></label>
<label>${tm(lang, "analytics.to")} <input type="date" name="to" value="${p.to}" required></label>
<label>${tm(lang, "analytics.granularity")} <select name="granularity"><option value="auto">${tm(lang, "granularity.auto")}</option>${(["day", "week", "month"] as const).map((x) => html`<option value="${x}"${x === p.granularity ? html` selected` : ""}>${tm(lang, `granularity.${x}` as ModKey)}</option>`)}</select></label>
<button type="submit">${tm(lang, "filter")}</button></form>
<p>${tm(lang, "analytics.period", { from: p.from, to: p.to, days: p.days })} · ${g}</p>
${barChart({ id: "time", title: `${tm(lang, "analytics.items")} (${g})`, rows: d.buckets.map((b) => ({ label: b, value: d.items.get(b) ?? 0 })) })}
${barChart({ id: "cat", title: tm(lang, "analytics.category"), rows: sum(d.volumes, (v) => rule(v.category), (v) => v.n) })}
${barChart({ id: "chan", title: tm(lang, "analytics.channel"), rows: sum(d.volumes, (v) => v.channel, (v) => v.n) })}
${barChart({ id: "kind", title: tm(lang, "analytics.decisions"), rows: sum(d.decisions, (v) => tm(lang, `kind.${v.kind}` as ModKey), (v) => v.n) })}
${breakdown}
${reviews}
<p>${tm(lang, "csv")}: <a href="/moderation/analytics.csv?${qs}">${tm(lang, "analytics.category")}</a> · <a href="/moderation/analytics.csv?${qs}&amp;measure=decisions">${tm(lang, "analytics.decisions")}</a> · <a href="/moderation/analytics.csv?${qs}&amp;measure=review">${tm(lang, "analytics.review")}</a></p>`;
}
