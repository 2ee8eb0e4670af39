// The records module's own strings (Swedish first).
import { translator } from "../../web/i18n.ts";

export const RECORDS_MESSAGES = {
  "nav.search": { sv: "Sök i allmänna handlingar", en: "Search public records" },
  "nav.register": { sv: "Diarium", en: "Register" },
  "search.title": { sv: "Sök i allmänna handlingar", en: "Search public records" },
  "search.q": { sv: "Sökord", en: "Search terms" },
  "search.qHelp": {
    sv: "Ord böjs automatiskt (simhall hittar simhallen). \"Citattecken\" för fras, simh* för början av ord, OR för antingen, -ord för att utesluta.",
    en: "Words are stemmed (simhall finds simhallen). \"Quotes\" for a phrase, simh* for a word start, OR for either, -word to exclude.",
  },
  "search.channel": { sv: "Kanal", en: "Channel" },
  "search.any": { sv: "Alla", en: "All" },
  "search.from": { sv: "Från och med datum", en: "From date" },
  "search.to": { sv: "Till och med datum", en: "To date" },
  "search.author": { sv: "Skribent (början av namnet)", en: "Author (start of name)" },
  "search.category": { sv: "Kategori", en: "Category" },
  "search.decision": { sv: "Beslut", en: "Decision" },
  "search.registered": { sv: "Endast diarieförda", en: "Registered only" },
  "search.submit": { sv: "Sök", en: "Search" },
  "search.results": { sv: "Träffar", en: "Results" },
  "search.none": { sv: "Inga träffar.", en: "No results." },
  "search.more": { sv: "Fler träffar", en: "More results" },
  "search.masked": {
    sv: "Personuppgifter som personnummer visas maskerade. Varje omaskerad läsning loggas.",
    en: "Personal data such as personnummer is shown masked. Every unmasked read is logged.",
  },
  "search.unmask": { sv: "Visa omaskerat (loggas)", en: "Show unmasked (logged)" },
  "col.when": { sv: "Skriven", en: "Written" },
  "col.channel": { sv: "Kanal", en: "Channel" },
  "col.author": { sv: "Skribent", en: "Author" },
  "col.text": { sv: "Text", en: "Text" },
  "col.state": { sv: "Läge", en: "State" },
  "col.diary": { sv: "Diarienummer", en: "Diary number" },
  "state.removed": { sv: "borttagen", en: "removed" },
  "state.hidden": { sv: "dold", en: "hidden" },
} as const;

export const tr = translator(RECORDS_MESSAGES);
