import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import { parseQueueNote, queueNote } from "./queue-note.ts";

test("queue notes carry ids for small changes and stay under PostgreSQL's 8,000-byte payload limit", () => {
  const org = randomUUID();
  const ids = Array.from({ length: 100 }, () => randomUUID());
  const note = queueNote(org, ids);
  assert.ok(Buffer.byteLength(note) < 8000);
  assert.deepEqual(parseQueueNote(note), { orgId: org, itemIds: ids });
  assert.equal(queueNote(org, [...ids, randomUUID()]), org, "a flood: only the organisation");
  assert.deepEqual(parseQueueNote(queueNote(org, [])), { orgId: org, itemIds: [] });
});
