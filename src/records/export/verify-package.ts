// `vaxel records verify-package DIR`: what an archivist runs on a package
// before (and after) handing it to the e-archive. Every file the METS lists
// (fileSec/file with FLocat, dmdSec/amdSec mdRef) must exist and have the
// SHA-256 the METS gives; every file in the folder must be listed; a METS.xml
// that a METS lists (a representation METS, E-ARK CSIP's root/representation
// split) is checked as a file and then verified in its own folder. Needs no
// database, so it works on a copy far from the installation that made it.
//
// The METS is read with fast-xml-parser, whose validator rejects XML that is
// not well-formed: a METS cut short must be reported, not half-read.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";

/** Stable codes, for scripts (`--json`) and for the messages below. */
export type PackageProblemCode =
  | "mets_missing" | "mets_unreadable" | "file_missing" | "file_extra" | "file_altered"
  | "checksum_missing" | "checksum_type_unsupported" | "path_outside_package";

export interface PackageProblem {
  code: PackageProblemCode;
  /** Path relative to the package folder, with forward slashes. */
  path: string;
  /** The checksum the METS gives, and the one the file has now (file_altered). */
  expected?: string;
  actual?: string;
  /** Parser message (mets_unreadable) or the checksum type found (checksum_type_unsupported). */
  detail?: string;
}

export interface PackageVerification {
  ok: boolean;
  dir: string;
  /** The METS files read, root first. */
  mets: string[];
  /** Files whose checksum was recomputed and matched. */
  checked: number;
  problems: PackageProblem[];
}

export const PACKAGE_PROBLEM_MESSAGES: Record<PackageProblemCode, { sv: string; en: string }> = {
  mets_missing: { sv: "METS.xml saknas", en: "METS.xml is missing" },
  mets_unreadable: { sv: "METS.xml går inte att läsa som XML", en: "METS.xml is not well-formed XML" },
  file_missing: { sv: "filen saknas i paketet", en: "the file is missing from the package" },
  file_extra: { sv: "filen finns i paketet men inte i METS", en: "the file is in the package but not in the METS" },
  file_altered: { sv: "filen har ändrats (kontrollsumman stämmer inte)", en: "the file has been altered (checksum does not match)" },
  checksum_missing: { sv: "METS anger ingen kontrollsumma för filen", en: "the METS gives no checksum for the file" },
  checksum_type_unsupported: { sv: "kontrollsummetypen är inte SHA-256", en: "the checksum type is not SHA-256" },
  path_outside_package: { sv: "sökvägen pekar utanför paketet", en: "the path points outside the package" },
};

interface MetsReference {
  href: string;
  checksum: string | null;
  checksumType: string | null;
}

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  // Prefixes vary between producers (mets:, none, METS:); the local names are the METS schema's.
  removeNSPrefix: true,
  parseAttributeValue: false,
  parseTagValue: false,
  processEntities: true,
});

const asArray = (v: unknown): XmlNode[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]) as XmlNode[];
const attr = (n: XmlNode, name: string): string | null => {
  const v = n[`@_${name}`];
  return typeof v === "string" ? v : null;
};

/** Every file reference with its checksum: fileSec files (through FLocat) and metadata mdRefs. */
export function metsReferences(xml: string): MetsReference[] {
  const root = parser.parse(xml) as XmlNode;
  const refs: MetsReference[] = [];
  const walk = (node: unknown): void => {
    for (const n of asArray(node)) {
      if (typeof n !== "object" || n === null) continue;
      for (const [key, value] of Object.entries(n)) {
        if (key.startsWith("@_")) continue;
        if (key === "file") {
          for (const f of asArray(value)) {
            for (const loc of asArray(f.FLocat)) {
              const href = attr(loc, "href");
              if (href !== null) refs.push({ href, checksum: attr(f, "CHECKSUM"), checksumType: attr(f, "CHECKSUMTYPE") });
            }
            walk(f); // a file may nest files (METS allows it)
          }
        } else if (key === "mdRef") {
          for (const m of asArray(value)) {
            const href = attr(m, "href");
            if (href !== null) refs.push({ href, checksum: attr(m, "CHECKSUM"), checksumType: attr(m, "CHECKSUMTYPE") });
          }
        } else walk(value);
      }
    }
  };
  walk(root);
  return refs;
}

/** An xlink:href as a path relative to the METS's folder; null when it leaves the package. */
function hrefToPath(href: string, metsDir: string, packageDir: string): string | null {
  let p = href.startsWith("file:") ? href.slice("file:".length) : href;
  try {
    p = decodeURIComponent(p);
  } catch {
    // Not percent-encoded after all: use it as written.
  }
  if (path.isAbsolute(p)) return null;
  const abs = path.resolve(metsDir, p);
  const rel = path.relative(packageDir, abs);
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) return null;
  return rel.split(path.sep).join("/");
}

/** In chunks: a representation may hold files larger than is wise to read whole. */
function sha256File(abs: string): string {
  const h = createHash("sha256");
  const buf = Buffer.allocUnsafe(1 << 20);
  const fd = fs.openSync(abs, "r");
  try {
    for (let n = fs.readSync(fd, buf); n > 0; n = fs.readSync(fd, buf)) h.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return h.digest("hex");
}

/** Files and symbolic links (a link no METS lists is as foreign to the package as a file). */
function filesUnder(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile() || e.isSymbolicLink())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}

export function verifyPackage(dir: string): PackageVerification {
  const packageDir = path.resolve(dir);
  const problems: PackageProblem[] = [];
  const listed = new Set<string>(["METS.xml"]);
  const metsRead: string[] = [];
  let checked = 0;

  const verifyMets = (metsRel: string): void => {
    const abs = path.join(packageDir, metsRel);
    if (!fs.existsSync(abs)) {
      problems.push({ code: "mets_missing", path: metsRel });
      return;
    }
    const xml = fs.readFileSync(abs, "utf8");
    const valid = XMLValidator.validate(xml);
    if (valid !== true) {
      problems.push({ code: "mets_unreadable", path: metsRel, detail: `${valid.err.msg} (line ${valid.err.line})` });
      return;
    }
    metsRead.push(metsRel);
    const metsDir = path.dirname(abs);
    for (const ref of metsReferences(xml)) {
      const rel = hrefToPath(ref.href, metsDir, packageDir);
      if (rel === null) {
        problems.push({ code: "path_outside_package", path: ref.href });
        continue;
      }
      listed.add(rel);
      const fileAbs = path.join(packageDir, rel);
      if (!fs.existsSync(fileAbs) || !fs.statSync(fileAbs).isFile()) {
        problems.push({ code: "file_missing", path: rel });
        continue;
      }
      if (ref.checksum === null) problems.push({ code: "checksum_missing", path: rel });
      else if ((ref.checksumType ?? "").toUpperCase() !== "SHA-256") problems.push({ code: "checksum_type_unsupported", path: rel, detail: ref.checksumType ?? "" });
      else {
        const actual = sha256File(fileAbs);
        if (actual !== ref.checksum.toLowerCase()) problems.push({ code: "file_altered", path: rel, expected: ref.checksum, actual });
        else checked++;
      }
      // A representation METS: its own references are relative to its folder.
      if (path.posix.basename(rel) === "METS.xml" && !metsRead.includes(rel)) verifyMets(rel);
    }
  };

  if (!fs.existsSync(packageDir) || !fs.statSync(packageDir).isDirectory()) {
    return { ok: false, dir: packageDir, mets: [], checked: 0, problems: [{ code: "mets_missing", path: "METS.xml" }] };
  }
  verifyMets("METS.xml");
  // Extra files only make sense once the METS could be read.
  if (metsRead.length) {
    for (const f of filesUnder(packageDir)) if (!listed.has(f)) problems.push({ code: "file_extra", path: f });
  }
  return { ok: problems.length === 0, dir: packageDir, mets: metsRead, checked, problems };
}

export function formatPackageVerification(r: PackageVerification): string {
  const lines = r.problems.map((p) => {
    const m = PACKAGE_PROBLEM_MESSAGES[p.code];
    const extra = p.code === "file_altered" ? `\n        väntat / expected ${p.expected}\n        fann / found      ${p.actual}`
      : p.detail ? `\n        ${p.detail}` : "";
    return `${p.code.padEnd(26)} ${p.path}: ${m.sv} / ${m.en}${extra}`;
  });
  lines.push(r.ok
    ? `Paketet är oförändrat: ${r.checked} filer kontrollerade. / The package is intact: ${r.checked} files checked.`
    : `PAKETET ÄR INTE INTAKT: ${r.problems.length} fel. / THE PACKAGE IS NOT INTACT: ${r.problems.length} problems.`);
  return `${lines.join("\n")}\n`;
}
