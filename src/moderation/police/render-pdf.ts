// The police report package as a PDF for people (pdfkit). A Unicode TrueType
// font (DejaVu Sans, Debian's fonts-dejavu-core) renders å/ä/ö and any other
// letters a comment may hold; without it pdfkit's built-in Helvetica (WinAnsi,
// which still covers å/ä/ö) is used. The "how it looked" rendering is drawn
// as the comment card the platform showed: author, time, text.
import fs from "node:fs";
import PDFDocument from "pdfkit";

const FONT_DIRS = ["/usr/share/fonts/truetype/dejavu"];

function fontPath(name: string): string | null {
  for (const d of FONT_DIRS) {
    const p = `${d}/${name}`;
    if (fs.existsSync(p)) return p;
  }
  return null;
}

interface Pkg {
  createdAt: string; createdBy: string; organisation: { name: string };
  offence: { rule: string; ruleLabelSv: string; legalBasis: string; findings: { category: string; ruleId: string; evidence: string }[] };
  item: { id: string; platform: string; platformItemId: string; url: string | null; text: string | null; firstCapturedAt: string };
  author: { platformId: string | null; name: string | null; profileUrl: string | null; strikes: number };
  channel: { name: string; platform: string; accountId: string; url: string | null };
  versions: { seq: number; event: string; platformTime: string | null; capturedAt: string; text: string | null; hash: string; prevHash: string; contentHash: string }[];
  thread: { kind: string; authorName: string | null; text: string | null; capturedAt: string; isReported: boolean }[];
  chainProof: { method: string; verified: boolean; checkedLinks: number; head: { seq: number; hash: string } | null };
  decisions: { kind: string; rule: string; legalBasis: string; reason: string | null; actor: string; at: string }[];
}

export function renderPolicePdf(pkgIn: Record<string, unknown>, o: { reportId: string; sha256: string; png?: Buffer | undefined; pngSha256?: string | undefined }): Promise<Buffer> {
  const pkg = pkgIn as unknown as Pkg;
  const doc = new PDFDocument({ size: "A4", margin: 50, info: { Title: `Polisanmälan ${o.reportId}`, Author: pkg.organisation.name, Subject: pkg.offence.ruleLabelSv } });
  const regular = fontPath("DejaVuSans.ttf");
  const bold = fontPath("DejaVuSans-Bold.ttf");
  const mono = fontPath("DejaVuSansMono.ttf");
  if (regular) doc.registerFont("body", regular);
  if (bold) doc.registerFont("bold", bold);
  if (mono) doc.registerFont("mono", mono);
  const body = regular ? "body" : "Helvetica";
  const strong = bold ? "bold" : "Helvetica-Bold";
  const code = mono ? "mono" : "Courier";
  const chunks: Buffer[] = [];
  doc.on("data", (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));

  const h = (s: string) => doc.moveDown(0.6).font(strong).fontSize(13).text(s).moveDown(0.2).font(body).fontSize(10);
  const kv = (k: string, v: string | number | null | undefined) => doc.font(strong).text(`${k}: `, { continued: true }).font(body).text(String(v ?? "–"));

  doc.font(strong).fontSize(18).text(`Polisanmälan – ${pkg.offence.ruleLabelSv}`);
  doc.font(body).fontSize(10).text(`${pkg.organisation.name} · skapad ${pkg.createdAt} av ${pkg.createdBy}`);
  kv("Paketets id", o.reportId);
  kv("SHA-256 (JSON-paketet)", o.sha256);

  h("Kommentaren");
  kv("Plattform", `${pkg.channel.platform} · ${pkg.channel.name} (${pkg.channel.accountId})`);
  kv("Kommentarens id", pkg.item.platformItemId);
  kv("Adress", pkg.item.url);
  kv("Författare", `${pkg.author.name ?? "?"} (id ${pkg.author.platformId ?? "?"})`);
  kv("Profil", pkg.author.profileUrl);
  kv("Tidigare överträdelser", pkg.author.strikes);
  kv("Fångad", pkg.item.firstCapturedAt);

  h("Så såg det ut");
  if (o.png) {
    // The screenshot made by headless Chromium from the captured copy.
    doc.image(o.png, { fit: [440, 560] });
    doc.moveDown(0.3).font(body).fontSize(8).text(`Skärmbild, SHA-256 ${o.pngSha256 ?? ""}`).fontSize(10);
  } else {
    const x = doc.x;
    const y = doc.y;
    const text = pkg.item.text ?? "";
    const width = 440;
    const textHeight = doc.font(body).fontSize(11).heightOfString(text, { width: width - 24 });
    doc.roundedRect(x, y, width, textHeight + 46, 10).fillAndStroke("#f0f2f5", "#cfd4da");
    doc.fillColor("#050505").font(strong).fontSize(10).text(pkg.author.name ?? "?", x + 12, y + 10);
    doc.font(body).fontSize(11).text(text, x + 12, y + 26, { width: width - 24 });
    doc.fillColor("#65676b").fontSize(8).text(pkg.versions[0]?.platformTime ?? pkg.item.firstCapturedAt, x + 12, y + textHeight + 30);
    doc.fillColor("black").font(body).fontSize(10).text("", x, y + textHeight + 56);
  }

  h("Vad som bryter mot reglerna");
  kv("Regel", `${pkg.offence.ruleLabelSv} (${pkg.offence.rule})`);
  kv("Rättslig grund", pkg.offence.legalBasis === "bbs-5" ? "5 § lagen (1998:112) om ansvar för elektroniska anslagstavlor" : "sidregel");
  for (const f of pkg.offence.findings) doc.text(`• ${f.category} / ${f.ruleId}: ”${f.evidence}”`);

  h("Tråden");
  for (const t of pkg.thread) doc.font(t.isReported ? strong : body).text(`${t.capturedAt} · ${t.kind} · ${t.authorName ?? "?"}: ${t.text ?? ""}`).font(body);

  h("Versioner och hashkedja");
  doc.text(pkg.chainProof.method);
  kv("Kedjan verifierad", `${pkg.chainProof.verified ? "ja" : "NEJ"} (${pkg.chainProof.checkedLinks} länkar)`);
  if (pkg.chainProof.head) kv("Kedjans huvud", `#${pkg.chainProof.head.seq} ${pkg.chainProof.head.hash}`);
  for (const v of pkg.versions) {
    doc.font(body).text(`#${v.seq} ${v.event} · plattformstid ${v.platformTime ?? "–"} · fångad ${v.capturedAt}`);
    doc.font(code).fontSize(7).text(`hash ${v.hash}\nprev ${v.prevHash}\ncontent ${v.contentHash}`).font(body).fontSize(10);
  }

  h("Beslut");
  for (const d of pkg.decisions) doc.text(`${d.at} · ${d.kind} · ${d.rule} (${d.legalBasis}) · ${d.actor}${d.reason ? ` — ${d.reason}` : ""}`);
  doc.end();
  return done;
}
