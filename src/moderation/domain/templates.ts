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
