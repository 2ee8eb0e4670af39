// A server-rendered bar chart (SVG) with the same numbers as a data table, so
// people who look and people who read (or use a screen reader) get the same.
import { html, type SafeHtml } from "../../web/html.ts";

export function barChart(o: { title: string; rows: { label: string; value: number }[]; id: string }): SafeHtml {
  const max = Math.max(1, ...o.rows.map((r) => r.value));
  const barH = 22;
  const width = 520;
  const labelW = 170;
  const h = o.rows.length * (barH + 6) + 10;
  const bars = o.rows.map((r, i) => {
    const w = Math.round(((width - labelW - 50) * r.value) / max);
    const y = 5 + i * (barH + 6);
    return html`<text x="${labelW - 6}" y="${y + 15}" text-anchor="end" font-size="12">${r.label}</text><rect x="${labelW}" y="${y}" width="${w}" height="${barH}" fill="#1d5fa8"></rect><text x="${labelW + w + 4}" y="${y + 15}" font-size="12">${r.value}</text>`;
  });
  return html`<figure><svg role="img" aria-labelledby="${o.id}-t" width="${width}" height="${h}" viewBox="0 0 ${width} ${h}"><title id="${o.id}-t">${o.title}</title>${bars}</svg>
<figcaption>${o.title}</figcaption></figure>
<table><caption>${o.title}</caption><thead><tr><th scope="col">–</th><th scope="col">n</th></tr></thead><tbody>${o.rows.map((r) => html`<tr><th scope="row">${r.label}</th><td>${r.value}</td></tr>`)}</tbody></table>`;
}
