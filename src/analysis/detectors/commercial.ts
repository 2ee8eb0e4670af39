// commercial: advertising, selling, promo codes, self-promotion, get-rich,
// loan and gambling scams. A price alone is not an ad: residents complain
// about prices all the time ("bussbiljetten kostar 30 kr, för dyrt!").
import type { Candidate } from "../context.ts";
import type { Phase } from "./shared.ts";
import { cueTest, phraseCandidates } from "./shared.ts";

// Sales words that turn a link to an unknown shop into an ad.
const SALES_CUE = cueTest("köp|köper|beställ|boka|rabatt|erbjudande|rea|shop|butik|webbshop|billig|billigt|pris|priser|%|gratis frakt|kampanj|säljer|säljes|bonus|tjäna|investera|nyöppnat|öppnar");
// Selling: a price, a sales verb or a way to pay or order.
const SALE_CUE = cueTest("säljer|säljes|sälj|köp|köper|beställ|swish|swisha|dm|pm|leverans|levereras|abonnemang|prova|gratis test|registrering|registrera|billig|billigt|pris|priset|kr\\/mån|snapchat|whatsapp|telegram|tryck här|klicka här", "\\d ?(?:kr|:-|sek|€|\\$)");
// For sex: paying, or a dating/live-cam site behind a link; sharing leaked pictures is not a sale.
const SEX_SALE_CUE = cueTest("säljer|säljes|köp|betala|prenumerera|registrering|registrera|medlem|träffa|träffas|dejt|dejta|live|cam|camsex|escort|sexdejt|sexträff|tryck här|klicka här", "\\d ?(?:kr|:-|sek|€|\\$)");
// Classifieds: a sales verb and a price or "bud" anywhere in the comment.
const CLASSIFIED_VERB = cueTest("säljer|säljes|hyr ut|uthyres|köpes|bortskänkes");
const PRICE_OR_BID = cueTest("bud|pris|priset", "\\d ?(?:kr|:-|sek)(?![\\p{L}])");
// Paying or booking by message: a price plus swish/pm/dm/booking anywhere in the comment.
const PAY_CUE = cueTest("swisha|swish|pm|dm|bokning|för bokning|beställ|beställning");
const SEX_PAYMENT = cueTest("registrering|registrera|medlemskap|betala");
const PRICE = /\d ?(?:kr|:-|sek)(?![\p{L}])|\d ?(?:kr\/h|kr\/tim|kr\/mån)/u;

export const commercialPhase: Phase = {
  id: "commercial",
  version: "1.1.0",
  category: "commercial",
  run(ctx) {
    const out: Candidate[] = phraseCandidates(ctx, "commercial");
    const t = ctx.norm.text;
    // A sale of something unlawful is also commercial (IPTV, drugs, forged papers, sex).
    if (out.length === 0) {
      const goods = SALE_CUE(t)
        ? [
            ...ctx.phrases("copyright").filter((m) => !m.rule.tags.includes("pasted")),
            ...ctx.phrases("crime_incitement").filter((m) => m.rule.id.endsWith("drugs") || m.rule.id.endsWith("theft-fraud")),
          ]
        : [];
      const sexSale = SEX_SALE_CUE(t) && (ctx.urls().some((u) => !u.email) || SEX_PAYMENT(t));
      // An escort ad is a sale of sex by itself, with or without a link.
      const escort = ctx.phrases("violence_porn").filter((m) => m.rule.id.endsWith("escort-ad"));
      const sex = [...escort, ...(sexSale ? ctx.phrases("violence_porn").filter((m) => m.rule.id.endsWith("porn-lure")) : [])];
      const pornLink = sexSale ? ctx.urls().find((u) => !u.email && ctx.lex.domains.porn.has(u.domain)) : undefined;
      const first = goods[0] ?? sex[0];
      if (first) {
        const { start, end } = ctx.span(first.s, first.e);
        out.push({ ruleId: "commercial.unlawful-sale", start, end, confidence: 0.75 });
      } else if (pornLink) out.push({ ruleId: "commercial.unlawful-sale", start: pornLink.start, end: pornLink.end, confidence: 0.75 });
    }
    // Classifieds and paid services spread over sentences ("Säljer båten … 85 000 kr eller bud. PM!").
    if (out.length === 0 && ((CLASSIFIED_VERB(t) && PRICE_OR_BID(t)) || (PRICE.test(t) && PAY_CUE(t)))) {
      out.push({ ruleId: "commercial.classified", start: 0, end: Math.min(ctx.text.length, 200), confidence: 0.7 });
    }
    if (out.length === 0) {
      const d = ctx.lex.domains;
      const links = ctx.urls().filter((u) => !ctx.org.domains.has(u.domain) && !d.publicBodies.has(u.domain) && !d.partySites.has(u.domain));
      if (links.length && SALES_CUE(ctx.norm.text)) {
        const u = links[0]!;
        out.push({ ruleId: "commercial.link-with-sales-cue", start: u.start, end: u.end, confidence: d.shorteners.has(u.domain) ? 0.8 : 0.7 });
      }
    }
    return out;
  },
};
