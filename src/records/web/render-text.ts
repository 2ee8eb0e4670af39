// Renders record text for a page: escaped, search matches marked (ts_headline
// markers \u0002…\u0003), personal data masked unless the reader asked to see it.
import { html, type SafeHtml } from "../../web/html.ts";
import { findPersonalData } from "../redaction/personal-data.ts";

const START = "\u0002";
const STOP = "\u0003";

export function renderRecordText(text: string, o: { mask: boolean }): SafeHtml {
  const plain = text.replaceAll(START, "").replaceAll(STOP, "");
  const spans = o.mask ? findPersonalData(plain) : [];
  const parts: (string | SafeHtml)[] = [];
  let p = 0; // index into `plain`
  let buf = "";
  let s = 0;
  const flush = () => {
    if (buf) parts.push(buf);
    buf = "";
  };
  for (const ch of text) {
    if (ch === START || ch === STOP) {
      flush();
      parts.push(html`${ch === START ? html`<mark>` : html`</mark>`}`);
      continue;
    }
    const span = spans[s];
    if (span && p >= span.start && p < span.end) {
      if (p === span.start) {
        flush();
        parts.push(html`<span class="masked">[${span.kindSv}]</span>`);
      }
    } else {
      buf += ch;
    }
    p += ch.length;
    while (spans[s] && p >= spans[s]!.end) s++;
  }
  flush();
  return html`${parts}`;
}
