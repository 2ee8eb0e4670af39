-- Records requests (utlämnande av allmän handling): a request, the items
-- selected for it (with the exact version disclosed), redactions proposed by
-- the analyzer or added by the registrar, each with its OSL ground, and the
-- registrar's confirmation. Work tables while the request is open; the
-- confirmed decision — what was disclosed and what was withheld on which
-- ground — is appended to the archive stream 'records.requests' and kept.

create table records_requests (
  org_id uuid not null references organisations(id),
  id uuid not null default gen_random_uuid(),
  -- What was asked for, in the requester's words. The requester may stay anonymous (TF 2:18).
  description text not null check (length(description) between 1 and 2000),
  requester text check (requester is null or length(requester) <= 300),
  received_at date not null,
  status text not null default 'open' check (status in ('open', 'confirmed')),
  created_by text not null,
  created_at timestamptz not null default now(),
  confirmed_by text,
  confirmed_at timestamptz,
  primary key (org_id, id)
);

create table records_request_items (
  org_id uuid not null,
  request_id uuid not null,
  item_id uuid not null,
  -- The version whose text is disclosed (the current text when selected).
  version_id uuid references capture_versions(id),
  primary key (org_id, request_id, item_id),
  foreign key (org_id, request_id) references records_requests(org_id, id),
  foreign key (org_id, item_id) references captured_items(org_id, id)
);

create table records_request_redactions (
  org_id uuid not null,
  id uuid not null default gen_random_uuid(),
  request_id uuid not null,
  item_id uuid not null,
  -- UTF-16 offsets into the disclosed version's text.
  span_start int not null check (span_start >= 0),
  span_end int not null,
  kind_sv text not null check (length(kind_sv) between 1 and 200),
  -- e.g. '21 kap. 7 § OSL'
  ground text not null check (length(ground) between 1 and 200),
  source text not null check (source in ('analyzer', 'registrar')),
  rule_id text,
  state text not null default 'proposed' check (state in ('proposed', 'confirmed', 'rejected')),
  decided_by text,
  decided_at timestamptz,
  primary key (org_id, id),
  check (span_end > span_start),
  foreign key (org_id, request_id, item_id) references records_request_items(org_id, request_id, item_id)
);
create index records_request_redactions_item on records_request_redactions (org_id, request_id, item_id, span_start);
