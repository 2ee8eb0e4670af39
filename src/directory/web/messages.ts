// The directory's own strings, Swedish first.
import { translator } from "../../web/i18n.ts";

export const DIRECTORY_MESSAGES = {
  "dir.title": { sv: "Kontaktkatalog", en: "Directory" },
  "dir.public.title": { sv: "Kontakta oss", en: "Contact us" },
  "dir.search": { sv: "Sök i kontaktkatalogen", en: "Search the directory" },
  "dir.search.label": { sv: "Vad vill du ha kontakt om?", en: "What do you want to get in touch about?" },
  "dir.search.submit": { sv: "Sök", en: "Search" },
  "dir.search.none": { sv: "Inga träffar. Kontakta kontaktcenter, så hjälper vi dig vidare.", en: "No results. Contact the contact center and we will help you." },
  "dir.search.results": { sv: "Träffar för ”{q}”", en: "Results for “{q}”" },
  "dir.units": { sv: "Enheter", en: "Units" },
  "dir.services": { sv: "Tjänster", en: "Services" },
  "dir.actors": { sv: "Externa aktörer", en: "External actors" },
  "dir.phone": { sv: "Telefon", en: "Phone" },
  "dir.email": { sv: "E-post", en: "E-mail" },
  "dir.visiting": { sv: "Besöksadress", en: "Visiting address" },
  "dir.postal": { sv: "Postadress", en: "Postal address" },
  "dir.web": { sv: "Webbplats", en: "Website" },
  "dir.chat": { sv: "Chatt", en: "Chat" },
  "dir.social": { sv: "Sociala medier", en: "Social media" },
  "dir.hours": { sv: "Öppettider", en: "Opening hours" },
  "dir.next14": { sv: "De kommande 14 dagarna", en: "The next 14 days" },
  "dir.fallback": { sv: "Enheten har inga egna kontaktvägar. Kontakta {name}:", en: "The unit has no contacts of its own. Contact {name}:" },
  "dir.verified": { sv: "Senast granskad {date}", en: "Last reviewed {date}" },
  "dir.vcard": { sv: "Spara som kontakt (vCard)", en: "Save as contact (vCard)" },
  "dir.contactCenter": { sv: "Kontaktcenter – en väg in", en: "Contact center – one way in" },
  "dir.contactCenter.intro": {
    sv: "Kontaktcenter är din väg in till oss. Vi svarar på frågor om alla kommunens verksamheter och hjälper dig vidare.",
    en: "The contact center is your way in. We answer questions about all the municipality's services and help you further.",
  },
  "dir.visitUs": { sv: "Besök oss", en: "Visit us" },
  "dir.externalLinks": { sv: "Andra myndigheter och aktörer", en: "Other authorities and actors" },
  "dir.externalNote": { sv: "Vi hänvisar till deras egna webbplatser, där kontaktuppgifterna alltid är aktuella.", en: "We refer to their own websites, where the contact details are always current." },
  "dir.service.contact": { sv: "Så får du kontakt", en: "How to get in touch" },
  "dir.closedToday": { sv: "Stängt", en: "Closed" },
} as const;

export const dt = translator(DIRECTORY_MESSAGES);
