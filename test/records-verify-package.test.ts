// An archivist verifies a half-year package: `vaxel records verify-package DIR`
// recomputes every SHA-256 the METS gives, and reports altered, missing and
// extra files by path with stable codes (exit 1), and a representation METS
// referenced from the root METS is followed.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { before, test } from "node:test";
import { promisify } from "node:util";
import { createOrganisation } from "../src/platform/tenancy.ts";
import { verifyPackage, type PackageVerification } from "../src/records/export/verify-package.ts";
import { seedCapturedComments } from "../src/records/test-support.ts";
import { freshDatabase, type TestDb } from "./helpers/db.ts";

const run = promisify(execFile);
const VAXEL = path.resolve(import.meta.dirname, "../bin/vaxel");
const key = randomBytes(32);
let db: TestDb;
let env: NodeJS.ProcessEnv;

before(async () => {
  db = await freshDatabase();
  const orgId = (await createOrganisation(db.pool, { slug: "paketkommun", name: "Paketkommun" })).id;
  await seedCapturedComments(db.pool, key, {
    orgId,
    comments: [
      { id: "p1", kind: "post", text: "Simhallen öppnar i maj!", author: "Staden", at: "2026-04-28T08:00:00Z" },
      { id: "c1", postId: "p1", text: "Äntligen!", author: "Åsa Öberg", at: "2026-05-02T10:00:00Z" },
    ],
  });
  env = { ...process.env, DATABASE_URL: db.url, VAXEL_ENCRYPTION_KEY: key.toString("hex"), LOG_LEVEL: "silent" };
});

async function exportHalfYear(): Promise<string> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "vaxel-verify-package-"));
  const r = await run(VAXEL, ["records", "export", "--out", out, "--from", "2026-01-01", "--to", "2026-06-30"], { env });
  return r.stdout.split("\n")[0]!;
}

/** Runs the command; exit code and parsed --json report. */
async function verifyCli(dir: string): Promise<{ code: number; report: PackageVerification; text: string }> {
  const json = await run(VAXEL, ["records", "verify-package", dir, "--json"], { env }).then((r) => ({ code: 0, out: r.stdout }), (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }));
  const text = await run(VAXEL, ["records", "verify-package", dir], { env }).then((r) => r.stdout, (e: { stdout: string }) => e.stdout);
  return { code: json.code, report: JSON.parse(json.out) as PackageVerification, text };
}

const itemFile = (dir: string, ext: string) => {
  const items = path.join(dir, "representations/rep1/data/items");
  return `representations/rep1/data/items/${fs.readdirSync(items).find((f) => f.endsWith(ext))!}`;
};

test("an exported half-year package verifies; one altered byte is reported with its path, exit 1", async () => {
  const dir = await exportHalfYear();
  const ok = await verifyCli(dir);
  assert.equal(ok.code, 0, ok.text);
  assert.equal(ok.report.ok, true);
  assert.deepEqual(ok.report.problems, []);
  const listed = (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()).length - 1;
  assert.equal(ok.report.checked, listed); // every file but METS.xml itself was hashed
  assert.match(ok.text, /Paketet är oförändrat.*The package is intact/);

  const target = itemFile(dir, ".json");
  const abs = path.join(dir, target);
  const buf = fs.readFileSync(abs);
  const expected = createHash("sha256").update(buf).digest("hex");
  buf[10] = buf[10]! ^ 0x01;
  fs.writeFileSync(abs, buf);
  const bad = await verifyCli(dir);
  assert.equal(bad.code, 1);
  assert.deepEqual(bad.report.problems, [{ code: "file_altered", path: target, expected, actual: createHash("sha256").update(buf).digest("hex") }]);
  assert.match(bad.text, new RegExp(`file_altered\\s+${target.replace(/\./g, "\\.")}: filen har ändrats .* / the file has been altered`));
  assert.match(bad.text, /PAKETET ÄR INTE INTAKT/);
});

test("a deleted file is missing, a file added is extra, a METS cut short is unreadable", async () => {
  const dir = await exportHalfYear();
  const gone = itemFile(dir, ".html");
  fs.rmSync(path.join(dir, gone));
  fs.writeFileSync(path.join(dir, "documentation/anteckning.txt"), "lagt till efteråt");
  const r = await verifyCli(dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.report.problems.map((p) => [p.code, p.path]), [["file_missing", gone], ["file_extra", "documentation/anteckning.txt"]]);
  assert.match(r.text, /file_missing .*filen saknas i paketet \/ the file is missing from the package/);

  const mets = fs.readFileSync(path.join(dir, "METS.xml"), "utf8");
  fs.writeFileSync(path.join(dir, "METS.xml"), mets.slice(0, Math.floor(mets.length / 2)));
  const cut = verifyPackage(dir);
  assert.equal(cut.ok, false);
  assert.deepEqual(cut.problems.map((p) => p.code), ["mets_unreadable"]);
});

test("a representation METS listed in the root METS is checked as a file and its own files are verified", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vaxel-rep-mets-"));
  const sha = (s: string) => createHash("sha256").update(s).digest("hex");
  const put = (rel: string, s: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), s);
  };
  const file = (href: string, body: string, type = "SHA-256") =>
    `<mets:file ID="f-${sha(href).slice(0, 8)}" CHECKSUM="${sha(body)}" CHECKSUMTYPE="${type}"><mets:FLocat LOCTYPE="URL" xlink:type="simple" xlink:href="${href}"/></mets:file>`;
  const metsDoc = (files: string) => `<?xml version="1.0" encoding="UTF-8"?>
<mets:mets xmlns:mets="http://www.loc.gov/METS/" xmlns:xlink="http://www.w3.org/1999/xlink" OBJID="x"><mets:fileSec><mets:fileGrp USE="x">${files}</mets:fileGrp></mets:fileSec></mets:mets>`;
  put("representations/rep1/data/a.json", "{\"a\":1}");
  const repMets = metsDoc(file("data/a.json", "{\"a\":1}"));
  put("representations/rep1/METS.xml", repMets);
  put("METS.xml", metsDoc(file("representations/rep1/METS.xml", repMets)));
  const ok = verifyPackage(dir);
  assert.deepEqual(ok.problems, []);
  assert.deepEqual(ok.mets, ["METS.xml", "representations/rep1/METS.xml"]);
  assert.equal(ok.checked, 2);

  // Altering the data file breaks the representation METS's checksum; editing that METS to
  // match breaks the root METS's checksum of it.
  put("representations/rep1/data/a.json", "{\"a\":2}");
  assert.deepEqual(verifyPackage(dir).problems.map((p) => [p.code, p.path]), [["file_altered", "representations/rep1/data/a.json"]]);
  put("representations/rep1/METS.xml", metsDoc(file("data/a.json", "{\"a\":2}")));
  assert.deepEqual(verifyPackage(dir).problems.map((p) => [p.code, p.path]), [["file_altered", "representations/rep1/METS.xml"]]);

  // A reference out of the package is refused, not read; a checksum that is not SHA-256 is named.
  put("METS.xml", metsDoc(file("../elsewhere.txt", "x") + file("representations/rep1/data/a.json", "{\"a\":2}", "MD5")));
  assert.deepEqual(verifyPackage(dir).problems.map((p) => p.code), ["path_outside_package", "checksum_type_unsupported", "file_extra"]);
  // A symbolic link no METS lists is extra too.
  fs.symlinkSync("/etc/hostname", path.join(dir, "representations/rep1/data/link"));
  assert.deepEqual(verifyPackage(dir).problems.filter((p) => p.code === "file_extra").map((p) => p.path).sort(), ["representations/rep1/METS.xml", "representations/rep1/data/link"]);
});
