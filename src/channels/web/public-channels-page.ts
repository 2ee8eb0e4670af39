// "Alla våra sociala kanaler": the public list of the city's accounts per unit
// (BBS-lagen §3: tell users who runs the service). No credentials, no ids
// beyond the public account URL. Contact details are the owning unit's in the
// directory (filled in by the route), never typed in per channel.
import { html } from "../../web/html.ts";
import type { Lang } from "../../web/i18n.ts";
import type { ChannelView } from "../registry/index.ts";
import { tc } from "./messages.ts";

const PLATFORM_LABEL: Record<string, string> = {
  facebook: "Facebook", instagram: "Instagram", youtube: "YouTube", linkedin: "LinkedIn", mastodon: "Mastodon",
};

/** The owning unit's contact details from the directory: mailbox, phone, web page. */
function contactLine(lang: Lang, c: ChannelView) {
  const { email, phone, url } = c.contact;
  const parts = [
    email ? html`<a href="mailto:${email}">${email}</a>` : null,
    phone ? html`<a href="tel:${phone.replace(/[^+\d]/g, "")}">${phone}</a>` : null,
    url && /^https?:\/\//i.test(url) ? html`<a href="${url}">${tc(lang, "public.web")}</a>` : null,
  ].filter((p) => p !== null);
  if (!parts.length) return "";
  return html`<br><span>${tc(lang, "public.contact")}: ${parts.map((p, i) => (i ? html`, ${p}` : p))}</span>`;
}

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
  ${contactLine(lang, c)}
</li>`)}</ul></section>`);
  return html`<h1>${tc(lang, "public.title")}</h1>
<p>${tc(lang, "public.intro", { org: orgName })}</p>
${sections.length ? sections : html`<p>${tc(lang, "public.none")}</p>`}`;
}
