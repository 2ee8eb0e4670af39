// What the analyzer needs for an item: the page rules of the version its
// channel is bound to, and the organisation's official identity from the
// directory (every published phone, e-mail and domain, so `misleading` and
// `personal_data` know what is the city's own). Cached per organisation and
// rules version; a directory change drops the organisation's entries, so the
// next analysis uses the new profile.
import { createHash } from "node:crypto";
import { DEFAULT_PAGE_RULES, type OrgProfile } from "../../analysis/index.ts";
import { loadSnapshot, officialContacts, type DirectorySnapshot } from "../../directory/index.ts";
import type { Pool } from "../../platform/db/pool.ts";
import { loadPageRules } from "../registry/page-rules.ts";
import type { AnalyzerSpec } from "./thread-protocol.ts";

/** The published directory and its change notifications (in the app: the directory runtime's cache and LISTEN). */
export interface OrgDirectory {
  snapshot(orgId: string): Promise<DirectorySnapshot>;
  onChange(fn: (orgId: string) => void): void;
}

export interface SpecSource {
  get(orgId: string, rulesVersion: string): Promise<AnalyzerSpec>;
  /** Drop what is cached for the organisation (the directory changed). */
  invalidate(orgId: string): void;
}

/** Bounds the damage of a lost notification, as the directory's own cache does. */
const SAFETY_TTL_MS = 5 * 60_000;

/** Without the app's directory runtime (CLI): read the published directory directly. */
export function directFromDatabase(pool: Pool): OrgDirectory {
  return { snapshot: (orgId) => loadSnapshot(pool, orgId, { mode: "live" }), onChange: () => undefined };
}

export function createSpecSource(o: { pool: Pool; directory: () => OrgDirectory }): SpecSource {
  const cache = new Map<string, { orgId: string; until: number; spec: Promise<AnalyzerSpec> }>();
  let subscribed = false;

  function invalidate(orgId: string): void {
    for (const [k, e] of cache) if (e.orgId === orgId) cache.delete(k);
  }

  async function build(orgId: string, rulesVersion: string): Promise<AnalyzerSpec> {
    const [rules, snapshot] = await Promise.all([loadPageRules(o.pool, orgId, rulesVersion), o.directory().snapshot(orgId)]);
    // A channel is only ever bound to a published version (add/bind refuse others);
    // should one be missing, the defaults apply and the analysis says so.
    const used = rules ?? DEFAULT_PAGE_RULES;
    const c = officialContacts(snapshot);
    const org: OrgProfile = { name: c.name, domains: c.domains, phones: c.phones, emails: c.emails };
    const slot = `${orgId}|${used.version}`;
    const hash = createHash("sha256").update(JSON.stringify([org, used])).digest("base64url").slice(0, 16);
    return { key: `${slot}|${hash}`, slot, rulesVersion: used.version, org, rules: used };
  }

  return {
    invalidate,
    get(orgId, rulesVersion) {
      if (!subscribed) {
        subscribed = true;
        o.directory().onChange(invalidate);
      }
      const k = `${orgId}|${rulesVersion}`;
      const hit = cache.get(k);
      if (hit && Date.now() < hit.until) return hit.spec;
      // Cached while loading too: invalidate() drops a load that a change overtook.
      const spec = build(orgId, rulesVersion);
      const entry = { orgId, until: Date.now() + SAFETY_TTL_MS, spec };
      cache.set(k, entry);
      spec.catch(() => cache.get(k) === entry && cache.delete(k));
      return spec;
    },
  };
}
