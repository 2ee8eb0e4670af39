// The contact card as HTML: the same card for the "Kontakta oss" page, the
// embeddable snippet (no script needed), the iframe page and the web
// component's fallback. Every value is escaped by the `html` tag.
import { html, type SafeHtml } from "../../web/html.ts";
import { indexSnapshot, resolveReachableContact, summarizeWeek, type ContactPoint, type DirectorySnapshot, type Unit } from "../domain/index.ts";
import { phoneOf, sortedContactPoints } from "../read/present.ts";
import { dt } from "./messages.ts";

const KIND_LABEL: Record<ContactPoint["kind"], Parameters<typeof dt>[1]> = {
  phone: "dir.phone",
  email: "dir.email",
  visiting_address: "dir.visiting",
  postal_address: "dir.postal",
  web: "dir.web",
  chat: "dir.chat",
  social: "dir.social",
};

/** Only http(s) links leave our pages: a stored `javascript:` URL never becomes a link. */
export function safeHref(url: string): string {
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:" ? u.toString() : "#";
  } catch {
    return "#";
  }
}

function point(cp: ContactPoint): SafeHtml {
  const label = cp.label ? html`<span class="vx-label">${cp.label}</span> ` : "";
  const hours = cp.openingHours ? html`<br><span class="vx-hours">${summarizeWeek(cp.openingHours, "sv").join(", ")}</span>` : "";
  switch (cp.kind) {
    case "phone": {
      const p = phoneOf(cp);
      return html`<li data-kind="phone">${label}<a href="tel:${p.e164}">${p.display}</a>${hours}</li>`;
    }
    case "email":
      return html`<li data-kind="email">${label}<a href="mailto:${cp.address}">${cp.address}</a></li>`;
    case "visiting_address":
    case "postal_address":
      return html`<li data-kind="${cp.kind}">${label}<span class="vx-address">${cp.careOf ? html`c/o ${cp.careOf}<br>` : ""}${cp.street}<br>${cp.postcode} ${cp.town}</span>${hours}</li>`;
    default:
      return html`<li data-kind="${cp.kind}"><a href="${safeHref(cp.url)}" rel="noopener">${cp.label ?? cp.url}</a></li>`;
  }
}

export function cardHtml(unit: Unit, snapshot: DirectorySnapshot, o: { headingLevel?: 2 | 3; vcardUrl?: string } = {}): SafeHtml {
  const points = sortedContactPoints(indexSnapshot(snapshot).contactPointsByUnit.get(unit.id) ?? []);
  const byKind = new Map<ContactPoint["kind"], ContactPoint[]>();
  for (const p of points) byKind.set(p.kind, [...(byKind.get(p.kind) ?? []), p]);
  const groups = [...byKind.entries()].map(([kind, list]) => html`<h${o.headingLevel === 3 ? "4" : "3"} class="vx-kind">${dt("sv", KIND_LABEL[kind])}</h${o.headingLevel === 3 ? "4" : "3"}><ul>${list.map(point)}</ul>`);
  let fallback: SafeHtml | string = "";
  if (!points.some((p) => p.kind === "email" || p.kind === "phone")) {
    const c = resolveReachableContact(unit, snapshot).contact;
    if (c && c.unitId !== unit.id) {
      fallback = html`<p class="vx-fallback">${dt("sv", "dir.fallback", { name: c.unitName })}</p><ul>${c.phone ? point(c.phone) : ""}${c.email ? point(c.email) : ""}</ul>`;
    }
  }
  const verified = points.map((p) => p.verification.verifiedAt).filter((d): d is Date => d !== null).sort((a, b) => a.getTime() - b.getTime())[0];
  const h = o.headingLevel === 3 ? "h3" : "h2";
  return html`<section class="vaxel-card" aria-labelledby="vx-${unit.id}" data-unit="${unit.id}">
<${h} id="vx-${unit.id}">${unit.name}</${h}>
${groups}${fallback}
${verified ? html`<p class="vx-verified">${dt("sv", "dir.verified", { date: verified.toISOString().slice(0, 10) })}</p>` : ""}
${o.vcardUrl ? html`<p><a href="${o.vcardUrl}" download>${dt("sv", "dir.vcard")}</a></p>` : ""}
</section>`;
}
