// The E-ARK CSIP 2.1 / E-ARK SIP 2.1 requirements (together FGS Paketstruktur
// 2.0) that Växel's archival package implements, each test named by its
// requirement ids. Not the official schema validation (records-export.test.ts
// runs that when the METS schema files are present); these read the METS as a
// DOM and check what the specifications ask for, and that every file matches.
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { before, test } from "node:test";
import { create } from "xmlbuilder2";
import { createOrganisation } from "../src/platform/tenancy.ts";
import { setArchiveSettings } from "../src/records/export/archive-settings.ts";
import { CSIP_NS, METS_NS, SIP_PROFILE, XLINK_NS } from "../src/records/export/build-mets.ts";
import { exportArchive, type ExportResult } from "../src/records/export/export-archive.ts";
import { seedCapturedComments } from "../src/records/test-support.ts";
import { freshDatabase, type TestDb } from "./helpers/db.ts";

const key = randomBytes(32);
const actor = { id: null, label: "arkivarie" };
const version = (JSON.parse(fs.readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
let db: TestDb;
let orgId: string;
let pkg: ExportResult;
let mets: Element;

const all = (el: Element | Document, name: string): Element[] => [...el.getElementsByTagNameNS(METS_NS, name)];
const one = (el: Element | Document, name: string): Element => {
  const xs = all(el, name);
  assert.equal(xs.length, 1, `exactly one mets:${name}`);
  return xs[0]!;
};
const attr = (el: Element, name: string, ns: string | null = null) => ns ? el.getAttributeNS(ns, name) : el.getAttribute(name);
const elements = (el: Element) => [...el.childNodes].filter((c): c is Element => c.nodeType === 1);
const kids = (el: Element, name: string) => elements(el).filter((c) => c.namespaceURI === METS_NS && c.localName === name);
const sha256 = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

async function exportPackage(): Promise<{ pkg: ExportResult; mets: Element }> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "vaxel-csip-"));
  const r = await exportArchive({ pool: db.pool, key }, { orgId, outDir: out, from: "2026-01-01", to: "2026-06-30", actor, now: new Date("2026-07-01T02:00:00Z") });
  const doc = create(fs.readFileSync(path.join(r.dir, "METS.xml"), "utf8")).doc().node as unknown as Document;
  return { pkg: r, mets: doc.documentElement };
}

before(async () => {
  db = await freshDatabase();
  orgId = (await createOrganisation(db.pool, { slug: "csipkommun", name: "Csipkommun" })).id;
  await seedCapturedComments(db.pool, key, { orgId, comments: [
    { id: "p1", kind: "post", text: "Simhallen öppnar i maj!", author: "Staden", at: "2026-04-28T08:00:00Z" },
    { id: "c1", postId: "p1", text: "Äntligen!", author: "Åsa Öberg", at: "2026-05-02T10:00:00Z" },
  ] });
  await setArchiveSettings({ pool: db.pool }, { orgId, actor, organisationNumber: "2120009994", submissionAgreement: "LÖ 2026:3", referenceCode: "SE/CSIP/KS/F1" });
  ({ pkg, mets } = await exportPackage());
});

test("CSIP1–CSIP6, SIP1, SIP2: package id naming the root folder, content category and type, the SIP profile", () => {
  assert.equal(mets.namespaceURI, METS_NS);
  assert.equal(mets.localName, "mets");
  assert.equal(attr(mets, "OBJID"), pkg.packageId); // CSIP1
  assert.equal(path.basename(pkg.dir), pkg.packageId); // CSIP1: the root folder's name
  assert.match(pkg.packageId, /^[A-Za-z0-9-]+$/);
  assert.equal(attr(mets, "TYPE"), "OTHER"); // CSIP2
  assert.ok(attr(mets, "OTHERTYPE", CSIP_NS)); // CSIP3
  assert.equal(attr(mets, "CONTENTINFORMATIONTYPE", CSIP_NS), "OTHER"); // CSIP4
  assert.ok(attr(mets, "OTHERCONTENTINFORMATIONTYPE", CSIP_NS)); // CSIP5
  assert.equal(attr(mets, "PROFILE"), SIP_PROFILE); // CSIP6, SIP2
  assert.match(attr(mets, "LABEL") ?? "", /Csipkommun/); // SIP1
});

test("CSIP117, CSIP7, CSIP9–CSIP16, SIP3, SIP4: the header with the package type and the software that made it", () => {
  const hdr = one(mets, "metsHdr"); // CSIP117
  assert.equal(attr(hdr, "CREATEDATE"), "2026-07-01T02:00:00Z"); // CSIP7
  assert.equal(attr(hdr, "RECORDSTATUS"), "NEW"); // SIP3
  assert.equal(attr(hdr, "OAISPACKAGETYPE", CSIP_NS), "SIP"); // CSIP9, SIP4
  const software = kids(hdr, "agent").filter((a) => attr(a, "ROLE") === "CREATOR" && attr(a, "TYPE") === "OTHER" && attr(a, "OTHERTYPE") === "SOFTWARE"); // CSIP10–CSIP13
  assert.equal(software.length, 1);
  assert.equal(one(software[0]!, "name").textContent, "Växel"); // CSIP14
  const note = one(software[0]!, "note"); // CSIP15
  assert.equal(attr(note, "NOTETYPE", CSIP_NS), "SOFTWARE VERSION"); // CSIP16
  assert.equal(note.textContent, version);
});

test("SIP5, SIP7, SIP9–SIP20: the municipality as archival creator and submitter with its organisation number; agreement and reference code", async () => {
  const hdr = one(mets, "metsHdr");
  const agent = (pred: (a: Element) => boolean) => {
    const xs = kids(hdr, "agent").filter(pred);
    assert.equal(xs.length, 1);
    return xs[0]!;
  };
  const archivist = agent((a) => attr(a, "ROLE") === "ARCHIVIST"); // SIP9, SIP10
  const submitter = agent((a) => attr(a, "ROLE") === "OTHER" && attr(a, "OTHERROLE") === "SUBMITTER"); // SIP15, SIP16
  for (const a of [archivist, submitter]) {
    assert.equal(attr(a, "TYPE"), "ORGANIZATION"); // SIP11, SIP17
    assert.equal(one(a, "name").textContent, "Csipkommun"); // SIP12, SIP18
    const note = one(a, "note"); // SIP13, SIP19
    assert.equal(attr(note, "NOTETYPE", CSIP_NS), "IDENTIFICATIONCODE"); // SIP14, SIP20
    assert.equal(note.textContent, "212000-9994");
  }
  const alt = kids(hdr, "altRecordID").map((x) => [attr(x, "TYPE"), x.textContent]);
  assert.deepEqual(alt, [["SUBMISSIONAGREEMENT", "LÖ 2026:3"], ["REFERENCECODE", "SE/CSIP/KS/F1"]]); // SIP5, SIP7
  // METS schema order: agents before altRecordIDs.
  assert.deepEqual(elements(hdr).map((c) => c.localName), ["agent", "agent", "agent", "altRecordID", "altRecordID"]);

  // Without an organisation number the agents carry no identification code.
  await setArchiveSettings({ pool: db.pool }, { orgId, actor, organisationNumber: "", submissionAgreement: "", referenceCode: "" });
  const bare = (await exportPackage()).mets;
  const bareHdr = one(bare, "metsHdr");
  assert.deepEqual(kids(bareHdr, "agent").map((a) => [attr(a, "ROLE"), kids(a, "note").length]), [["CREATOR", 1], ["ARCHIVIST", 0], ["OTHER", 0]]);
  assert.equal(kids(bareHdr, "altRecordID").length, 0);
  await setArchiveSettings({ pool: db.pool }, { orgId, actor, organisationNumber: "2120009994", submissionAgreement: "LÖ 2026:3", referenceCode: "SE/CSIP/KS/F1" });
  await assert.rejects(setArchiveSettings({ pool: db.pool }, { orgId, actor, organisationNumber: "212000-9995" }), /validation_failed/);
});

test("CSIP17–CSIP44: descriptive and preservation metadata referenced with location, type, size, date and SHA-256", () => {
  const refs = [...all(mets, "dmdSec"), ...all(mets, "digiprovMD")];
  assert.equal(all(mets, "dmdSec").length, 1); // CSIP17
  assert.equal(all(mets, "amdSec").length, 1); // CSIP31: one amdSec
  assert.equal(all(mets, "digiprovMD").length, 1); // CSIP32
  for (const sec of refs) {
    assert.ok(attr(sec, "ID")); // CSIP18, CSIP33
    assert.equal(attr(sec, "STATUS"), "CURRENT"); // CSIP20, CSIP34
    if (sec.localName === "dmdSec") assert.ok(attr(sec, "CREATED")); // CSIP19
    const ref = one(sec, "mdRef"); // CSIP21, CSIP35
    assert.equal(attr(ref, "LOCTYPE"), "URL"); // CSIP22, CSIP36
    assert.equal(attr(ref, "type", XLINK_NS), "simple"); // CSIP23, CSIP37
    const href = attr(ref, "href", XLINK_NS)!; // CSIP24, CSIP38
    assert.ok(attr(ref, "MDTYPE")); // CSIP25, CSIP39
    assert.equal(attr(ref, "MIMETYPE"), "application/json"); // CSIP26, CSIP40
    assert.equal(Number(attr(ref, "SIZE")), fs.statSync(path.join(pkg.dir, href)).size); // CSIP27, CSIP41
    assert.ok(attr(ref, "CREATED")); // CSIP28, CSIP42
    assert.equal(attr(ref, "CHECKSUM"), sha256(path.join(pkg.dir, href))); // CSIP29, CSIP43
    assert.equal(attr(ref, "CHECKSUMTYPE"), "SHA-256"); // CSIP30, CSIP44
  }
  assert.deepEqual(refs.map((s) => attr(one(s, "mdRef"), "href", XLINK_NS)), ["metadata/descriptive/register.json", "metadata/preservation/verification.json"]);
});

test("CSIP58–CSIP79, CSIP113, CSIP114: documentation, schemas and the representation, every file listed with a matching SHA-256", () => {
  const fileSec = one(mets, "fileSec"); // CSIP58
  assert.ok(attr(fileSec, "ID")); // CSIP59
  const groups = kids(fileSec, "fileGrp");
  assert.deepEqual(groups.map((g) => attr(g, "USE")), ["Documentation", "Schemas", "Representations/rep1"]); // CSIP60, CSIP113, CSIP114, CSIP64
  const rep = groups[2]!;
  assert.equal(attr(rep, "CONTENTINFORMATIONTYPE", CSIP_NS), "OTHER"); // CSIP62
  assert.ok(attr(rep, "OTHERCONTENTINFORMATIONTYPE", CSIP_NS)); // CSIP63
  const ids = new Set<string>();
  for (const g of groups) {
    assert.ok(attr(g, "ID")); // CSIP65
    assert.ok(kids(g, "file").length > 0); // CSIP66
    for (const f of kids(g, "file")) {
      const id = attr(f, "ID")!; // CSIP67
      assert.ok(!ids.has(id));
      ids.add(id);
      const loc = one(f, "FLocat"); // CSIP76
      assert.equal(attr(loc, "LOCTYPE"), "URL"); // CSIP77
      assert.equal(attr(loc, "type", XLINK_NS), "simple"); // CSIP78
      const file = path.join(pkg.dir, attr(loc, "href", XLINK_NS)!); // CSIP79
      assert.ok(attr(f, "MIMETYPE")); // CSIP68
      assert.equal(Number(attr(f, "SIZE")), fs.statSync(file).size); // CSIP69
      assert.ok(attr(f, "CREATED")); // CSIP70
      assert.equal(attr(f, "CHECKSUM"), sha256(file)); // CSIP71
      assert.equal(attr(f, "CHECKSUMTYPE"), "SHA-256"); // CSIP72
    }
  }
  // The representation holds each item as JSON and HTML (and the period's archive streams, none here).
  const repFiles = kids(rep, "file").map((f) => attr(one(f, "FLocat"), "href", XLINK_NS)!);
  assert.equal(repFiles.filter((h) => /^representations\/rep1\/data\/items\/.+\.json$/.test(h)).length, 2);
  assert.equal(repFiles.filter((h) => /^representations\/rep1\/data\/items\/.+\.html$/.test(h)).length, 2);
  assert.ok(repFiles.every((h) => h.startsWith("representations/rep1/data/")));
});

test("CSIP80–CSIP82 and the structMap divisions: physical, labelled CSIP, root labelled with the package id, pointers resolve", () => {
  const sm = one(mets, "structMap"); // CSIP80
  assert.equal(attr(sm, "TYPE"), "PHYSICAL"); // CSIP81
  assert.equal(attr(sm, "LABEL"), "CSIP"); // CSIP82
  assert.ok(attr(sm, "ID"));
  const root = kids(sm, "div");
  assert.equal(root.length, 1);
  assert.equal(attr(root[0]!, "LABEL"), pkg.packageId);
  const divs = kids(root[0]!, "div");
  assert.deepEqual(divs.map((d) => attr(d, "LABEL")), ["Metadata", "Documentation", "Schemas", "Representations/rep1"]);
  const idsOf = (name: string) => new Set(all(mets, name).map((e) => attr(e, "ID")));
  assert.ok(idsOf("dmdSec").has(attr(divs[0]!, "DMDID")));
  assert.ok(idsOf("digiprovMD").has(attr(divs[0]!, "ADMID")));
  for (const d of divs.slice(1)) assert.ok(idsOf("fileGrp").has(attr(one(d, "fptr"), "FILEID")));
});

test("CSIP package structure: METS.xml at the root, metadata, documentation, schemas, representations/rep1/data; nothing unlisted", () => {
  const top = fs.readdirSync(pkg.dir).sort();
  assert.deepEqual(top, ["METS.xml", "documentation", "metadata", "representations", "schemas"]);
  assert.deepEqual(fs.readdirSync(path.join(pkg.dir, "metadata")).sort(), ["descriptive", "preservation"]);
  assert.deepEqual(fs.readdirSync(path.join(pkg.dir, "representations/rep1")), ["data"]);
  const listed = [...all(mets, "FLocat"), ...all(mets, "mdRef")].map((e) => attr(e, "href", XLINK_NS)!).sort();
  const onDisk = (fs.readdirSync(pkg.dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(pkg.dir, f)).isFile() && f !== "METS.xml").sort();
  assert.deepEqual(listed, onDisk);
  // The schemas are JSON Schemas, each file named by its $id.
  for (const s of fs.readdirSync(path.join(pkg.dir, "schemas"))) assert.equal(JSON.parse(fs.readFileSync(path.join(pkg.dir, "schemas", s), "utf8")).$id, s);
});
