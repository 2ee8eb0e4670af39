// The archival package an archivist hands to the e-archive: METS.xml (E-ARK
// CSIP structure) with a SHA-256 checksum for every file that matches the
// file, items as JSON and readable HTML, the archive streams, and a
// half-yearly snapshot schedule. The METS is checked with xmllint (WASM):
// well-formed always, and against the official METS schema when its files
// (mets.xsd + xlink.xsd) are present in ../shared/data/mets-schema/ or
// test/fixtures/mets-schema/. That the schema validation really validates is
// shown on a small METS-namespace schema written here. The CSIP/SIP
// requirements themselves are checked in records-export-csip.test.ts.
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { before, test } from "node:test";
import { promisify } from "node:util";
import { validateXML as xmllint } from "xmllint-wasm";
import { createOrganisation } from "../src/platform/tenancy.ts";
import { completedPeriods, runSnapshots } from "../src/records/export/export-archive.ts";
import { verifyPackage } from "../src/records/export/verify-package.ts";
import { seedCapturedComments } from "../src/records/test-support.ts";
import { freshDatabase, type TestDb } from "./helpers/db.ts";

const run = promisify(execFile);
const VAXEL = path.resolve(import.meta.dirname, "../bin/vaxel");
const repoRoot = path.resolve(import.meta.dirname, "..");
const SCHEMA_DIRS = [path.resolve(repoRoot, "../shared/data/mets-schema"), path.resolve(repoRoot, "test/fixtures/mets-schema")];
const key = randomBytes(32);
let db: TestDb;
let orgId: string;

before(async () => {
  db = await freshDatabase();
  orgId = (await createOrganisation(db.pool, { slug: "arkivkommun", name: "Arkivkommun" })).id;
  await seedCapturedComments(db.pool, key, {
    orgId,
    comments: [
      { id: "p1", kind: "post", text: "Simhallen öppnar i maj!", author: "Staden", at: "2026-04-28T08:00:00Z" },
      { id: "c1", postId: "p1", text: "Äntligen! <script>alert(1)</script>", author: "Åsa Öberg", at: "2026-05-02T10:00:00Z" },
      { id: "c2", postId: "p1", text: "Bra i höstas också.", author: "Bo", at: "2025-10-02T10:00:00Z" },
      { id: "c3", postId: "p1", text: "Sent i juli.", author: "Cia", at: "2026-07-02T10:00:00Z" },
    ],
  });
});

const attr = (xml: string, el: string, name: string) => [...xml.matchAll(new RegExp(`<${el}\\b[^>]*\\b${name}="([^"]*)"`, "g"))].map((m) => m[1]!);

test("vaxel records export writes a CSIP-shaped package whose checksums match", async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "vaxel-export-"));
  const env = { ...process.env, DATABASE_URL: db.url, VAXEL_ENCRYPTION_KEY: key.toString("hex"), LOG_LEVEL: "silent" };
  const r = await run(VAXEL, ["records", "export", "--out", out, "--from", "2026-01-01", "--to", "2026-06-30"], { env });
  const dir = r.stdout.split("\n")[0]!;
  assert.ok(fs.existsSync(path.join(dir, "METS.xml")), r.stdout + r.stderr);
  const mets = fs.readFileSync(path.join(dir, "METS.xml"), "utf8");

  // Well-formed XML (xmllint parses it).
  const parsed = await xmllint({ xml: [{ fileName: "METS.xml", contents: mets }], normalization: "c14n" });
  assert.deepEqual(parsed.errors, []);

  // CSIP structure: root attributes, header agent, metadata sections, file section, structMap labelled CSIP.
  assert.match(mets, new RegExp(`<mets:mets [^>]*OBJID="${path.basename(dir)}"`));
  assert.match(mets, /csip:CONTENTINFORMATIONTYPE="OTHER"/);
  assert.match(mets, /<mets:metsHdr [^>]*CREATEDATE="[^"]+"[^>]*csip:OAISPACKAGETYPE="SIP"/);
  assert.match(mets, /<mets:agent ROLE="CREATOR" TYPE="OTHER" OTHERTYPE="SOFTWARE">/);
  assert.match(mets, /<mets:structMap [^>]*TYPE="PHYSICAL" LABEL="CSIP"/);

  // Every file is in the METS with its SHA-256, and every checksum matches the file on disk.
  const hrefs = attr(mets, "mets:FLocat", "xlink:href").concat(attr(mets, "mets:mdRef", "xlink:href"));
  const sums = attr(mets, "mets:file", "CHECKSUM").concat(attr(mets, "mets:mdRef", "CHECKSUM"));
  assert.equal(hrefs.length, sums.length);
  const onDisk = (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile() && f !== "METS.xml").sort();
  assert.deepEqual([...hrefs].sort(), onDisk);
  hrefs.forEach((h, i) => assert.equal(createHash("sha256").update(fs.readFileSync(path.join(dir, h))).digest("hex"), sums[i], h));
  assert.ok(attr(mets, "mets:file", "CHECKSUMTYPE").every((t) => t === "SHA-256"));
  // The archivist's check (vaxel records verify-package) agrees.
  const verified = verifyPackage(dir);
  assert.deepEqual(verified.problems, []);
  assert.equal(verified.checked, hrefs.length);

  // The period: May and April items, not October or July; readable HTML escapes the text.
  const items = onDisk.filter((f) => f.endsWith(".json") && f.includes("/items/")).map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as { platformItemId: string });
  assert.deepEqual(items.map((i) => i.platformItemId).sort(), ["c1", "p1"]);
  const htmlFile = onDisk.find((f) => f.endsWith(".html") && fs.readFileSync(path.join(dir, f), "utf8").includes("Åsa Öberg"))!;
  assert.match(fs.readFileSync(path.join(dir, htmlFile), "utf8"), /&lt;script&gt;/);
  const verification = JSON.parse(fs.readFileSync(path.join(dir, "metadata/preservation/verification.json"), "utf8"));
  assert.equal(verification.ok, true);
});

/** Validates a METS document against a METS schema that imports an XLink schema, as the official mets.xsd does. */
async function validateMets(metsXml: string, metsXsd: string, xlinkXsd: string) {
  return xmllint({
    xml: [{ fileName: "METS.xml", contents: metsXml }],
    // The official schema imports xlink.xsd from the publisher's site: point it at the local copy.
    schema: [{ fileName: "mets.xsd", contents: metsXsd.replace(/schemaLocation="[^"]*xlink\.xsd"/, 'schemaLocation="xlink.xsd"') }],
    preload: [{ fileName: "xlink.xsd", contents: xlinkXsd }],
  });
}

async function exportedMets(): Promise<string> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "vaxel-export-"));
  const env = { ...process.env, DATABASE_URL: db.url, VAXEL_ENCRYPTION_KEY: key.toString("hex"), LOG_LEVEL: "silent" };
  const dir = (await run(VAXEL, ["records", "export", "--out", out], { env })).stdout.split("\n")[0]!;
  return fs.readFileSync(path.join(dir, "METS.xml"), "utf8");
}

test("the METS validates against the official METS schema", async (t) => {
  const dir = SCHEMA_DIRS.find((d) => fs.existsSync(path.join(d, "mets.xsd")) && fs.existsSync(path.join(d, "xlink.xsd")));
  if (!dir) {
    t.skip(`official METS schema files (mets.xsd, xlink.xsd) not present in ${SCHEMA_DIRS.join(" or ")} (see test/fixtures/mets-schema/README.md)`);
    return;
  }
  const r = await validateMets(await exportedMets(), fs.readFileSync(path.join(dir, "mets.xsd"), "utf8"), fs.readFileSync(path.join(dir, "xlink.xsd"), "utf8"));
  assert.deepEqual(r.errors, []);
  assert.equal(r.valid, true);
});

// A small schema for the METS namespace written for this test (not the official
// one): the package's root attributes, the header's agents and the file
// section's checksums, importing an XLink schema the way mets.xsd does. It
// shows the validation above accepts a valid document and reports errors.
const MINI_XLINK_XSD = `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.w3.org/1999/xlink" attributeFormDefault="qualified">
  <xs:attribute name="href" type="xs:anyURI"/>
  <xs:attribute name="type" type="xs:string" fixed="simple"/>
</xs:schema>`;
const MINI_METS_XSD = `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:m="http://www.loc.gov/METS/" xmlns:xlink="http://www.w3.org/1999/xlink"
  targetNamespace="http://www.loc.gov/METS/" elementFormDefault="qualified">
  <xs:import namespace="http://www.w3.org/1999/xlink" schemaLocation="http://www.loc.gov/standards/xlink/xlink.xsd"/>
  <xs:element name="mets">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="metsHdr">
          <xs:complexType>
            <xs:sequence><xs:element name="agent" maxOccurs="unbounded"><xs:complexType><xs:sequence>
              <xs:element name="name" type="xs:string"/><xs:element name="note" minOccurs="0" maxOccurs="unbounded"><xs:complexType><xs:simpleContent>
                <xs:extension base="xs:string"><xs:anyAttribute namespace="##other" processContents="lax"/></xs:extension></xs:simpleContent></xs:complexType></xs:element>
            </xs:sequence><xs:attribute name="ROLE" use="required"/><xs:attribute name="TYPE"/><xs:attribute name="OTHERTYPE"/><xs:attribute name="OTHERROLE"/></xs:complexType></xs:element>
              <xs:element name="altRecordID" minOccurs="0" maxOccurs="unbounded"><xs:complexType><xs:simpleContent><xs:extension base="xs:string"><xs:attribute name="TYPE"/></xs:extension></xs:simpleContent></xs:complexType></xs:element>
            </xs:sequence>
            <xs:attribute name="CREATEDATE" type="xs:dateTime" use="required"/><xs:anyAttribute processContents="lax"/>
          </xs:complexType>
        </xs:element>
        <xs:any namespace="##targetNamespace" processContents="skip" minOccurs="0" maxOccurs="unbounded"/>
      </xs:sequence>
      <xs:attribute name="OBJID" type="xs:ID" use="required"/>
      <xs:attribute name="PROFILE" type="xs:anyURI" use="required"/>
      <xs:anyAttribute processContents="lax"/>
    </xs:complexType>
  </xs:element>
</xs:schema>`;

test("the schema validation works: a METS-namespace schema written here accepts the package's METS and rejects a broken one", async () => {
  const good = await exportedMets();
  const ok = await validateMets(good, MINI_METS_XSD, MINI_XLINK_XSD);
  assert.deepEqual(ok.errors, []);
  assert.equal(ok.valid, true);
  const broken = good.replace(/ OBJID="[^"]*"/, "").replace(/CREATEDATE="[^"]*"/, 'CREATEDATE="i går"');
  const bad = await validateMets(broken, MINI_METS_XSD, MINI_XLINK_XSD);
  assert.equal(bad.valid, false);
  const messages = bad.errors.map((e) => e.message).join("\n");
  assert.match(messages, /OBJID/);
  assert.match(messages, /CREATEDATE/);
});

test("half-yearly snapshots: every completed half year once", async () => {
  assert.deepEqual(completedPeriods(new Date("2026-08-01T00:00:00Z"), 6, "2025-10-02"), [
    { from: "2025-01-01", to: "2025-06-30" }, { from: "2025-07-01", to: "2025-12-31" }, { from: "2026-01-01", to: "2026-06-30" },
  ]);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "vaxel-snap-"));
  const actor = { id: null, label: "test" };
  const first = await runSnapshots({ pool: db.pool, key }, { orgId, outDir: out, actor, now: new Date("2026-08-01T00:00:00Z") });
  assert.deepEqual(first.map((x) => x.items), [0, 1, 2]);
  for (const x of first) assert.deepEqual(verifyPackage(x.dir).problems, [], x.dir);
  const again = await runSnapshots({ pool: db.pool, key }, { orgId, outDir: out, actor, now: new Date("2026-08-01T00:00:00Z") });
  assert.equal(again.length, 0);
  const later = await runSnapshots({ pool: db.pool, key }, { orgId, outDir: out, actor, now: new Date("2027-01-02T00:00:00Z") });
  assert.deepEqual(later.map((x) => x.items), [1]);
});
