// Swedish first, English second. One message table; a missing English string
// falls back to Swedish, and the test suite checks both languages have every key.
export type Lang = "sv" | "en";

export const MESSAGES = {
  "app.name": { sv: "Växel", en: "Växel" },
  "app.tagline": {
    sv: "Kontaktkatalog, sociala medier och allmänna handlingar",
    en: "Contact directory, social media and public records",
  },
  "nav.skip": { sv: "Hoppa till huvudinnehåll", en: "Skip to main content" },
  "nav.main": { sv: "Huvudmeny", en: "Main menu" },
  "nav.dashboard": { sv: "Översikt", en: "Dashboard" },
  "nav.directory": { sv: "Kontaktkatalog", en: "Directory" },
  "nav.moderation": { sv: "Moderering", en: "Moderation" },
  "nav.records": { sv: "Allmänna handlingar", en: "Public records" },
  "nav.audit": { sv: "Granskningslogg", en: "Audit log" },
  "nav.users": { sv: "Användare", en: "Users" },
  "nav.logout": { sv: "Logga ut", en: "Sign out" },
  "nav.login": { sv: "Logga in", en: "Sign in" },
  "lang.switch": { sv: "English", en: "Svenska" },
  "lang.switch.label": { sv: "Byt språk till engelska", en: "Switch language to Swedish" },
  "login.title": { sv: "Logga in", en: "Sign in" },
  "login.org": { sv: "Organisation", en: "Organisation" },
  "login.username": { sv: "Användarnamn", en: "Username" },
  "login.password": { sv: "Lösenord", en: "Password" },
  "login.submit": { sv: "Logga in", en: "Sign in" },
  "login.sso": { sv: "Logga in med kommunens inloggning (SSO)", en: "Sign in with the municipality's single sign-on" },
  "login.or": { sv: "eller", en: "or" },
  "dashboard.title": { sv: "Översikt", en: "Dashboard" },
  "dashboard.welcome": { sv: "Välkommen, {name}.", en: "Welcome, {name}." },
  "dashboard.roles": { sv: "Dina roller", en: "Your roles" },
  "dashboard.noRoles": {
    sv: "Du har inga roller ännu. Be en administratör om behörighet.",
    en: "You have no roles yet. Ask an administrator for access.",
  },
  "dashboard.modules": { sv: "Moduler", en: "Modules" },
  "dashboard.directory.desc": {
    sv: "Enheter, funktionsbrevlådor, telefoner och öppettider — en källa för alla kanaler.",
    en: "Units, functional mailboxes, phones and opening hours — one source for every channel.",
  },
  "dashboard.moderation.desc": {
    sv: "Kommentarer från stadens konton prövas mot sidreglerna.",
    en: "Comments from the city's accounts checked against the page rules.",
  },
  "dashboard.records.desc": {
    sv: "Allt som kommer in är allmän handling: bevarat, sökbart och exporterbart.",
    en: "Everything that arrives is a public record: kept, searchable and exportable.",
  },
  "dashboard.audit.desc": {
    sv: "Varje ändring, med vem, vad och när, i en obruten kedja.",
    en: "Every change, by whom, what and when, in an unbroken chain.",
  },
  "dashboard.stats": { sv: "Läget", en: "Status" },
  "dashboard.auditCount": { sv: "Händelser i granskningsloggen", en: "Events in the audit log" },
  "dashboard.userCount": { sv: "Användare", en: "Users" },
  "audit.title": { sv: "Granskningslogg", en: "Audit log" },
  "audit.filter": { sv: "Filtrera", en: "Filter" },
  "audit.actor": { sv: "Utförd av", en: "Actor" },
  "audit.action": { sv: "Händelse", en: "Action" },
  "audit.target": { sv: "Objekt", en: "Target" },
  "audit.from": { sv: "Från och med", en: "From" },
  "audit.to": { sv: "Till och med", en: "To" },
  "audit.at": { sv: "Tid", en: "Time" },
  "audit.seq": { sv: "Nr", en: "No." },
  "audit.change": { sv: "Ändring", en: "Change" },
  "audit.none": { sv: "Inga händelser matchar filtret.", en: "No events match the filter." },
  "audit.older": { sv: "Äldre händelser", en: "Older events" },
  "audit.chain": { sv: "Kedjan", en: "Chain" },
  "audit.chainOk": { sv: "Kedjan är obruten ({n} händelser kontrollerade).", en: "The chain is intact ({n} events checked)." },
  "audit.chainBroken": {
    sv: "Kedjan är bruten vid händelse {seq} ({kind}).",
    en: "The chain is broken at event {seq} ({kind}).",
  },
  "audit.verify": { sv: "Kontrollera kedjan", en: "Verify the chain" },
  "users.title": { sv: "Användare", en: "Users" },
  "users.roles": { sv: "Roller", en: "Roles" },
  "users.sso": { sv: "SSO", en: "SSO" },
  "users.disabled": { sv: "Avstängd", en: "Disabled" },
  "role.admin": { sv: "Administratör", en: "Administrator" },
  "role.editor": { sv: "Kontaktansvarig/redaktör", en: "Contact owner/editor" },
  "role.moderator": { sv: "Moderator", en: "Moderator" },
  "role.registrar": { sv: "Registrator", en: "Registrar" },
  "role.viewer": { sv: "Läsare", en: "Viewer" },
  "error.title": { sv: "Något gick fel", en: "Something went wrong" },
  "error.back": { sv: "Till startsidan", en: "Back to the start page" },
  "common.all": { sv: "Alla", en: "All" },
  "common.yes": { sv: "Ja", en: "Yes" },
  "common.no": { sv: "Nej", en: "No" },
} as const satisfies Record<string, Record<Lang, string>>;

export type MessageKey = keyof typeof MESSAGES;

export type MessageTable = Record<string, Record<Lang, string>>;

/**
 * A typed translator for a module's own message table, so each feature folder
 * keeps its strings beside its pages (`const t = translator(DIRECTORY_MESSAGES)`).
 */
export function translator<M extends MessageTable>(messages: M) {
  return (lang: Lang, key: keyof M & string, vars: Record<string, string | number> = {}): string => {
    const m = messages[key];
    if (!m) return key;
    let s = m[lang] || m.sv;
    for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
    return s;
  };
}

/** The shell's own strings. */
export const t = translator(MESSAGES);

/** Swedish unless the person chose English (query `?lang=en`, then the remembered cookie). */
export function pickLang(query: unknown, cookie: string | undefined): Lang {
  const q = (query as { lang?: unknown } | undefined)?.lang;
  if (q === "en" || q === "sv") return q;
  return cookie === "en" ? "en" : "sv";
}
