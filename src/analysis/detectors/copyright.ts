// copyright: obvious infringement (BBS law §5) — links to pirate sites and
// magnet links, IPTV resale, cracked software, free streams of paid sport and
// film — and whole pasted articles (page rule: a long text with a news byline
// or a rights notice).
import type { AnalysisContext, Candidate } from "../context.ts";
import type { Phase } from "./shared.ts";
import { phraseCandidates } from "./shared.ts";

const BYLINE = /\((?:TT|NTB|AP|AFP|Reuters|Ritzau)\)|(?:^|\n)\s*(?:Text|Foto|Bild):\s+\p{Lu}|(?:Publicerad|Uppdaterad)\s+\d{1,2}\s+\p{L}+\s+\d{4}|Källa:\s*(?:Aftonbladet|Expressen|DN|Dagens Nyheter|SvD|Svenska Dagbladet|GP|Göteborgs-Posten|TTELA|TT|SVT|SR|Sydsvenskan|HD)/u;
const PASTED_MIN_CHARS = 1200;

// A free stream of paid content behind an unknown link: "Allsvenskan live gratis: sportlive-xyz.net".
// Pirate stream domains change weekly; what stays is a free word, a paid-content word and a link
// whose host looks like a stream site. Legitimate broadcasters are excluded by name.
const FREE_WORDS = new Set(["gratis", "free", "utan abonnemang", "gratisstream"]);
const PAID_CONTENT = /^(?:match|matchen|matcherna|allsvenskan|premier|champions|shl|nhl|nfl|ufc|f1|formel|landskampen|derbyt|finalen|film|filmen|filmer|filmerna|serie|serien|serier|serierna|säsong|säsongen|avsnitt|avsnitten|kanaler|kanalerna|sportkanaler|boxning|boxningsgalan|vm|em|os)$/u;
const STREAM_HOST = /stream|live|sport|tv|film|movie|match|fotboll|hockey|kanal|serie|watch|kodi|iptv/u;
const LEGIT_MEDIA = new Set(["svtplay.se", "svt.se", "sverigesradio.se", "sr.se", "urplay.se", "tv4play.se", "tv4.se", "viaplay.se", "viaplay.com", "cmore.se", "max.com", "hbomax.com", "netflix.com", "disneyplus.com", "youtube.com", "youtu.be", "twitch.tv", "facebook.com", "instagram.com", "solidsport.com", "staylive.tv", "allsvenskan.se", "svenskfotboll.se", "shl.se", "dplay.se", "discoveryplus.com", "tele2play.se", "telia.se", "tv.nu", "dazn.com", "fifa.com", "uefa.com"]);

function freeStream(ctx: AnalysisContext): Candidate[] {
  const links = ctx.urls().filter((u) => !u.email && !ctx.org.domains.has(u.domain) && !LEGIT_MEDIA.has(u.domain) && !ctx.lex.domains.publicBodies.has(u.domain));
  if (links.length === 0) return [];
  const words = ctx.tokens.words;
  if (!words.some((w) => FREE_WORDS.has(w)) || !words.some((w) => PAID_CONTENT.test(w))) return [];
  const link = links.find((u) => STREAM_HOST.test(u.host));
  if (!link) return [];
  return [{ ruleId: "copyright.free-stream-link", start: link.start, end: link.end, confidence: 0.75, legalBasis: "bbs-5" }];
}

function pasted(ctx: AnalysisContext): Candidate[] {
  const t = ctx.text;
  if (t.length < PASTED_MIN_CHARS) return [];
  const m = BYLINE.exec(t.length > 200_000 ? t.slice(0, 200_000) : t);
  if (!m) return [];
  return [{ ruleId: "copyright.pasted-article", start: 0, end: Math.min(t.length, 200), confidence: 0.65, legalBasis: "page-rule" }];
}

export const copyrightPhase: Phase = {
  id: "copyright",
  version: "1.0.0",
  category: "copyright",
  run(ctx) {
    const out: Candidate[] = [];
    for (const u of ctx.urls()) {
      if (u.email) continue;
      if (ctx.lex.domains.pirate.has(u.domain)) {
        out.push({ ruleId: "copyright.pirate-link", start: u.start, end: u.end, confidence: 0.9, legalBasis: "bbs-5" });
      } else if (ctx.lex.domains.pirateKeywords.some((k) => u.host.includes(k))) {
        // Pirate sites change domains all the time; their names stay (fmovies-se.io, mp3juices.cc).
        out.push({ ruleId: "copyright.pirate-link", start: u.start, end: u.end, confidence: 0.8, legalBasis: "bbs-5" });
      }
    }
    const magnet = ctx.text.indexOf("magnet:?xt=");
    if (magnet >= 0) out.push({ ruleId: "copyright.magnet-link", start: magnet, end: Math.min(ctx.text.length, magnet + 60), confidence: 0.9, legalBasis: "bbs-5" });
    for (const c of phraseCandidates(ctx, "copyright")) out.push({ ...c, legalBasis: c.legalBasis ?? "bbs-5" });
    out.push(...pasted(ctx));
    if (!out.length) out.push(...freeStream(ctx));
    return out;
  },
};
