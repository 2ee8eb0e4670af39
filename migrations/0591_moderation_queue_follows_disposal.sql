-- The moderation queue projection (0510) is a cache of items that need a
-- person; an item disposed of under a disposal rule (records/disposal) no
-- longer exists, so neither may its queue row or dirty mark: a row left
-- behind was counted in the queue totals and listed without its item.
-- Cascading from the item keeps disposal ignorant of moderation's cache.
-- Numbered after 0510 because the queue tables must exist.
delete from moderation_queue q where not exists (select 1 from captured_items i where i.org_id = q.org_id and i.id = q.item_id);
delete from moderation_queue_dirty d where not exists (select 1 from captured_items i where i.org_id = d.org_id and i.id = d.item_id);
alter table moderation_queue add constraint moderation_queue_item
  foreign key (org_id, item_id) references captured_items (org_id, id) on delete cascade;
alter table moderation_queue_dirty add constraint moderation_queue_dirty_item
  foreign key (org_id, item_id) references captured_items (org_id, id) on delete cascade;
