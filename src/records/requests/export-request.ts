// What is handed out for a confirmed request: CSV (one row per item, the text
// as disclosed and what was withheld on which ground) and PDF (the same, for
// people, ending with the log of withheld data per ground). pdfkit with
// DejaVu Sans (Debian fonts-dejavu-core) when present renders å/ä/ö and
// whatever else a comment holds; else pdfkit's Helvetica (WinAnsi covers å/ä/ö).
import fs from "node:fs";
import PDFDocument from "pdfkit";
import { AppError } from "../../platform/errors.ts";
import { toCsv } from "../../web/csv.ts";
import { disclosedAuthor, redactedSegments, type RecordsRequestView } from "./load-request.ts";

function assertConfirmed(r: RecordsRequestView): void {
  if (r.status !== "confirmed") throw new AppError("records_request_not_confirmed");
}

const withheldOf = (it: RecordsRequestView["items"][number]) => it.redactions.filter((x) => x.state === "confirmed");

export function requestCsv(r: RecordsRequestView): string {
  assertConfirmed(r);
  return toCsv(r.items.map((it) => ({
    id: it.platformItemId, at: it.occurredAt, channel: it.channelName, kind: it.kind, author: disclosedAuthor(it) ?? "",
    text: redactedSegments(it.text, it.redactions).map((s) => s.text).join(""),
    withheld: withheldOf(it).map((x) => `${x.kindSv} (${x.ground})`).join("; "),
  })), [
    { key: "id", header: "Post-id" }, { key: "at", header: "Skriven" }, { key: "channel", header: "Kanal" }, { key: "kind", header: "Typ" },
    { key: "author", header: "Skribent" }, { key: "text", header: "Text (som den lämnas ut)" }, { key: "withheld", header: "Undantaget (grund)" },
  ]);
}

/** The log: how many of each kind were withheld, per ground. */
export function withheldLog(r: RecordsRequestView): { kindSv: string; ground: string; count: number; items: number }[] {
  const m = new Map<string, { kindSv: string; ground: string; count: number; items: Set<string> }>();
  for (const it of r.items) {
    for (const x of withheldOf(it)) {
      const k = `${x.ground}\u0000${x.kindSv}`;
      const e = m.get(k) ?? { kindSv: x.kindSv, ground: x.ground, count: 0, items: new Set<string>() };
      e.count++;
      e.items.add(it.itemId);
      m.set(k, e);
    }
  }
  return [...m.values()].map((e) => ({ kindSv: e.kindSv, ground: e.ground, count: e.count, items: e.items.size })).sort((a, b) => a.ground.localeCompare(b.ground, "sv") || a.kindSv.localeCompare(b.kindSv, "sv"));
}

const font = (name: string): string | null => {
  const p = `/usr/share/fonts/truetype/dejavu/${name}`;
  return fs.existsSync(p) ? p : null;
};

export async function requestPdf(r: RecordsRequestView, o: { organisation: string }): Promise<Buffer> {
  assertConfirmed(r);
  const doc = new PDFDocument({ size: "A4", margin: 50, info: { Title: `Utlämnande av allmänna handlingar ${r.id}`, Author: o.organisation } });
  const regular = font("DejaVuSans.ttf");
  const bold = font("DejaVuSans-Bold.ttf");
  if (regular) doc.registerFont("body", regular);
  if (bold) doc.registerFont("strong", bold);
  const body = regular ? "body" : "Helvetica";
  const strong = bold ? "strong" : "Helvetica-Bold";
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));

  doc.font(strong).fontSize(16).text("Utlämnande av allmänna handlingar");
  doc.font(body).fontSize(10).text(`${o.organisation} · begäran inkom ${r.receivedAt} · prövad och bekräftad ${r.confirmedAt?.slice(0, 10) ?? ""} av ${r.confirmedBy ?? ""}`);
  doc.moveDown(0.5).text(`Begäran: ${r.description}`);
  doc.moveDown(0.5).text(`${r.items.length} handlingar. Uppgifter som omfattas av sekretess är undantagna och markerade med grund i offentlighets- och sekretesslagen (OSL).`);
  for (const it of r.items) {
    doc.moveDown(0.8).font(strong).fontSize(10).text(`${it.occurredAt.slice(0, 16).replace("T", " ")} · ${it.channelName} · ${it.kind} · ${disclosedAuthor(it) ?? "okänd"} · ${it.platformItemId}`);
    doc.font(body).fontSize(10);
    const segs = redactedSegments(it.text, it.redactions);
    if (segs.length === 0) doc.text("(ingen text)");
    segs.forEach((s, n) => {
      const last = n === segs.length - 1;
      if (s.withheld) doc.fillColor("#7a0000").font(strong).text(s.text, { continued: !last }).fillColor("black").font(body);
      else doc.text(s.text, { continued: !last });
    });
  }
  doc.moveDown(1.2).font(strong).fontSize(13).text("Logg över undantagna uppgifter");
  doc.font(body).fontSize(10);
  const log = withheldLog(r);
  if (log.length === 0) doc.text("Inga uppgifter har undantagits.");
  for (const l of log) doc.text(`${l.ground}: ${l.kindSv} – ${l.count} uppgift(er) i ${l.items} handling(ar)`);
  doc.moveDown(0.8).fontSize(8).fillColor("#444").text("Beslutet att undanta uppgifter kan överklagas. Den som begärt handlingarna kan begära ett skriftligt beslut med överklagandehänvisning.");
  doc.end();
  return done;
}
