-- How a reported item looked: a PNG screenshot (Chromium, headless) of the
-- captured copy, made after the report commits (a browser must not hold the
-- decision's transaction open). Append-only like the report itself.
create table police_report_renderings (
  org_id uuid not null,
  report_id uuid not null references police_reports(id),
  png bytea not null,
  png_sha256 text not null check (png_sha256 ~ '^[0-9a-f]{64}$'),
  width int not null,
  height int not null,
  renderer text not null,
  at timestamptz not null default now(),
  primary key (org_id, report_id)
);
create trigger police_report_renderings_append_only before update or delete on police_report_renderings for each row execute function refuse_change();
create trigger police_report_renderings_no_truncate before truncate on police_report_renderings for each statement execute function refuse_change();
revoke update, delete, truncate on police_report_renderings from public;
