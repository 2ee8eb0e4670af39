// violence_porn: links to porn and gore sites, porn lures, shared depictions
// of killings, and child sexual abuse material (barnpornografibrott, BBS §5).
// Pornography as a topic ("porrfilter på skolans datorer") is not a hit.
import type { AnalysisContext, Candidate } from "../context.ts";
import type { Phase } from "./shared.ts";
import { isMention, phraseCandidates } from "./shared.ts";

// Words that describe a dead or mutilated body or a filmed killing; next to a shared link they
// make the link a depiction of violence (olaga våldsskildring) whatever the site is called.
const GORE_WORD = /^(?:liket|liken|hjärnsubstans\p{L}*|inälvorna|avskuret|avskuren|avhugget|avhuggen|halshuggen|halshuggna|halshuggs|styckad|styckade|sönderskjuten|ihjälslagen|ihjälsparkad|dödsögonblicket|(?:döds|mord|misshandels|avrättnings|skjutnings|olycks|kniv|halshuggnings)(?:video|videon|videos|klipp|klippet|film|filmen|bilder|bilderna))$/u;
const VIDEO_COMPOUND = /(?:video|videon|videos|klipp|klippet|film|filmen)$/u;
const SHOW_WORD = /^(?:se|ser|kolla|titta|video|videon|videos|klipp|klippet|film|filmen|filmat|filmades|bild|bilder|bilderna|story|länk|länken|hela|allt)$/u;

const LINK_IN_BIO = /länk(?:en)? i (?:bio|bion|profilen|min profil)/u;
// A news report about a killing links to the paper; that is not sharing a depiction.
const NEWS_DOMAINS = new Set(["ttela.se", "gp.se", "dn.se", "svd.se", "expressen.se", "aftonbladet.se", "svt.se", "sverigesradio.se", "tv4.se", "omni.se", "sydsvenskan.se", "hd.se", "nt.se", "unt.se", "corren.se", "di.se", "bohuslaningen.se", "tt.se"]);

function goreLink(ctx: AnalysisContext): Candidate[] {
  const links = ctx.urls().filter((u) => !u.email && !ctx.org.domains.has(u.domain) && !ctx.lex.domains.publicBodies.has(u.domain) && !NEWS_DOMAINS.has(u.domain));
  const words = ctx.tokens.words;
  const story = words.includes("story") && (words.includes("min") || words.includes("mitt"));
  if (!links.length && !story) return [];
  const gore = words.findIndex((w) => GORE_WORD.test(w));
  // A compound like "misshandelsvideon" names the depiction itself; other gore words need a word that shows it.
  if (gore < 0 || (!VIDEO_COMPOUND.test(words[gore]!) && !words.some((w) => SHOW_WORD.test(w)))) return [];
  const s = ctx.tokens.s[gore]!;
  const e = ctx.tokens.e[gore]!;
  if (isMention(ctx, s, e)) return [];
  const { start, end } = ctx.span(s, e);
  return [{ ruleId: "violence_porn.gore-description-link", start, end, confidence: 0.75, legalBasis: "bbs-5" }];
}

export const violencePornPhase: Phase = {
  id: "violence_porn",
  version: "1.1.0",
  category: "violence_porn",
  run(ctx) {
    const out: Candidate[] = [];
    const d = ctx.lex.domains;
    for (const u of ctx.urls()) {
      if (u.email) continue;
      if (d.gore.has(u.domain)) out.push({ ruleId: "violence_porn.gore-link", start: u.start, end: u.end, confidence: 0.9, legalBasis: "bbs-5" });
      else if (d.porn.has(u.domain)) out.push({ ruleId: "violence_porn.porn-link", start: u.start, end: u.end, confidence: 0.9, legalBasis: "page-rule" });
      else if (/porn|xxx|sex|nude|naken|porr|gore/.test(u.host) && !ctx.org.domains.has(u.domain)) {
        out.push({ ruleId: "violence_porn.porn-link", start: u.start, end: u.end, confidence: 0.7, legalBasis: "page-rule" });
      }
    }
    // A porn word next to a link is a lure even when the site is unknown.
    const links = ctx.urls().filter((u) => !u.email && !ctx.org.domains.has(u.domain));
    // "länk i bio": the link sits in the poster's profile, which is the same lure.
    if ((links.length || LINK_IN_BIO.test(ctx.norm.text)) && !out.length) {
      for (const h of ctx.hitsOf("violence_porn")) {
        const { start, end } = ctx.span(h.s, h.e);
        out.push({ ruleId: "violence_porn.word-with-link", start, end, confidence: 0.75, legalBasis: h.entry.tags.includes("gore") || h.entry.tags.includes("csam") ? "bbs-5" : "page-rule" });
        break;
      }
    }
    // Explicit sexual text: two or more obscene sexual words ("stora kukar och våta fittor").
    if (!out.length) {
      const sexual = ctx.hits.filter((h) => h.entry.tags.includes("sexual") && h.entry.kind === "profanity");
      const context = ctx.hits.filter((h) => h.entry.kind === "sexual");
      const distinct = new Set(sexual.map((h) => h.tok)).size;
      if (distinct >= 2 || (distinct === 1 && new Set(context.map((h) => h.tok)).size >= 2)) {
        const first = sexual[0]!;
        const last = sexual[sexual.length - 1]!;
        const { start, end } = ctx.span(first.s, last.e);
        if (!isMention(ctx, first.s, last.e)) out.push({ ruleId: "violence_porn.explicit-words", start, end, confidence: 0.7, legalBasis: "page-rule" });
      }
    }
    if (!out.length) out.push(...goreLink(ctx));
    for (const c of phraseCandidates(ctx, "violence_porn")) {
      out.push({ ...c, legalBasis: c.legalBasis ?? (c.ruleId.endsWith("porn-lure") ? "page-rule" : "bbs-5") });
    }
    return out;
  },
};
