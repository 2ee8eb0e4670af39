-- Archival packages delivered to the e-archive (E-ARK CSIP / FGS 2.0 shaped):
-- which period, where, and the SHA-256 of the package's METS.xml, so the
-- half-yearly snapshot schedule knows what is done and a package can be
-- checked against what was recorded when it was made. Append-only.
create table archive_exports (
  org_id uuid not null references organisations(id),
  id uuid not null default gen_random_uuid(),
  package_id text not null,
  period_from date,
  period_to date,
  out_path text not null,
  mets_sha256 text not null check (mets_sha256 ~ '^[0-9a-f]{64}$'),
  files int not null,
  items int not null,
  -- 'manual' (vaxel records export) or 'snapshot' (the schedule).
  kind text not null check (kind in ('manual', 'snapshot')),
  created_by text not null,
  created_at timestamptz not null default now(),
  primary key (org_id, id)
);
create index archive_exports_period on archive_exports (org_id, kind, period_to desc);
create trigger archive_exports_append_only before update or delete on archive_exports for each row execute function refuse_change();
revoke update, delete, truncate on archive_exports from public;
