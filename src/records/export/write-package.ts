// Writes an archival package shaped after E-ARK CSIP (and so FGS 2.0, the
// Swedish profile of it): METS.xml at the root with a SHA-256 checksum for
// every file, descriptive and preservation metadata, and one representation
// with each item as JSON (all versions, raw platform fragments, hashes) and
// as readable HTML, plus the archive streams of the period.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { create } from "xmlbuilder2";
import type { PackageContent } from "./collect-package.ts";
import { renderItemHtml } from "./render-item-html.ts";

export interface WrittenFile {
  path: string;
  size: number;
  sha256: string;
  mime: string;
  use: "metadata/descriptive" | "metadata/preservation" | "representation";
}

export interface PackageInfo {
  packageId: string;
  dir: string;
  metsSha256: string;
  files: WrittenFile[];
}

const sha256 = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");

export function writePackage(o: {
  outDir: string;
  content: PackageContent;
  organisation: { name: string; slug: string };
  period: { from: string | null; to: string | null };
  verifyReport: unknown;
  software: string;
  now?: Date;
}): PackageInfo {
  const now = o.now ?? new Date();
  const packageId = `urn:uuid:${randomUUID()}`;
  const dirName = `${o.organisation.slug}-${o.period.from ?? "start"}-${o.period.to ?? now.toISOString().slice(0, 10)}-${packageId.slice(9, 17)}`;
  const dir = path.join(o.outDir, dirName);
  const files: WrittenFile[] = [];
  const write = (rel: string, data: string, mime: string, use: WrittenFile["use"]) => {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    const buf = Buffer.from(data, "utf8");
    fs.writeFileSync(abs, buf);
    files.push({ path: rel, size: buf.length, sha256: sha256(buf), mime, use });
  };
  const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

  write("metadata/descriptive/register.json", json({ organisation: o.organisation.name, period: o.period, registrations: o.content.registrations }), "application/json", "metadata/descriptive");
  write("metadata/preservation/verification.json", json(o.verifyReport), "application/json", "metadata/preservation");
  const rep = "representations/rep1/data";
  for (const it of o.content.items) {
    write(`${rep}/items/${it.id}.json`, json(it), "application/json", "representation");
    write(`${rep}/items/${it.id}.html`, renderItemHtml(it, o.organisation.name), "text/html", "representation");
  }
  for (const [stream, entries] of o.content.archive) write(`${rep}/archive/${stream}.json`, json({ stream, entries }), "application/json", "representation");

  const created = now.toISOString().replace(/\.\d{3}Z$/, "Z");
  const doc = create({ version: "1.0", encoding: "UTF-8" }).ele("http://www.loc.gov/METS/", "mets:mets", {
    "xmlns:xlink": "http://www.w3.org/1999/xlink",
    "xmlns:csip": "https://DILCIS.eu/XML/METS/CSIPExtensionMETS",
    OBJID: packageId,
    LABEL: `${o.organisation.name}: sociala medier ${o.period.from ?? ""}–${o.period.to ?? ""}`,
    TYPE: "Other",
    "csip:OTHERTYPE": "Social media public records",
    "csip:CONTENTINFORMATIONTYPE": "OTHER",
    PROFILE: "https://earkcsip.dilcis.eu/profile/E-ARK-CSIP.xml",
  });
  const hdr = doc.ele("mets:metsHdr", { CREATEDATE: created, RECORDSTATUS: "NEW", "csip:OAISPACKAGETYPE": "SIP" });
  hdr.ele("mets:agent", { ROLE: "CREATOR", TYPE: "OTHER", OTHERTYPE: "SOFTWARE" }).ele("mets:name").txt("Växel").up()
    .ele("mets:note", { "csip:NOTETYPE": "SOFTWARE VERSION" }).txt(o.software);
  hdr.ele("mets:agent", { ROLE: "ARCHIVIST", TYPE: "ORGANIZATION" }).ele("mets:name").txt(o.organisation.name);

  const byUse = (u: WrittenFile["use"]) => files.filter((f) => f.use === u);
  const mdRef = (parent: ReturnType<typeof doc.ele>, f: WrittenFile, mdtype: string) =>
    parent.ele("mets:mdRef", {
      LOCTYPE: "URL", "xlink:type": "simple", "xlink:href": f.path, MDTYPE: "OTHER", OTHERMDTYPE: mdtype,
      MIMETYPE: f.mime, SIZE: String(f.size), CREATED: created, CHECKSUM: f.sha256, CHECKSUMTYPE: "SHA-256",
    });
  const dmdIds: string[] = [];
  byUse("metadata/descriptive").forEach((f, n) => {
    const id = `dmd-${n + 1}`;
    dmdIds.push(id);
    mdRef(doc.ele("mets:dmdSec", { ID: id, CREATED: created, STATUS: "CURRENT" }), f, "VAXEL-REGISTER");
  });
  const amd = doc.ele("mets:amdSec");
  const amdIds: string[] = [];
  byUse("metadata/preservation").forEach((f, n) => {
    const id = `digiprov-${n + 1}`;
    amdIds.push(id);
    mdRef(amd.ele("mets:digiprovMD", { ID: id, STATUS: "CURRENT" }), f, "VAXEL-VERIFICATION");
  });
  const grp = doc.ele("mets:fileSec", { ID: "filesec-1" }).ele("mets:fileGrp", { ID: "filegrp-rep1", USE: "Representations/rep1" });
  byUse("representation").forEach((f, n) => {
    grp.ele("mets:file", { ID: `file-${n + 1}`, MIMETYPE: f.mime, SIZE: String(f.size), CREATED: created, CHECKSUM: f.sha256, CHECKSUMTYPE: "SHA-256" })
      .ele("mets:FLocat", { LOCTYPE: "URL", "xlink:type": "simple", "xlink:href": f.path });
  });
  const root = doc.ele("mets:structMap", { ID: "structmap-1", TYPE: "PHYSICAL", LABEL: "CSIP" }).ele("mets:div", { ID: "div-root", LABEL: packageId });
  if (dmdIds.length || amdIds.length) root.ele("mets:div", { ID: "div-metadata", LABEL: "Metadata", ...(dmdIds.length ? { DMDID: dmdIds.join(" ") } : {}), ...(amdIds.length ? { ADMID: amdIds.join(" ") } : {}) });
  root.ele("mets:div", { ID: "div-rep1", LABEL: "Representations/rep1" }).ele("mets:fptr", { FILEID: "filegrp-rep1" });
  const xml = doc.end({ prettyPrint: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "METS.xml"), xml);
  return { packageId, dir, metsSha256: sha256(xml), files };
}
