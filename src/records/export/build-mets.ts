// The package METS.xml, per E-ARK CSIP 2.1 and E-ARK SIP 2.1, which together
// are FGS Paketstruktur 2.0 (Riksarkivet's common specification for e-archive
// packages since 2023; it adds no attributes of its own — the Swedish METS
// extension belonged to FGS Paketstruktur 1.x). Requirement ids in comments
// (CSIPn, SIPn) are checked by test/records-export-csip.test.ts.
//
// Element order follows the METS schema (metsHdr, dmdSec, amdSec, fileSec,
// structMap; inside metsHdr: agent, then altRecordID), which validators check.
import { create } from "xmlbuilder2";
type XMLBuilder = ReturnType<typeof create>;

export const METS_NS = "http://www.loc.gov/METS/";
export const CSIP_NS = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS";
export const XLINK_NS = "http://www.w3.org/1999/xlink";
/** SIP2: a submission package declares the E-ARK SIP profile (which extends CSIP). */
export const SIP_PROFILE = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml";
/** What the representation holds: no content information type specification fits social media records. */
export const CONTENT_INFORMATION_TYPE = "Växel social media records (JSON and HTML, one file per item)";

export interface MetsFile {
  path: string;
  size: number;
  sha256: string;
  mime: string;
  use: "metadata/descriptive" | "metadata/preservation" | "documentation" | "schemas" | "representation";
  /** What kind of metadata, for mdRef/@OTHERMDTYPE. */
  mdType?: string;
}

export interface MetsInput {
  /** CSIP1: the package id, also the name of the package's root folder. */
  objId: string;
  label: string;
  created: Date;
  organisation: { name: string; organisationNumber: string | null };
  submissionAgreement: string | null;
  referenceCode: string | null;
  software: { name: string; version: string };
  files: readonly MetsFile[];
}

const REP = "Representations/rep1";

export function buildMets(m: MetsInput): string {
  const created = m.created.toISOString().replace(/\.\d{3}Z$/, "Z");
  const doc = create({ version: "1.0", encoding: "UTF-8" }).ele(METS_NS, "mets:mets", {
    "xmlns:xlink": XLINK_NS,
    "xmlns:csip": CSIP_NS,
    OBJID: m.objId, // CSIP1
    LABEL: m.label, // SIP1
    TYPE: "OTHER", // CSIP2: no content category of the vocabulary fits
    "csip:OTHERTYPE": "Social media records", // CSIP3
    "csip:CONTENTINFORMATIONTYPE": "OTHER", // CSIP4
    "csip:OTHERCONTENTINFORMATIONTYPE": CONTENT_INFORMATION_TYPE, // CSIP5
    PROFILE: SIP_PROFILE, // CSIP6, SIP2
  });

  // CSIP117, CSIP7, SIP3 (NEW), CSIP9/SIP4 (SIP).
  const hdr = doc.ele("mets:metsHdr", { CREATEDATE: created, RECORDSTATUS: "NEW", "csip:OAISPACKAGETYPE": "SIP" });
  // CSIP10–CSIP16: the software that made the package.
  hdr.ele("mets:agent", { ROLE: "CREATOR", TYPE: "OTHER", OTHERTYPE: "SOFTWARE" })
    .ele("mets:name").txt(m.software.name).up()
    .ele("mets:note", { "csip:NOTETYPE": "SOFTWARE VERSION" }).txt(m.software.version);
  // SIP9–SIP14: the archival creator (arkivbildare), the municipality; SIP15–SIP20:
  // the submitter, the municipality too. Their identification code is the organisation number.
  const organisationAgent = (attrs: Record<string, string>) => {
    const a = hdr.ele("mets:agent", { ...attrs, TYPE: "ORGANIZATION" }).ele("mets:name").txt(m.organisation.name).up();
    if (m.organisation.organisationNumber) a.ele("mets:note", { "csip:NOTETYPE": "IDENTIFICATIONCODE" }).txt(m.organisation.organisationNumber);
  };
  organisationAgent({ ROLE: "ARCHIVIST" });
  organisationAgent({ ROLE: "OTHER", OTHERROLE: "SUBMITTER" });
  // SIP5, SIP7: given by the receiving e-archive, when the municipality has them.
  if (m.submissionAgreement) hdr.ele("mets:altRecordID", { TYPE: "SUBMISSIONAGREEMENT" }).txt(m.submissionAgreement);
  if (m.referenceCode) hdr.ele("mets:altRecordID", { TYPE: "REFERENCECODE" }).txt(m.referenceCode);

  const byUse = (u: MetsFile["use"]) => m.files.filter((f) => f.use === u);
  // CSIP21–CSIP30 (dmdSec) and CSIP35–CSIP44 (digiprovMD): a reference with size, date and checksum.
  const mdRef = (parent: XMLBuilder, f: MetsFile) =>
    parent.ele("mets:mdRef", {
      LOCTYPE: "URL", "xlink:type": "simple", "xlink:href": f.path, MDTYPE: "OTHER", OTHERMDTYPE: f.mdType ?? "OTHER",
      MIMETYPE: f.mime, SIZE: String(f.size), CREATED: created, CHECKSUM: f.sha256, CHECKSUMTYPE: "SHA-256",
    });
  // CSIP17–CSIP20
  const dmdIds = byUse("metadata/descriptive").map((f, n) => {
    const id = `dmd-${n + 1}`;
    mdRef(doc.ele("mets:dmdSec", { ID: id, CREATED: created, STATUS: "CURRENT" }), f);
    return id;
  });
  // CSIP31–CSIP34: all administrative metadata in one amdSec.
  const preservation = byUse("metadata/preservation");
  const amdIds: string[] = [];
  if (preservation.length) {
    const amd = doc.ele("mets:amdSec");
    preservation.forEach((f, n) => {
      const id = `digiprov-${n + 1}`;
      amdIds.push(id);
      mdRef(amd.ele("mets:digiprovMD", { ID: id, STATUS: "CURRENT" }), f);
    });
  }

  // CSIP58, CSIP59; CSIP60 Documentation, CSIP113 Schemas, CSIP114 Representations;
  // CSIP64 USE, CSIP65 ID; CSIP66–CSIP72 files with checksums; CSIP76–CSIP79 FLocat.
  const fileSec = doc.ele("mets:fileSec", { ID: "filesec-1" });
  let fileNo = 0;
  const group = (use: string, id: string, files: readonly MetsFile[], extra: Record<string, string> = {}) => {
    const grp = fileSec.ele("mets:fileGrp", { ID: id, USE: use, ...extra });
    for (const f of files) {
      grp.ele("mets:file", { ID: `file-${++fileNo}`, MIMETYPE: f.mime, SIZE: String(f.size), CREATED: created, CHECKSUM: f.sha256, CHECKSUMTYPE: "SHA-256" })
        .ele("mets:FLocat", { LOCTYPE: "URL", "xlink:type": "simple", "xlink:href": f.path });
    }
  };
  group("Documentation", "filegrp-documentation", byUse("documentation"));
  group("Schemas", "filegrp-schemas", byUse("schemas"));
  // CSIP62, CSIP63
  group(REP, "filegrp-rep1", byUse("representation"), { "csip:CONTENTINFORMATIONTYPE": "OTHER", "csip:OTHERCONTENTINFORMATIONTYPE": CONTENT_INFORMATION_TYPE });

  // CSIP80–CSIP82: one structMap, PHYSICAL, labelled CSIP; the root division is
  // labelled with the package id; below it metadata, documentation, schemas and
  // the representation, each pointing at its sections or file group.
  const root = doc.ele("mets:structMap", { ID: "structmap-1", TYPE: "PHYSICAL", LABEL: "CSIP" }).ele("mets:div", { ID: "div-root", LABEL: m.objId });
  root.ele("mets:div", { ID: "div-metadata", LABEL: "Metadata", ...(dmdIds.length ? { DMDID: dmdIds.join(" ") } : {}), ...(amdIds.length ? { ADMID: amdIds.join(" ") } : {}) });
  root.ele("mets:div", { ID: "div-documentation", LABEL: "Documentation" }).ele("mets:fptr", { FILEID: "filegrp-documentation" });
  root.ele("mets:div", { ID: "div-schemas", LABEL: "Schemas" }).ele("mets:fptr", { FILEID: "filegrp-schemas" });
  root.ele("mets:div", { ID: "div-rep1", LABEL: REP }).ele("mets:fptr", { FILEID: "filegrp-rep1" });
  return doc.end({ prettyPrint: true });
}
