// Writes an archival package (E-ARK CSIP 2.1 + E-ARK SIP 2.1 = FGS
// Paketstruktur 2.0): one root folder named after the package id, METS.xml in
// it listing every file with its SHA-256, descriptive metadata (the register),
// preservation metadata (the verification of the chains), documentation and
// schemas, and one representation with each item as JSON (all versions, raw
// platform fragments, hashes) and as readable HTML, plus the archive streams.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { buildMets, type MetsFile } from "./build-mets.ts";
import type { PackageContent } from "./collect-package.ts";
import { ARCHIVE_STREAM_SCHEMA, ITEM_SCHEMA, packageReadme, REGISTER_SCHEMA } from "./package-docs.ts";
import { renderItemHtml } from "./render-item-html.ts";

export type WrittenFile = MetsFile;

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
  organisation: { name: string; slug: string; organisationNumber?: string | null };
  submissionAgreement?: string | null;
  referenceCode?: string | null;
  period: { from: string | null; to: string | null };
  verifyReport: unknown;
  software: { name: string; version: string };
  now?: Date;
}): PackageInfo {
  const now = o.now ?? new Date();
  // CSIP1: the package id names the root folder too. Letters, digits and
  // hyphens only, so it is a valid folder name on any system.
  const packageId = `vaxel-${o.organisation.slug}-${o.period.from ?? "start"}-${o.period.to ?? now.toISOString().slice(0, 10)}-${randomUUID()}`;
  const dir = path.join(o.outDir, packageId);
  const files: WrittenFile[] = [];
  const write = (rel: string, data: string, mime: string, use: WrittenFile["use"], mdType?: string) => {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    const buf = Buffer.from(data, "utf8");
    fs.writeFileSync(abs, buf);
    files.push({ path: rel, size: buf.length, sha256: sha256(buf), mime, use, ...(mdType ? { mdType } : {}) });
  };
  const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

  write("metadata/descriptive/register.json", json({ organisation: o.organisation.name, period: o.period, registrations: o.content.registrations }), "application/json", "metadata/descriptive", "VAXEL-REGISTER");
  write("metadata/preservation/verification.json", json(o.verifyReport), "application/json", "metadata/preservation", "VAXEL-VERIFICATION");
  const software = `${o.software.name} ${o.software.version}`;
  write("documentation/om-paketet.html", packageReadme({ objId: packageId, organisation: o.organisation.name, period: o.period, items: o.content.items.length, software }), "text/html", "documentation");
  for (const s of [ITEM_SCHEMA, ARCHIVE_STREAM_SCHEMA, REGISTER_SCHEMA]) write(`schemas/${s.$id}`, json(s), "application/schema+json", "schemas");
  const rep = "representations/rep1/data";
  for (const it of o.content.items) {
    write(`${rep}/items/${it.id}.json`, json(it), "application/json", "representation");
    write(`${rep}/items/${it.id}.html`, renderItemHtml(it, o.organisation.name), "text/html", "representation");
  }
  for (const [stream, entries] of o.content.archive) write(`${rep}/archive/${stream}.json`, json({ stream, entries }), "application/json", "representation");

  const xml = buildMets({
    objId: packageId,
    label: `${o.organisation.name}: sociala medier ${o.period.from ?? ""}–${o.period.to ?? ""}`,
    created: now,
    organisation: { name: o.organisation.name, organisationNumber: o.organisation.organisationNumber ?? null },
    submissionAgreement: o.submissionAgreement ?? null,
    referenceCode: o.referenceCode ?? null,
    software: o.software,
    files,
  });
  fs.writeFileSync(path.join(dir, "METS.xml"), xml);
  return { packageId, dir, metsSha256: sha256(xml), files };
}
