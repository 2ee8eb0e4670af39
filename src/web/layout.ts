// The shared page shell: landmarks, skip link, navigation by permission, the
// language switch, and one stylesheet. Works without JavaScript.
import type { Principal } from "../access/principal.ts";
import { can, type Permission } from "../access/policy.ts";
import { html, type SafeHtml } from "./html.ts";
import { t, type Lang, type MessageKey } from "./i18n.ts";

export interface NavEntry {
  href: string;
  /** A shell message key, or a module's own label in both languages. */
  label: MessageKey | Record<Lang, string>;
  permission: Permission;
}

export const navLabel = (lang: Lang, l: NavEntry["label"]): string => (typeof l === "string" ? t(lang, l) : l[lang]);

/** Modules add their entries at start-up (see app.ts); order is the menu order. */
export const NAV: NavEntry[] = [{ href: "/", label: "nav.dashboard", permission: "self" }];

export interface PageOptions {
  lang: Lang;
  title: string;
  principal?: Principal | undefined;
  csrfToken?: string | undefined;
  currentPath: string;
  body: SafeHtml;
  /** Extra markup for <head>, e.g. JSON-LD. Must be built with `html`. */
  head?: SafeHtml;
}

function langSwitchHref(path: string, lang: Lang): string {
  const u = new URL(path, "http://x");
  u.searchParams.set("lang", lang === "sv" ? "en" : "sv");
  return u.pathname + u.search;
}

export function page(o: PageOptions): string {
  const { lang, principal } = o;
  const pathOnly = new URL(o.currentPath, "http://x").pathname;
  const nav = NAV.filter((n) => can(principal, n.permission)).map(
    (n) =>
      html`<li><a href="${n.href}"${pathOnly === n.href ? html` aria-current="page"` : ""}>${navLabel(lang, n.label)}</a></li>`,
  );
  const doc = html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} – ${t(lang, "app.name")}</title>
<link rel="stylesheet" href="/assets/app.css">
${o.head ?? ""}
</head>
<body>
<a class="skip" href="#main">${t(lang, "nav.skip")}</a>
<header class="site">
  <div class="brand"><a href="/">${t(lang, "app.name")}</a> <span class="tagline">${t(lang, "app.tagline")}</span></div>
  <div class="tools">
    <a href="${langSwitchHref(o.currentPath, lang)}" lang="${lang === "sv" ? "en" : "sv"}">${t(lang, "lang.switch")}</a>
    ${
      principal
        ? html`<span class="who">${principal.displayName || principal.username}</span>
    <form method="post" action="/logout" class="inline"><input type="hidden" name="_csrf" value="${o.csrfToken ?? ""}"><button type="submit">${t(lang, "nav.logout")}</button></form>`
        : html`<a href="/login">${t(lang, "nav.login")}</a>`
    }
  </div>
</header>
${principal ? html`<nav aria-label="${t(lang, "nav.main")}"><ul class="nav">${nav}</ul></nav>` : ""}
<main id="main" tabindex="-1">
${o.body}
</main>
</body>
</html>`;
  return doc.value;
}
