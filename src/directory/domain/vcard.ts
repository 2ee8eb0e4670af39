// vCard 4.0 (RFC 6350) for a unit or a single contact point: functional only (KIND:org,
// ORG, TEL, EMAIL, ADR, URL), never a person. Values are escaped (\\ \, \; \n) and lines
// folded at 75 octets without splitting a UTF-8 character; lines end in CRLF.
import { resolveReachableContact } from "./principles/no-reachable-contact.ts";
import { ancestry, indexSnapshot } from "./snapshot.ts";
import { describeHours } from "./opening-hours/summary.ts";
import { parsePhone } from "./phone.ts";
import type { ContactPoint, DirectorySnapshot, Unit, Uuid } from "./types.ts";

/** Escapes a TEXT value (RFC 6350 §3.4). */
export function escapeText(value: string): string {
  return value.replace(/\\/gu, "\\\\").replace(/,/gu, "\\,").replace(/;/gu, "\\;").replace(/\r\n|\r|\n/gu, "\\n");
}

/** Folds one content line at 75 octets (RFC 6350 §3.2). */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, "utf8");
    // Continuation lines start with a space, which counts toward their 75 octets.
    const limit = out.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      out.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join("\r\n ");
}

function telUri(cp: Extract<ContactPoint, { kind: "phone" }>): string {
  if (cp.e164) return `tel:${cp.e164}`;
  const parsed = parsePhone(cp.number);
  return `tel:${parsed.ok ? parsed.phone.e164 : cp.number.replace(/[^+0-9]/gu, "")}`;
}

function propertiesOf(cp: ContactPoint): string[] {
  switch (cp.kind) {
    case "phone":
      return [`TEL;TYPE=work,voice;VALUE=uri:${telUri(cp)}`];
    case "email":
      return [`EMAIL;TYPE=work:${escapeText(cp.address)}`];
    case "visiting_address":
    case "postal_address": {
      // ADR: post office box; extended address; street; locality; region; postal code; country
      const parts = ["", cp.careOf ?? "", cp.street, cp.town, "", cp.postcode, "Sverige"].map(escapeText);
      return [`ADR;TYPE=work:${parts.join(";")}`];
    }
    case "web":
    case "chat":
    case "social":
      return [`URL:${cp.url}`];
  }
}

function card(fn: string, orgPath: string[], lines: string[], note?: string): string {
  const all = [
    "BEGIN:VCARD",
    "VERSION:4.0",
    "KIND:org",
    `FN:${escapeText(fn)}`,
    `ORG:${orgPath.map(escapeText).join(";")}`,
    ...lines,
    ...(note ? [`NOTE:${escapeText(note)}`] : []),
    "END:VCARD",
  ];
  return `${all.map(foldLine).join("\r\n")}\r\n`;
}

function orgPathOf(unit: Unit, snapshot: DirectorySnapshot): string[] {
  return [snapshot.org.name, ...ancestry(unit.id, indexSnapshot(snapshot)).reverse().map((u) => u.name)];
}

/** The unit's card; a unit without its own phone or mailbox carries the contact it falls back to. */
export function unitToVCard(unitId: Uuid, snapshot: DirectorySnapshot): string | null {
  const index = indexSnapshot(snapshot);
  const unit = index.unitsById.get(unitId);
  if (!unit) return null;
  const points = index.contactPointsByUnit.get(unit.id) ?? [];
  let lines = points.flatMap(propertiesOf);
  let note: string | undefined;
  if (!points.some((p) => p.kind === "phone" || p.kind === "email")) {
    const resolved = resolveReachableContact(unit, snapshot).contact;
    if (resolved) {
      lines = [...lines, ...[resolved.phone, resolved.email].filter((p) => p !== undefined).flatMap(propertiesOf)];
      note = `Kontakt via ${resolved.unitName}`;
    }
  }
  const phoneHours = points.find((p) => p.kind === "phone" && p.openingHours)?.openingHours;
  if (phoneHours) note = [note, `Telefontider: ${describeHours(phoneHours, "sv")}`].filter(Boolean).join(". ");
  return card(`${unit.name}, ${snapshot.org.name}`, orgPathOf(unit, snapshot), lines, note);
}

/** A card for one contact point ("Ring kontaktcenter" → save to phone). */
export function contactPointToVCard(contactPointId: Uuid, snapshot: DirectorySnapshot): string | null {
  const cp = snapshot.contactPoints.find((c) => c.id === contactPointId);
  const unit = cp ? indexSnapshot(snapshot).unitsById.get(cp.unitId) : undefined;
  if (!cp || !unit) return null;
  const note = cp.openingHours ? `Öppettider: ${describeHours(cp.openingHours, "sv")}` : undefined;
  return card(`${cp.label ?? unit.name}, ${snapshot.org.name}`, orgPathOf(unit, snapshot), propertiesOf(cp), note);
}
