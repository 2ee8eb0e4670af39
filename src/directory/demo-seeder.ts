// Demo directory for `npm start` and `vaxel demo reset`: Trollhättans Stad's
// contact center as the seed page describes it (Gärdhemsvägen 9, 461 83
// Trollhättan; Monday–Friday 8:00–16:30), reduced hours (08:00–12:00) on a
// weekday before a public holiday, eves closed, plus fictional units, services
// and functional mailboxes. Replaces the organisation's directory data.
import { withTx, type Pool, type Tx } from "../platform/db/pool.ts";
import { recordAuditEvent, SYSTEM_ACTOR } from "../platform/audit/index.ts";
import { DEMO_SEEDERS } from "../platform/demo.ts";
import { DEMO_IDS, demoSnapshot, normalizeContactPoint, type ContactPoint, type DirectorySnapshot } from "./domain/index.ts";
import { syncLive } from "./feed/sync-live.ts";
import type { EntityByKind, EntityKind } from "./store/codecs.ts";
import { publishDraft, writeDraft } from "./store/versions.ts";
import { lockDirectory } from "./use-cases/context.ts";

/** Fictional functional contacts beyond the domain demo (all within trollhattan.se and 0520-49). */
function extraContactPoints(orgId: string): ContactPoint[] {
  const v = { verifiedAt: new Date("2026-06-15T08:00:00Z"), verifiedBy: "demo", reviewIntervalMonths: 12 };
  return [
    { id: "7c0f3a52-5d2e-4f43-9a57-2f4b1d1a1101", orgId, unitId: DEMO_IDS.gata, kind: "email", label: "Felanmälan gata och park", address: "gatuparkforvaltning@trollhattan.se", primary: true, verification: v },
    { id: "7c0f3a52-5d2e-4f43-9a57-2f4b1d1a1102", orgId, unitId: DEMO_IDS.gata, kind: "phone", label: "Felanmälan", number: "0520-49 70 00", verification: v },
    { id: "7c0f3a52-5d2e-4f43-9a57-2f4b1d1a1103", orgId, unitId: DEMO_IDS.forskolaNorr, kind: "email", label: "Förskola Norr", address: "forskola.norr@trollhattan.se", verification: v },
    // Never reviewed: shows up in the review queue.
    { id: "7c0f3a52-5d2e-4f43-9a57-2f4b1d1a1104", orgId, unitId: DEMO_IDS.samhallsbyggnad, kind: "email", label: "Samhällsbyggnadsförvaltningen", address: "samhallsbyggnad@trollhattan.se", verification: { verifiedAt: null, verifiedBy: null, reviewIntervalMonths: 12 } },
    { id: "7c0f3a52-5d2e-4f43-9a57-2f4b1d1a1105", orgId, unitId: DEMO_IDS.utbildning, kind: "web", label: "Förskola och skola", url: "https://www.trollhattan.se/forskola-och-skola/", verification: { ...v, verifiedAt: new Date("2025-01-10T08:00:00Z") } },
  ];
}

export function demoDirectory(orgId: string): DirectorySnapshot {
  const s = demoSnapshot();
  const withOrg = <T extends { orgId: string }>(x: T): T => ({ ...x, orgId });
  return {
    org: { ...s.org, id: orgId },
    units: s.units.map(withOrg),
    contactPoints: [...s.contactPoints.map(withOrg), ...extraContactPoints(orgId)].map((c) => normalizeContactPoint(c)),
    services: s.services.map(withOrg),
    externalActors: s.externalActors.map(withOrg),
  };
}

const TABLES = ["dir_profile_versions", "dir_unit_versions", "dir_contact_point_versions", "dir_service_versions", "dir_external_actor_versions", "dir_verifications", "dir_live", "dir_changes", "dir_search", "dir_embed_usage", "dir_reminders", "dir_feed_state"];

async function clearDirectory(tx: Tx, orgId: string): Promise<void> {
  for (const t of TABLES) await tx.query(`delete from ${t} where org_id = $1`, [orgId]);
  await tx.query("delete from dir_entities where org_id = $1", [orgId]);
}

async function put<K extends EntityKind>(tx: Tx, orgId: string, kind: K, entity: EntityByKind[K]): Promise<void> {
  await writeDraft(tx, { orgId, kind, entity, actorLabel: "demo" });
  await publishDraft(tx, { orgId, kind, id: entity.id, effectiveAt: null, actorLabel: "demo" });
}

export async function seedDemoDirectory(pool: Pool, orgId: string): Promise<void> {
  const d = demoDirectory(orgId);
  await withTx(pool, async (tx) => {
    await lockDirectory(tx, orgId);
    await clearDirectory(tx, orgId);
    await put(tx, orgId, "profile", d.org);
    for (const u of d.units) await put(tx, orgId, "unit", u);
    for (const c of d.contactPoints) {
      await put(tx, orgId, "contact_point", c);
      if (c.verification.verifiedAt) {
        await tx.query("insert into dir_verifications (org_id, contact_point_id, verified_at, verified_by) values ($1, $2, $3, $4)", [orgId, c.id, c.verification.verifiedAt, c.verification.verifiedBy ?? "demo"]);
      }
    }
    for (const a of d.externalActors) await put(tx, orgId, "external_actor", a);
    for (const s of d.services) await put(tx, orgId, "service", s);
    await recordAuditEvent(tx, { orgId, actor: SYSTEM_ACTOR, action: "directory.demo_loaded", targetType: "directory", after: { units: d.units.length, contactPoints: d.contactPoints.length, services: d.services.length } });
    await syncLive(tx, orgId);
  });
}

if (!DEMO_SEEDERS.some((s) => s.name === "directory")) {
  DEMO_SEEDERS.push({ name: "directory", seed: seedDemoDirectory });
}
