-- Capture must not slow down as its tables grow. The redelivery check looked
-- a version up before inserting it; with the statistics of a table that grows
-- from nothing to many thousands of rows in minutes, the planner (and the plan
-- PL/pgSQL caches for the session) chose the (org_id, received_at) index and
-- scanned every version of the organisation per change. Now the insert itself
-- decides: ON CONFLICT on the unique key (org_id, channel_id,
-- platform_item_id, version_key) has no plan to get wrong. The chain position
-- is taken only when the row was inserted. The unused index goes (the records
-- module adds the indexes its searches need).

drop index capture_versions_received;

create or replace function capture_batch(p jsonb)
returns table (batch int, version_id uuid, item_id uuid, platform_item_id text, seq bigint, event text, has_text boolean, duplicate boolean)
language plpgsql as $$
#variable_conflict use_column
declare
  g jsonb;
  c jsonb;
  v_org uuid;
  v_channel uuid;
  v_seq bigint;
  v_prev text;
  v_item uuid;
  v_id uuid;
  v_hash text;
  v_ptime timestamptz;
  v_recv timestamptz;
  v_hidden boolean;
  st record;
begin
  insert into capture_deliveries (org_id, body_sha256, platform, source, received_at, signature, body)
  select (d->>'org')::uuid, d->>'sha', d->>'platform', d->>'source', (d->>'receivedAt')::timestamptz, d->>'signature', decode(d->>'body', 'base64')
    from jsonb_array_elements(p->'deliveries') d
  on conflict do nothing;

  for g in select x from jsonb_array_elements(p->'groups') x loop
    v_org := (g->>'org')::uuid;
    v_channel := (g->>'channel')::uuid;
    -- One writer per channel at a time: each link needs the previous one.
    perform pg_advisory_xact_lock(hashtextextended('capture:' || v_channel::text, 0));

    insert into captured_items (org_id, channel_id, platform, platform_item_id, kind, post_platform_id, parent_platform_id)
    select v_org, v_channel, i->>'platform', i->>'pid', i->>'kind', i->>'post', i->>'parent'
      from jsonb_array_elements(g->'items') i
    on conflict do nothing;

    select cv.seq, cv.hash into v_seq, v_prev
      from capture_versions cv where cv.org_id = v_org and cv.channel_id = v_channel order by cv.seq desc limit 1;
    v_seq := coalesce(v_seq, 0);
    v_prev := coalesce(v_prev, 'genesis');

    for c in select x from jsonb_array_elements(g->'changes') x loop
      select ci.id into v_item from captured_items ci
       where ci.org_id = v_org and ci.channel_id = v_channel and ci.platform_item_id = c->>'pid';
      v_hidden := (c->>'hidden')::boolean;

      -- A snapshot (poll, backfill, import) that shows the state we have adds nothing.
      if c->>'event' = 'snapshot' then
        select s.text, s.hidden, s.removed into st from captured_item_state s where s.org_id = v_org and s.item_id = v_item;
        if found and not st.removed and st.text is not distinct from (c->>'text') and st.hidden = coalesce(v_hidden, false) then
          return query select (c->>'batch')::int, null::uuid, v_item, c->>'pid', null::bigint, c->>'event', false, true;
          continue;
        end if;
      end if;

      v_id := gen_random_uuid();
      v_ptime := (c->>'platformTime')::timestamptz;
      v_recv := (c->>'receivedAt')::timestamptz;
      v_hash := capture_version_hash(v_prev, v_org, v_channel, v_seq + 1, v_id, v_item, c->>'pid', c->>'key', c->>'event', c->>'source',
        v_ptime, v_recv, c->>'authorId', c->>'authorName', c->>'text', v_hidden, c->>'url', c->>'delivery', c->>'contentHash');
      insert into capture_versions (org_id, channel_id, seq, id, item_id, platform_item_id, version_key, event, source, platform_time,
        received_at, author_platform_id, author_name, text, hidden, url, delivery_sha256, raw, content_hash, prev_hash, hash)
      values (v_org, v_channel, v_seq + 1, v_id, v_item, c->>'pid', c->>'key', c->>'event', c->>'source', v_ptime,
        v_recv, c->>'authorId', c->>'authorName', c->>'text', v_hidden, c->>'url', c->>'delivery', c->>'raw', c->>'contentHash', v_prev, v_hash)
      on conflict (org_id, channel_id, platform_item_id, version_key) do nothing;
      if not found then
        -- Redelivery: this version of this item is captured already.
        return query select (c->>'batch')::int, null::uuid, v_item, c->>'pid', null::bigint, c->>'event', false, true;
        continue;
      end if;
      v_seq := v_seq + 1;
      if (c->>'hasText')::boolean then
        insert into capture_analysis_queue (org_id, version_id) values (v_org, v_id) on conflict do nothing;
      end if;
      v_prev := v_hash;
      return query select (c->>'batch')::int, v_id, v_item, c->>'pid', v_seq, c->>'event', (c->>'hasText')::boolean, false;
    end loop;
  end loop;
end $$;
