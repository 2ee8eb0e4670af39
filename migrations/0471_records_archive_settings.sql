-- What an archival package says about who delivers it (E-ARK SIP / FGS
-- Paketstruktur 2.0 agents): the municipality's organisation number for the
-- ARCHIVIST and SUBMITTER agents, and the submission agreement and archival
-- reference code the e-archive gave it. One row per organisation, set with
-- `vaxel records archive-settings`; every field optional.
create table archive_settings (
  org_id uuid primary key references organisations(id),
  -- Swedish organisation number, NNNNNN-NNNN (checked with its Luhn digit in the application).
  organisation_number text check (organisation_number ~ '^\d{6}-\d{4}$'),
  submission_agreement text check (length(submission_agreement) between 1 and 300),
  reference_code text check (length(reference_code) between 1 and 300),
  updated_by text not null,
  updated_at timestamptz not null default now()
);

-- Every run of the server's snapshot schedule (records/export/snapshot-schedule.ts):
-- when, by which process, which packages it wrote, or why it failed. Kept
-- (append-only) so the archivist can see the schedule ran.
create table archive_snapshot_runs (
  org_id uuid not null references organisations(id),
  id uuid not null default gen_random_uuid(),
  started_at timestamptz not null,
  finished_at timestamptz not null default now(),
  every_months int not null check (every_months between 1 and 12),
  out_dir text not null,
  status text not null check (status in ('ok', 'failed')),
  -- package ids written by this run (empty when nothing was due)
  packages text[] not null default '{}',
  error text,
  host text not null,
  pid int not null,
  primary key (org_id, id)
);
create index archive_snapshot_runs_recent on archive_snapshot_runs (org_id, finished_at desc);
create trigger archive_snapshot_runs_append_only before update or delete on archive_snapshot_runs for each row execute function refuse_change();
revoke update, delete, truncate on archive_snapshot_runs from public;
