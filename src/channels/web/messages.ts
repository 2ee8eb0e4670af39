// The channels module's own strings (Swedish first).
import { translator } from "../../web/i18n.ts";

export const CHANNEL_MESSAGES = {
  "nav.channels": { sv: "Kanaler", en: "Channels" },
  "public.title": { sv: "Alla våra sociala kanaler", en: "All our social media channels" },
  "public.intro": {
    sv: "Här är alla konton som {org} driver i sociala medier, ordnade efter den del av organisationen som ansvarar för dem. Allt som skrivs i kommentarsfälten blir allmän handling.",
    en: "These are all the social media accounts {org} runs, grouped by the part of the organisation responsible for them. Everything written in the comment fields becomes a public record.",
  },
  "public.none": { sv: "Inga kanaler är publicerade ännu.", en: "No channels are published yet." },
  "public.otherUnit": { sv: "Övriga kanaler", en: "Other channels" },
  "public.contact": { sv: "Kontakt", en: "Contact" },
  "public.web": { sv: "Webbsida", en: "Web page" },
  "public.rules": { sv: "Sidregler, version {v}", en: "Page rules, version {v}" },
  "admin.title": { sv: "Kanaler", en: "Channels" },
  "admin.platform": { sv: "Plattform", en: "Platform" },
  "admin.name": { sv: "Namn", en: "Name" },
  "admin.account": { sv: "Konto-id", en: "Account id" },
  "admin.credentials": { sv: "Inloggningsuppgifter", en: "Credentials" },
  "admin.rotated": { sv: "Senast bytta", en: "Last rotated" },
  "admin.items": { sv: "Inhämtade poster", en: "Captured items" },
  "admin.none": { sv: "Inga kanaler. Lägg till med kommandot vaxel channels add.", en: "No channels. Add one with vaxel channels add." },
  "outbox.title": { sv: "Åtgärder på plattformarna", en: "Actions on the platforms" },
  "outbox.dead": { sv: "Misslyckade åtgärder som behöver en människa", en: "Failed actions that need a person" },
  "outbox.noneDead": { sv: "Inga misslyckade åtgärder.", en: "No failed actions." },
  "outbox.pending": { sv: "Väntar eller pågår: {n}", en: "Waiting or running: {n}" },
  "outbox.action": { sv: "Åtgärd", en: "Action" },
  "outbox.item": { sv: "Post", en: "Item" },
  "outbox.why": { sv: "Vad hände", en: "What happened" },
  "outbox.attempts": { sv: "Försök", en: "Attempts" },
  "outbox.retry": { sv: "Försök igen", en: "Retry" },
  "outbox.decidedBy": { sv: "Beslutad av", en: "Decided by" },
  "action.hide": { sv: "Dölj", en: "Hide" },
  "action.unhide": { sv: "Visa", en: "Unhide" },
  "action.delete": { sv: "Ta bort", en: "Delete" },
  "action.reply": { sv: "Svara", en: "Reply" },
  "action.ban": { sv: "Blockera", en: "Ban" },
} as const;

export const tc = translator(CHANNEL_MESSAGES);
