-- Registration (diarieföring): diary series, gap-free numbers per series and
-- year, the register itself and the registrar's flags. OSL 5 kap.: secret
-- records, and removed rule-breaking comments, must be registered; the rest
-- may be "kept in order". The register is a public record: append-only.

create table diary_series (
  org_id uuid not null references organisations(id),
  -- e.g. 'KS' (kommunstyrelsen), 'KOM' (kommunikationsavdelningen)
  code text not null check (code ~ '^[A-ZÅÄÖ0-9]{1,8}$'),
  name text not null check (length(name) between 1 and 200),
  unit_id uuid,
  created_at timestamptz not null default now(),
  primary key (org_id, code)
);

-- The last number used per series and year. Taken with an UPDATE in the
-- registering transaction: the row lock serialises concurrent registrations
-- and a rolled-back registration gives its number back, so numbers have no gaps.
create table diary_counters (
  org_id uuid not null,
  series text not null,
  year int not null check (year between 1900 and 9999),
  last_number int not null default 0,
  primary key (org_id, series, year),
  foreign key (org_id, series) references diary_series(org_id, code)
);

create table registrations (
  org_id uuid not null,
  id uuid not null default gen_random_uuid(),
  series text not null,
  year int not null,
  number int not null check (number > 0),
  -- 'KS 2026/00123'
  diary_number text not null,
  -- The captured item registered (null for a record registered without one).
  item_id uuid,
  -- Why it was registered: secret, removed_rule_breaking, matter, registrar_flag, manual.
  reasons text[] not null check (reasons <@ array['secret', 'removed_rule_breaking', 'matter', 'registrar_flag', 'manual']::text[] and cardinality(reasons) > 0),
  received_at date not null,
  sender text not null check (length(sender) between 1 and 300),
  -- Must not contain the sensitive data itself (checked by the application with the analyzer).
  subject text not null check (length(subject) between 1 and 500),
  unit_id uuid,
  -- Class in the city's classification scheme (klassificeringsstruktur), e.g. '1.4.2'.
  classification text not null check (length(classification) between 1 and 50),
  -- e.g. 'Sekretess enligt 21 kap. 7 § OSL' (sekretessmarkering); null when not secret.
  secrecy_note text,
  -- Diary number of the matter this record belongs to, if any.
  matter text,
  registered_by uuid,
  registered_by_label text not null,
  registered_at timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, series, year, number),
  unique (org_id, diary_number),
  foreign key (org_id, series) references diary_series(org_id, code),
  foreign key (org_id, item_id) references captured_items(org_id, id)
);
create unique index registrations_item on registrations (org_id, item_id) where item_id is not null;
create index registrations_received on registrations (org_id, received_at desc);

-- A registrar's flag: this item must be registered.
create table registration_flags (
  org_id uuid not null,
  item_id uuid not null,
  flagged_by uuid,
  flagged_by_label text not null,
  reason text not null check (length(reason) between 1 and 500),
  at timestamptz not null default now(),
  primary key (org_id, item_id, at),
  foreign key (org_id, item_id) references captured_items(org_id, id)
);

create trigger registrations_append_only before update or delete on registrations
  for each row execute function refuse_change();
create trigger registrations_no_truncate before truncate on registrations
  for each statement execute function refuse_change();
create trigger registration_flags_append_only before update or delete on registration_flags
  for each row execute function refuse_change();
revoke update, delete, truncate on registrations, registration_flags from public;
