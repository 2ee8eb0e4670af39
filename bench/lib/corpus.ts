// Deterministic benchmark corpus: realistic municipal comments, mixing the dev
// suite's texts (every category and the hard negatives) with generated clean
// Swedish comments of varying length. Same seed, same comments, on every
// machine, so runs can be compared.
import { loadSuite } from "../../src/analysis/devsuite/suite.ts";

/** mulberry32: tiny, fast, good enough for sampling (not for anything secret). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BenchComment {
  id: string;
  text: string;
  author: string;
  at: string;
  thread: string;
}

const PLACES = ["simhallen", "biblioteket", "Kungsgatan", "Drottningtorget", "återvinningscentralen", "Innovatum", "resecentrum", "Stavrevägen", "lekplatsen i Hjortmosse", "Sylteskolan", "äldreboendet Källgården", "fritidsgården i Lextorp", "cykelbanan vid kanalen", "kommunhuset", "Oscarsbron", "Folkets hus"];
const SERVICES = ["snöröjningen", "sophämtningen", "skolskjutsen", "hemtjänsten", "e-tjänsten för bygglov", "bokbussen", "vattengympan", "färdtjänsten", "parkeringsövervakningen", "sagostunden", "förskolekön", "gatubelysningen"];
const TIMES = ["i morse", "igår kväll", "på lördag", "i helgen", "nästa vecka", "efter jul", "under sportlovet", "i sommar", "klockan sju", "mellan 12 och 13"];
const NAMES = ["Anna", "Erik", "Fatima", "Lars", "Sara", "Mehmet", "Karin", "Johan", "Leila", "Göran", "Linnea", "Ahmed"];
const SENTENCES: readonly ((p: () => string, s: () => string, t: () => string, n: () => string) => string)[] = [
  (p) => `Vilka öppettider gäller för ${p()} i sommar?`,
  (p, _s, t) => `Är ${p()} öppen ${t()}?`,
  (_p, s) => `Tack för bra info om ${s()}!`,
  (_p, s, t) => `Hur fungerar ${s()} ${t()}? Hittar inget på hemsidan.`,
  (p) => `Vi var vid ${p()} med barnen, jättefint där nu 😊`,
  (_p, s) => `Bra jobbat med ${s()}, det har blivit mycket bättre i år.`,
  (p, _s, t) => `Kommer det vara avstängt vid ${p()} ${t()}?`,
  (_p, s) => `Jag tycker att ${s()} borde prioriteras högre i budgeten.`,
  (_p, _s, _t, n) => `Håller med ${n()}, det var likadant hos oss.`,
  (p) => `Finns det parkering nära ${p()}?`,
  (_p, s) => `Vem ansvarar för ${s()}? Vill gärna lämna synpunkter.`,
  (p, _s, t) => `Det var mycket folk vid ${p()} ${t()}, kul att det används!`,
  (_p, s) => `Kan man anmäla sig till ${s()} via appen?`,
  (p) => `Blir det tillgänglighetsanpassat vid ${p()}?`,
  (_p, s, t) => `Varför har ${s()} ändrats ${t()}? Ingen har informerat oss.`,
  (p) => `Hittade en borttappad vante vid ${p()}, lämnade den i receptionen.`,
  (_p, _s, _t, n) => `${n()}, du har helt rätt om det där.`,
  (p) => `Fina bilder från ${p()}! 📸`,
  (_p, s) => `Är det någon som vet om ${s()} fungerar som vanligt under helgen?`,
  (p, _s, t) => `Vi ses vid ${p()} ${t()} 👋`,
  (_p, s) => `Jag är besviken på hur ${s()} har skötts i vinter, det måste bli bättre.`,
  (p) => `Hur tar man sig till ${p()} med buss från Vänersborg?`,
  () => `Grattis! 🎉`,
  () => `Tack för infon!`,
  () => `Äntligen ❤️`,
  () => `👍👍`,
  () => `Haha precis så 😂`,
];

/**
 * Generate `n` comments. Shares: ~40 % dev-suite texts (lightly varied so they
 * are not identical strings), ~48 % generated short/medium comments, ~12 %
 * long comments of 5–25 sentences (roughly 0.4–2.5 kB). Times advance ~2 s per
 * comment, like a busy page; authors come from a pool of 5 000.
 */
export function generateCorpus(n: number, seed = 20260407): BenchComment[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const p = (): string => pick(PLACES);
  const s = (): string => pick(SERVICES);
  const t = (): string => pick(TIMES);
  const nm = (): string => pick(NAMES);
  const sentence = (): string => pick(SENTENCES)(p, s, t, nm);
  const suite = loadSuite().map((c) => c.text);
  const threads = ["fb:simhall", "fb:vagarbete", "fb:skolval", "fb:snorojning", "fb:budget", "ig:cykelbana", "yt:kf-live", "fb:bibliotek"];
  const out: BenchComment[] = [];
  let time = Date.parse("2026-02-01T06:00:00Z");
  for (let i = 0; i < n; i++) {
    const r = rnd();
    let text: string;
    if (r < 0.4) {
      const base = pick(suite);
      const v = rnd();
      text = v < 0.6 ? base : v < 0.8 ? `${base} ${pick(["😡", "🙄", "!!", "…", "😂", "👍"])}` : `${sentence()} ${base}`;
    } else if (r < 0.88) {
      const k = 1 + Math.floor(rnd() * 3);
      text = Array.from({ length: k }, sentence).join(" ");
    } else {
      const k = 5 + Math.floor(rnd() * 21);
      text = Array.from({ length: k }, () => (rnd() < 0.15 ? pick(suite) : sentence())).join(rnd() < 0.3 ? "\n\n" : " ");
    }
    time += Math.floor(rnd() * 4000);
    out.push({
      id: `b${i}`,
      text,
      author: `user-${Math.floor(rnd() * 5000)}`,
      at: new Date(time).toISOString(),
      thread: pick(threads),
    });
  }
  return out;
}
