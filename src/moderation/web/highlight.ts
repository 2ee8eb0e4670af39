// Findings highlighted in the comment text: the analyzer's spans (UTF-16
// offsets in the original text) become <mark> elements naming the rule they
// cite. Every piece of text is escaped by the `html` tag; overlapping spans
// are merged at their boundaries, and spans outside the text are ignored.
import type { Finding } from "../../analysis/index.ts";
import { html, type SafeHtml } from "../../web/html.ts";

export function highlight(text: string, findings: readonly Finding[]): SafeHtml {
  const spans = findings.filter((f) => Number.isInteger(f.start) && Number.isInteger(f.end) && f.start >= 0 && f.end <= text.length && f.start < f.end);
  const cuts = new Set<number>([0, text.length]);
  for (const f of spans) {
    cuts.add(f.start);
    cuts.add(f.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const parts: SafeHtml[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    const seg = text.slice(a, b);
    const covering = spans.filter((f) => f.start <= a && f.end >= b);
    if (!covering.length) {
      parts.push(html`${seg}`);
      continue;
    }
    const title = [...new Set(covering.map((f) => `${f.category} · ${f.ruleId} · ${f.legalBasis}`))].join("; ");
    parts.push(html`<mark data-rule="${covering[0]!.category}" title="${title}">${seg}</mark>`);
  }
  return html`${parts}`;
}
