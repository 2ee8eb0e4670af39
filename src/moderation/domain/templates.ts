// Notification templates to the author (Swedish and English): which rule was
// broken, on which legal basis, what happened and how to appeal.
import type { CategoryId } from "../../analysis/index.ts";
import { RULE_LABELS } from "./rules.ts";

export type NoticeKind = "hide" | "delete" | "warn";

export function noticeText(o: { lang: "sv" | "en"; kind: NoticeKind; rule: CategoryId; legalBasis: "bbs-5" | "page-rule"; appealUrl: string; openUntil: Date; strikes?: number; threshold?: number }): string {
  const rule = RULE_LABELS[o.rule][o.lang];
  const until = o.openUntil.toISOString().slice(0, 10);
  if (o.lang === "en") {
    const what = o.kind === "warn" ? "This is a warning: your comments have broken our page rules" : o.kind === "hide" ? "Your comment has been hidden" : "Your comment has been removed";
    const basis = o.legalBasis === "bbs-5" ? "The law requires us to remove such content (Act on Electronic Bulletin Boards, section 5)." : "Our published page rules do not allow it.";
    const strikes = o.kind === "warn" && o.threshold ? ` After ${o.threshold} breaches within the period you may be blocked from commenting.` : "";
    return `${what} under the rule "${rule}". ${basis}${strikes} You can appeal until ${until}: ${o.appealUrl}`;
  }
  const what = o.kind === "warn" ? "Det här är en varning: dina kommentarer har brutit mot våra sidregler" : o.kind === "hide" ? "Din kommentar har dolts" : "Din kommentar har tagits bort";
  const basis = o.legalBasis === "bbs-5" ? "Lagen kräver att vi tar bort sådant innehåll (lagen om elektroniska anslagstavlor, 5 §)." : "Våra publicerade sidregler tillåter det inte.";
  const strikes = o.kind === "warn" && o.threshold ? ` Efter ${o.threshold} överträdelser under perioden kan du stängas av från att kommentera.` : "";
  return `${what} enligt regeln ”${rule}”. ${basis}${strikes} Du kan överklaga till och med ${until}: ${o.appealUrl}`;
}

/** The outcome of an appeal, to the resident who appealed. */
export function appealOutcomeText(o: { lang: "sv" | "en"; outcome: "upheld" | "rejected"; rule: CategoryId; reason: string; restored: boolean }): string {
  const rule = RULE_LABELS[o.rule][o.lang];
  if (o.lang === "en") {
    if (o.outcome === "rejected") return `Your appeal has been rejected. The decision under the rule "${rule}" stands. Reason: ${o.reason}`;
    return o.restored
      ? `Your appeal has been upheld and your comment has been restored. Reason: ${o.reason}`
      : `Your appeal has been upheld. The comment had been deleted and cannot be restored on the platform, but the decision no longer counts against you. Reason: ${o.reason}`;
  }
  if (o.outcome === "rejected") return `Ditt överklagande har avslagits. Beslutet enligt regeln ”${rule}” står fast. Motivering: ${o.reason}`;
  return o.restored
    ? `Ditt överklagande har bifallits och din kommentar har återställts. Motivering: ${o.reason}`
    : `Ditt överklagande har bifallits. Kommentaren var borttagen och kan inte återställas på plattformen, men beslutet räknas inte längre mot dig. Motivering: ${o.reason}`;
}
