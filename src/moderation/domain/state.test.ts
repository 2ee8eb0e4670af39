import assert from "node:assert/strict";
import { test } from "node:test";
import { deriveState, queueView, type DecisionEvent } from "./state.ts";

let seq = 0;
function ev(kind: DecisionEvent["kind"], o: Partial<DecisionEvent> = {}): DecisionEvent {
  seq++;
  return { id: `e${seq}`, seq, kind, ruleId: "threat", legalBasis: "bbs-5", reason: null, actorId: "u1", actorLabel: "mod", refId: null, needsConfirmation: false, at: new Date(1_700_000_000_000 + seq * 1000), ...o };
}
const analysis = { analysedAt: new Date(1_700_000_000_000), action: "hide_escalate" };

test("a system hide + escalate lands in the escalated view; a person's hide settles it", () => {
  const sys = [ev("hide", { actorId: null }), ev("escalate", { actorId: null })];
  let s = deriveState(sys);
  assert.equal(s.visibility, "hidden");
  assert.equal(queueView(s, analysis), "escalated");
  s = deriveState([...sys, ev("hide")]);
  assert.equal(queueView(s, analysis), null);
  assert.equal(s.visibility, "hidden");
});

test("an automatic hide waits for a person; keep restores visibility", () => {
  const sys = ev("hide", { actorId: null, ruleId: "personal_data", legalBasis: "page-rule" });
  assert.equal(queueView(deriveState([sys]), { ...analysis, action: "hide" }), "auto_hidden");
  const s = deriveState([sys, ev("keep")]);
  assert.equal(s.visibility, "visible");
  assert.equal(queueView(s, { ...analysis, action: "hide" }), null);
});

test("criticism guard: a pending removal changes nothing until confirmed; decline keeps it visible", () => {
  const pending = ev("hide", { needsConfirmation: true, ruleId: "insult", legalBasis: "page-rule" });
  let s = deriveState([pending]);
  assert.equal(s.visibility, "visible");
  assert.equal(queueView(s, analysis), "pending_confirmation");
  s = deriveState([pending, ev("confirm", { refId: pending.id, actorId: "u2" })]);
  assert.equal(s.visibility, "hidden");
  assert.equal(queueView(s, analysis), null);
  s = deriveState([pending, ev("decline", { refId: pending.id, actorId: "u2" })]);
  assert.equal(s.visibility, "visible");
  assert.equal(s.pending, null);
});

test("undo is a new event: undoing a hide restores, undoing a keep reopens the review", () => {
  const hide = ev("hide");
  assert.equal(deriveState([hide, ev("undo", { refId: hide.id })]).visibility, "visible");
  const keep = ev("keep", { ruleId: "profanity", legalBasis: "page-rule" });
  const s = deriveState([keep, ev("undo", { refId: keep.id })]);
  assert.equal(queueView(s, { analysedAt: new Date(0), action: "review" }), "needs_review");
});

test("a new analysis after the last review (an edit) reopens the item; a deleted item never does", () => {
  const keep = ev("keep");
  assert.equal(queueView(deriveState([keep]), { analysedAt: new Date(keep.at.getTime() + 5000), action: "review" }), "needs_review");
  assert.equal(queueView(deriveState([ev("delete")]), { analysedAt: new Date(Date.now() + 1e9), action: "review" }), null);
});
