// Organisations (municipalities) are the tenants. Their id is part of every
// table's key and every query.
import { AppError } from "./errors.ts";
import type { Queryable } from "./db/pool.ts";

export interface Organisation {
  id: string;
  slug: string;
  name: string;
  domains: string[];
}

export async function listOrganisations(db: Queryable): Promise<Organisation[]> {
  const r = await db.query("select id, slug, name, domains from organisations order by name");
  return r.rows as Organisation[];
}

export async function getOrganisation(db: Queryable, idOrSlug: string): Promise<Organisation | undefined> {
  const isUuid = /^[0-9a-f-]{36}$/i.test(idOrSlug);
  const r = await db.query(
    `select id, slug, name, domains from organisations where ${isUuid ? "id = $1::uuid" : "slug = $1"}`,
    [idOrSlug],
  );
  return r.rows[0] as Organisation | undefined;
}

export async function createOrganisation(
  db: Queryable,
  o: { slug: string; name: string; domains?: string[] },
): Promise<Organisation> {
  try {
    const r = await db.query(
      "insert into organisations (slug, name, domains) values ($1, $2, $3) returning id, slug, name, domains",
      [o.slug, o.name, o.domains ?? []],
    );
    return r.rows[0] as Organisation;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === "23505") throw new AppError("conflict", { public: { field: "slug" } });
    if (code === "23514") throw new AppError("validation_failed", { public: { field: "slug" } });
    throw e;
  }
}
