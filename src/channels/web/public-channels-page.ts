// "Alla våra sociala kanaler": the public list of the city's accounts per unit
// (BBS-lagen §3: tell users who runs the service). No credentials, no ids
// beyond the public account URL.
import { html } from "../../web/html.ts";
import type { Lang } from "../../web/i18n.ts";
import type { ChannelView } from "../registry/index.ts";
import { tc } from "./messages.ts";

const PLATFORM_LABEL: Record<string, string> = {
  facebook: "Facebook", instagram: "Instagram", youtube: "YouTube", linkedin: "LinkedIn", mastodon: "Mastodon",
};

export function publicChannelsBody(lang: Lang, orgName: string, channels: ChannelView[]) {
  const groups = new Map<string, ChannelView[]>();
  for (const c of channels) {
    const unit = c.contact.unitName || tc(lang, "public.otherUnit");
    groups.set(unit, [...(groups.get(unit) ?? []), c]);
  }
  const sections = [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b, "sv"))
    .map(([unit, list], i) => html`<section aria-labelledby="unit-${i}"><h2 id="unit-${i}">${unit}</h2><ul class="channels">
${list.map((c) => html`<li><span class="platform">${PLATFORM_LABEL[c.platform] ?? c.platform}</span>:
  ${c.url ? html`<a href="${c.url}" rel="noopener">${c.name}</a>` : c.name}
  <span class="muted">(${tc(lang, "public.rules", { v: c.pageRulesVersion })})</span>
  ${c.contact.email || c.contact.phone ? html`<br><span>${tc(lang, "public.contact")}: ${c.contact.email ? html`<a href="mailto:${c.contact.email}">${c.contact.email}</a>` : ""}${c.contact.email && c.contact.phone ? ", " : ""}${c.contact.phone ?? ""}</span>` : ""}
</li>`)}</ul></section>`);
  return html`<h1>${tc(lang, "public.title")}</h1>
<p>${tc(lang, "public.intro", { org: orgName })}</p>
${sections.length ? sections : html`<p>${tc(lang, "public.none")}</p>`}`;
}
