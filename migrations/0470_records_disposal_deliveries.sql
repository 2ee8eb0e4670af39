-- Disposal removes a delivery body (the platform's webhook or API payload,
-- which may carry several items) only when the last capture version that
-- refers to it is disposed. Both the disposal run and the guard trigger on
-- capture_deliveries (0440) ask "does any version still refer to this body?"
-- and "did the disposal log take a version of it?": without these indexes
-- each question is a scan of every version ever captured, per body.
create index if not exists capture_versions_delivery on capture_versions (org_id, delivery_sha256) where delivery_sha256 is not null;
create index if not exists disposed_versions_delivery on disposed_versions (org_id, delivery_sha256) where delivery_sha256 is not null;
