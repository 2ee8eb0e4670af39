// What a package carries besides the records, so that an archivist can read it
// decades later without Växel: a description of the package (documentation/,
// CSIP's Documentation file group) and JSON Schemas of its data files
// (schemas/, CSIP's Schemas file group).
import { html } from "../../web/html.ts";

const SCHEMA_DRAFT = "https://json-schema.org/draft/2020-12/schema";
const str = { type: "string" };
const strOrNull = { type: ["string", "null"] };
const hash = { type: "string", pattern: "^[0-9a-f]{64}$" };

export const ITEM_SCHEMA = {
  $schema: SCHEMA_DRAFT,
  $id: "vaxel-item.schema.json",
  title: "Ett inlägg eller en kommentar med alla versioner / one captured item with every version",
  type: "object",
  required: ["id", "channelId", "channelName", "platform", "platformItemId", "kind", "firstCapturedAt", "versions"],
  properties: {
    id: str, channelId: str, channelName: str, platform: str, platformItemId: str,
    kind: { enum: ["post", "comment", "reply", "mention"] },
    postPlatformId: strOrNull, parentPlatformId: strOrNull, firstCapturedAt: { type: "string", format: "date-time" }, diaryNumber: strOrNull,
    versions: {
      type: "array",
      items: {
        type: "object",
        required: ["seq", "event", "source", "receivedAt", "contentHash", "prevHash", "hash"],
        properties: {
          seq: { type: "integer", description: "Länkens nummer i kanalens hashkedja / link number in the channel's hash chain" },
          event: { enum: ["add", "edit", "remove", "hide", "unhide", "snapshot"] }, source: str,
          platformTime: strOrNull, receivedAt: { type: "string", format: "date-time" },
          authorPlatformId: strOrNull, authorName: strOrNull, text: strOrNull, hidden: { type: ["boolean", "null"] }, url: strOrNull,
          raw: { description: "Plattformens eget fragment för versionen / the platform's own fragment" },
          contentHash: hash, prevHash: hash, hash,
        },
      },
    },
  },
} as const;

export const ARCHIVE_STREAM_SCHEMA = {
  $schema: SCHEMA_DRAFT,
  $id: "vaxel-archive-stream.schema.json",
  title: "En arkivström (beslut, svar, blocklista, diarium, gallringslogg, utlämnanden) / one archive stream",
  type: "object",
  required: ["stream", "entries"],
  properties: {
    stream: str,
    entries: {
      type: "array",
      items: {
        type: "object",
        required: ["seq", "at", "recordType", "recordId", "payload", "prevHash", "hash"],
        properties: { seq: { type: "integer" }, at: { type: "string", format: "date-time" }, recordType: str, recordId: str, payload: {}, prevHash: hash, hash },
      },
    },
  },
} as const;

export const REGISTER_SCHEMA = {
  $schema: SCHEMA_DRAFT,
  $id: "vaxel-register.schema.json",
  title: "Diariet för perioden / the register for the period",
  type: "object",
  required: ["organisation", "period", "registrations"],
  properties: {
    organisation: str,
    period: { type: "object", properties: { from: strOrNull, to: strOrNull } },
    registrations: { type: "array", items: { type: "object", required: ["diary_number"], properties: { diary_number: str } } },
  },
} as const;

const STYLE = "body{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.5}code{font-size:.9em}";

export function packageReadme(o: { objId: string; organisation: string; period: { from: string | null; to: string | null }; items: number; software: string }): string {
  return html`<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>Om arkivpaketet ${o.objId}</title><style>${STYLE}</style></head>
<body><main><h1>Om arkivpaketet</h1>
<p>${o.organisation}: allmänna handlingar från kommunens konton i sociala medier,
${o.period.from ?? "början"} – ${o.period.to ?? "skapandedagen"}, ${o.items} poster. Skapat av ${o.software}.</p>
<p>Paketet följer E-ARK CSIP 2.1 och E-ARK SIP 2.1 (FGS Paketstruktur 2.0). <code>METS.xml</code> förtecknar varje fil
med storlek och SHA-256-kontrollsumma.</p>
<h2>Innehåll</h2>
<ul>
<li><code>representations/rep1/data/items/</code>: varje inlägg och kommentar som JSON (alla versioner, plattformens
eget fragment, hashkedjans länkar) och som läsbar HTML.</li>
<li><code>representations/rep1/data/archive/</code>: arkivströmmarna för perioden (modereringsbeslut och kommunens svar,
blocklistor, diarieföring, gallringslogg, utlämnanden), var och en med sin hashkedja.</li>
<li><code>metadata/descriptive/register.json</code>: diariet för perioden.</li>
<li><code>metadata/preservation/verification.json</code>: kontrollen av arkivets hashkedjor och kontrollpunkter när paketet skapades.</li>
<li><code>schemas/</code>: JSON Schema för datafilerna.</li>
</ul>
<h2>Hashkedjan</h2>
<p>Varje version har <code>contentHash</code> (SHA-256 över innehållet), <code>prevHash</code> (föregående länk i
kanalens kedja) och <code>hash</code>. En ändrad eller borttagen version bryter kedjan. Gallrade länkar står i gallringsloggen.</p>
</main></body></html>
`.value;
}
