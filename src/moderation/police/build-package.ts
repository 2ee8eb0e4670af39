// The police report package: everything the police need to assess a crime on
// the city's page, frozen at creation (JSON + SHA-256 stored with the report):
// the text, the author's profile and ids, URLs, platform and capture times,
// the thread around it, every captured version with its links in the
// channel's hash chain and a fresh verification of that chain (the proof that
// the copy is unaltered), and the decisions taken.
import { canonicalJson, sha256Hex, verifyCaptureChain } from "../../records/capture/index.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { RULE_LABELS, isRuleId } from "../domain/rules.ts";
import { loadItemContext } from "../use-cases/item-context.ts";

export const PACKAGE_SCHEMA = "vaxel.police-report/1";

export async function buildPolicePackage(db: Queryable, o: { orgId: string; itemId: string; ruleId: string; createdBy: string; now?: Date }): Promise<{ pkg: Record<string, unknown>; sha256: string }> {
  const c = await loadItemContext(db, o.orgId, o.itemId);
  if (!c) throw new Error("item not found");
  const org = (await db.query<{ name: string; slug: string }>("select name, slug from organisations where id = $1", [o.orgId])).rows[0];
  const channel = (await db.query<{ name: string; platform: string; external_id: string; url: string | null }>(
    "select name, platform, external_id, url from channels where org_id = $1 and id = $2", [o.orgId, c.item.channelId])).rows[0]!;
  const versions = await db.query<{ seq: string; id: string; event: string; source: string; platform_time: Date | null; received_at: Date; author_platform_id: string | null; author_name: string | null; text: string | null; hidden: boolean | null; url: string | null; content_hash: string; prev_hash: string; hash: string }>(
    `select seq, id, event, source, platform_time, received_at, author_platform_id, author_name, text, hidden, url, content_hash, prev_hash, hash
       from capture_versions where org_id = $1 and item_id = $2 order by seq`, [o.orgId, o.itemId]);
  const chain = await verifyCaptureChain(db, o.orgId, c.item.channelId);
  const head = (await db.query<{ seq: string; hash: string }>("select seq, hash from capture_versions where org_id = $1 and channel_id = $2 order by seq desc limit 1", [o.orgId, c.item.channelId])).rows[0];
  const rule = isRuleId(o.ruleId) ? o.ruleId : "threat";
  const pkg = {
    schema: PACKAGE_SCHEMA,
    createdAt: (o.now ?? new Date()).toISOString(),
    createdBy: o.createdBy,
    organisation: { name: org?.name ?? "", slug: org?.slug ?? "" },
    offence: {
      rule, ruleLabelSv: RULE_LABELS[rule].sv, legalBasis: "bbs-5",
      findings: (c.analysis?.findings ?? []).map((f) => ({ category: f.category, ruleId: f.ruleId, legalBasis: f.legalBasis, evidence: f.evidence, start: f.start, end: f.end, confidence: f.confidence })),
    },
    item: {
      id: c.item.id, platform: c.item.platform, platformItemId: c.item.platformItemId, kind: c.item.kind, url: c.item.url,
      postPlatformId: c.item.postPlatformId, parentPlatformId: c.item.parentPlatformId, text: c.item.text,
      firstCapturedAt: c.item.firstCapturedAt.toISOString(), hiddenOnPlatform: c.item.platformHidden, removedOnPlatform: c.item.platformRemoved,
    },
    author: {
      platformId: c.item.authorPlatformId, name: c.item.authorName,
      profileUrl: c.item.platform === "facebook" && c.item.authorPlatformId ? `https://www.facebook.com/${c.item.authorPlatformId}` : null,
      strikes: c.standing.strikes, warned: c.standing.warned, banned: c.standing.banned,
      history: c.history.map((h) => ({ itemId: h.itemId, decision: h.kind, rule: h.ruleId, at: h.at.toISOString(), text: h.text })),
    },
    channel: { id: c.item.channelId, name: channel.name, platform: channel.platform, accountId: channel.external_id, url: channel.url },
    versions: versions.rows.map((v) => ({
      seq: Number(v.seq), id: v.id, event: v.event, source: v.source, platformTime: v.platform_time?.toISOString() ?? null, capturedAt: v.received_at.toISOString(),
      authorPlatformId: v.author_platform_id, authorName: v.author_name, text: v.text, hidden: v.hidden, url: v.url, contentHash: v.content_hash, prevHash: v.prev_hash, hash: v.hash,
    })),
    thread: c.thread.map((t) => ({ itemId: t.id, kind: t.kind, authorName: t.authorName, text: t.text, capturedAt: t.at.toISOString(), isReported: t.self })),
    chainProof: {
      method: "SHA-256 hash chain per channel: hash = SHA-256(prev_hash ‖ fields ‖ content_hash), recomputed in PostgreSQL (capture_version_hash) from the first link to the head",
      verified: chain.ok, checkedLinks: chain.checked, firstBreak: chain.firstBreak ?? null,
      head: head ? { seq: Number(head.seq), hash: head.hash } : null,
    },
    decisions: c.decisions.map((d) => ({ id: d.id, kind: d.kind, rule: d.ruleId, legalBasis: d.legalBasis, reason: d.reason, actor: d.actorId ? d.actorLabel : "system", at: d.at.toISOString() })),
  };
  return { pkg, sha256: sha256Hex(canonicalJson(pkg)) };
}
