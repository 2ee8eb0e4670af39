// `vaxel records verify`: every chain of an organisation — each channel's
// capture chain, the audit chain, every archive stream (decisions, replies,
// block lists, registrations, disposal log) — and the signed checkpoints.
// Reports, per chain, the first broken link and what was altered, and fails
// when a chain is shorter than a checkpoint says it was (tail cut off) or its
// row at a checkpoint no longer has the checkpointed hash (rows altered and
// the chain recomputed forward).
import type { Queryable } from "../../platform/db/pool.ts";
import { verifyAuditChain } from "../../platform/audit/index.ts";
import { checkpointKey, signHead, type ChainKind } from "./checkpoints.ts";
import { verifyArchiveStream } from "./verify-archive-stream.ts";
import { verifyCaptureChainWithDisposal } from "./verify-capture-chain.ts";

export interface ChainBreakReport {
  seq: number;
  kind: string;
  expected: string;
  actual: string;
  /** What the broken row says now, to show what was altered. */
  detail?: Record<string, unknown>;
}

export interface ChainCheck {
  chain: ChainKind;
  chainKey: string;
  label: string;
  checked: number;
  ok: boolean;
  firstBreak?: ChainBreakReport;
}

export interface VerifyReport {
  ok: boolean;
  chains: ChainCheck[];
  checkpoints: { checked: number; ok: boolean; firstBreak?: ChainBreakReport };
}

async function captureDetail(db: Queryable, orgId: string, channelId: string, seq: number): Promise<Record<string, unknown> | undefined> {
  const r = await db.query<{ platform_item_id: string; version_key: string; event: string; received_at: Date; text: string | null; author_name: string | null; raw: string }>(
    `select platform_item_id, version_key, event, received_at, text, author_name, raw
       from capture_versions where org_id = $1 and channel_id = $2 and seq = $3`, [orgId, channelId, seq]);
  const row = r.rows[0];
  if (!row) return undefined;
  const detail: Record<string, unknown> = { platformItemId: row.platform_item_id, versionKey: row.version_key, event: row.event, receivedAt: row.received_at };
  // The raw platform fragment is covered by its own content hash; when only
  // the normalised columns were edited, the fragment shows the original.
  let raw: Record<string, unknown> | null = null;
  try {
    raw = JSON.parse(row.raw) as Record<string, unknown>;
  } catch {
    detail.raw = "unparseable";
  }
  if (raw) {
    const rawText = raw.message ?? raw.text ?? null;
    const from = raw.from as { name?: unknown; username?: unknown } | undefined;
    const rawAuthor = from?.name ?? from?.username ?? raw.sender_name ?? null;
    const altered: Record<string, { stored: unknown; original: unknown }> = {};
    if (typeof rawText === "string" && rawText !== row.text) altered.text = { stored: row.text, original: rawText };
    if (typeof rawAuthor === "string" && rawAuthor !== row.author_name) altered.author_name = { stored: row.author_name, original: rawAuthor };
    if (Object.keys(altered).length) detail.altered = altered;
  }
  return detail;
}

async function auditDetail(db: Queryable, orgId: string, seq: number): Promise<Record<string, unknown> | undefined> {
  const r = await db.query<{ action: string; target_type: string; target_id: string | null; actor_label: string; at: Date }>(
    "select action, target_type, target_id, actor_label, at from audit_events where org_id = $1 and seq = $2", [orgId, seq]);
  const row = r.rows[0];
  return row ? { action: row.action, targetType: row.target_type, targetId: row.target_id, actor: row.actor_label, at: row.at } : undefined;
}

async function archiveDetail(db: Queryable, orgId: string, stream: string, seq: number): Promise<Record<string, unknown> | undefined> {
  const r = await db.query<{ record_type: string; record_id: string; payload: unknown; at: Date }>(
    "select record_type, record_id, payload, at from archive_entries where org_id = $1 and stream = $2 and seq = $3", [orgId, stream, seq]);
  const row = r.rows[0];
  return row ? { recordType: row.record_type, recordId: row.record_id, payload: row.payload, at: row.at } : undefined;
}

/** Verifies every chain and checkpoint of the organisation. `key` is the installation's encryption key. */
export async function verifyRecords(db: Queryable, o: { orgId: string; key: Buffer }): Promise<VerifyReport> {
  const chains: ChainCheck[] = [];
  const heads = new Map<string, { headSeq: number; ok: boolean }>();

  const channels = await db.query<{ id: string; name: string }>("select id, name from channels where org_id = $1 order by name, id", [o.orgId]);
  for (const c of channels.rows) {
    const r = await verifyCaptureChainWithDisposal(db, o.orgId, c.id);
    const check: ChainCheck = { chain: "capture", chainKey: c.id, label: `capture: ${c.name}${r.disposed ? ` (${r.disposed} gallrade / disposed)` : ""}`, checked: r.checked, ok: r.ok };
    if (r.firstBreak) check.firstBreak = { ...r.firstBreak, detail: await captureDetail(db, o.orgId, c.id, r.firstBreak.seq) };
    chains.push(check);
    heads.set(`capture/${c.id}`, { headSeq: r.headSeq, ok: r.ok });
  }

  const audit = await verifyAuditChain(db, o.orgId);
  const auditCheck: ChainCheck = { chain: "audit", chainKey: "", label: "audit", checked: audit.checked, ok: audit.ok };
  if (audit.firstBreak) auditCheck.firstBreak = { ...audit.firstBreak, detail: await auditDetail(db, o.orgId, audit.firstBreak.seq) };
  chains.push(auditCheck);
  heads.set("audit/", { headSeq: audit.checked, ok: audit.ok });

  // Streams known from the entries or from a checkpoint (a stream whose rows
  // were all deleted is then still checked).
  const streams = await db.query<{ stream: string }>(
    `select stream from archive_entries where org_id = $1 group by stream
     union select chain_key from records_checkpoints where org_id = $1 and chain = 'archive' order by 1`, [o.orgId]);
  for (const s of streams.rows) {
    const r = await verifyArchiveStream(db, o.orgId, s.stream);
    const check: ChainCheck = { chain: "archive", chainKey: s.stream, label: `archive: ${s.stream}`, checked: r.checked, ok: r.ok };
    if (r.firstBreak) check.firstBreak = { ...r.firstBreak, detail: await archiveDetail(db, o.orgId, s.stream, r.firstBreak.seq) };
    chains.push(check);
    heads.set(`archive/${s.stream}`, { headSeq: r.headSeq, ok: r.ok });
  }

  await verifyMirrors(db, o.orgId, chains);
  const checkpoints = await verifyCheckpoints(db, o.orgId, checkpointKey(o.key), chains, heads);
  return { ok: chains.every((c) => c.ok) && checkpoints.ok, chains, checkpoints };
}

/**
 * Tables whose rows are copied into an archive stream on insert
 * (archive_mirrors, migrations/0590): each row must equal its archived copy.
 */
async function verifyMirrors(db: Queryable, orgId: string, chains: ChainCheck[]): Promise<void> {
  const exists = await db.query<{ ok: boolean }>("select to_regclass('archive_mirrors') is not null as ok");
  if (!exists.rows[0]?.ok) return;
  const mirrors = await db.query<{ table_name: string; stream: string; key_column: string }>(
    "select table_name, stream, key_column from archive_mirrors where to_regclass(table_name) is not null order by table_name");
  for (const m of mirrors.rows) {
    let check = chains.find((c) => c.chain === "archive" && c.chainKey === m.stream);
    if (!check) {
      check = { chain: "archive", chainKey: m.stream, label: `archive: ${m.stream}`, checked: 0, ok: true };
      chains.push(check);
    }
    check.label = `archive: ${m.stream} (${m.table_name})`;
    if (!check.ok) continue;
    const d = await db.query<{ problem: string; seq: number | null; record_id: string; stored: unknown; archived: unknown }>(
      "select * from archive_mirror_diff($1, $2, $3, $4)", [orgId, m.table_name, m.stream, m.key_column]);
    const p = d.rows[0];
    if (p) {
      check.ok = false;
      check.firstBreak = {
        seq: Number(p.seq ?? 0), kind: p.problem, expected: JSON.stringify(p.archived), actual: JSON.stringify(p.stored),
        detail: { table: m.table_name, recordId: p.record_id, archived: p.archived, stored: p.stored },
      };
    }
  }
}

const HEAD_SQL: Record<ChainKind, string> = {
  capture: `select hash from capture_versions where org_id = $1 and channel_id::text = $2 and seq = $3
            union all select hash from disposed_versions where org_id = $1 and channel_id::text = $2 and seq = $3`,
  audit: "select hash from audit_events where org_id = $1 and $2 = '' and seq = $3",
  archive: "select hash from archive_entries where org_id = $1 and stream = $2 and seq = $3",
};

async function verifyCheckpoints(
  db: Queryable, orgId: string, key: Buffer, chains: ChainCheck[], heads: Map<string, { headSeq: number; ok: boolean }>,
): Promise<VerifyReport["checkpoints"]> {
  const rows = await db.query<{ seq: number; chain: ChainKind; chain_key: string; head_seq: number; head_hash: string; signature: string; prev_hash: string; hash: string; recomputed: string }>(
    `select seq, chain, chain_key, head_seq, head_hash, signature, prev_hash, hash,
            records_checkpoint_hash(prev_hash, org_id, seq, at, chain, chain_key, head_seq, head_hash, signature) as recomputed
       from records_checkpoints where org_id = $1 order by seq`, [orgId]);
  let prev = "genesis";
  let expectedSeq = 1;
  const latest = new Map<string, (typeof rows.rows)[number]>();
  for (const r of rows.rows) {
    const seq = Number(r.seq);
    const fail = (kind: string, expected: string, actual: string) => ({ checked: expectedSeq - 1, ok: false, firstBreak: { seq, kind, expected, actual } });
    if (seq !== expectedSeq) return fail("missing", String(expectedSeq), String(seq));
    if (r.prev_hash !== prev) return fail("prev_hash_mismatch", prev, r.prev_hash);
    if (r.recomputed !== r.hash) return fail("content_altered", r.recomputed, r.hash);
    const sig = signHead(key, orgId, { chain: r.chain, chainKey: r.chain_key, headSeq: Number(r.head_seq), headHash: r.head_hash });
    if (sig !== r.signature) return fail("signature_invalid", sig, r.signature);
    const k = `${r.chain}/${r.chain_key}`;
    if (Number(r.head_seq) >= Number(latest.get(k)?.head_seq ?? -1)) latest.set(k, r);
    prev = r.hash;
    expectedSeq = seq + 1;
  }
  // Each chain against its latest checkpoint: a verified chain must reach at
  // least the checkpointed head, and its row there must carry the same hash.
  for (const [k, cp] of latest) {
    const head = heads.get(k);
    const check = chains.find((c) => `${c.chain}/${c.chainKey}` === k);
    if (head && !head.ok) continue; // already reported as a broken link
    const headSeq = Number(cp.head_seq);
    if (!head || head.headSeq < headSeq) {
      const b: ChainBreakReport = { seq: (head?.headSeq ?? 0) + 1, kind: "truncated", expected: `head ${headSeq}`, actual: `head ${head?.headSeq ?? 0}`, detail: { checkpoint: Number(cp.seq) } };
      if (check) Object.assign(check, { ok: false, firstBreak: b });
      else chains.push({ chain: cp.chain, chainKey: cp.chain_key, label: `${cp.chain}: ${cp.chain_key} (missing)`, checked: 0, ok: false, firstBreak: b });
      continue;
    }
    const at = await db.query<{ hash: string }>(HEAD_SQL[cp.chain], [orgId, cp.chain_key, headSeq]);
    const actual = at.rows[0]?.hash ?? "";
    if (actual !== cp.head_hash && check) {
      Object.assign(check, { ok: false, firstBreak: { seq: headSeq, kind: "checkpoint_mismatch", expected: cp.head_hash, actual, detail: { checkpoint: Number(cp.seq), note: "chain rewritten after the checkpoint" } } });
    }
  }
  return { checked: rows.rows.length, ok: true };
}
