// Every unmasked read of personal data on moderation screens is audited
// (issue #6): moderators see comments as written, so showing one that carries
// a personal-data finding — on the item page, in the police package (JSON,
// PDF), in the queue API or page, or printed by the CLI — leaves a
// `moderation.unmasked_read` audit event naming the items and the screen.
// Comments without such findings leave none; people without moderation rights
// are refused and leave none either.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import path from "node:path";
import { before, describe, test } from "node:test";
import { promisify } from "node:util";
import type { TestApp } from "./helpers/app.ts";
import { moderationOnFacebook, type ModerationOnFacebook } from "./helpers/moderation-on-facebook.ts";

const PNR = "20000229-2399"; // Skatteverket test number (personnummer-testdata)

describe("moderation: unmasked reads of personal data are audited", () => {
  let t: TestApp;
  let m: ModerationOnFacebook;
  let mod: { cookie: string; csrf: string; id: string };
  let viewer: { cookie: string; csrf: string };
  let personal: string;
  let plain: string;

  before(async () => {
    m = await moderationOnFacebook({ post: "Öppet hus på stadsbiblioteket." });
    t = m.t;
    mod = await m.signIn("unmask-mod");
    viewer = await m.signIn("unmask-viewer", ["viewer"]);
    personal = await comment(`Jag ska döda dig. Ditt personnummer är ${PNR}.`);
    plain = await comment("Fy fan vilket skitbibliotek.");
    await m.settle();
  });

  const comment = async (message: string): Promise<string> => (await m.comment(message)).itemId;
  async function readEvents(): Promise<{ actor_label: string; target_id: string | null; after: { items: string[]; via: string } }[]> {
    return (await t.db.pool.query("select actor_label, target_id, after from audit_events where action = 'moderation.unmasked_read' order by seq")).rows;
  }
  const get = (who: { cookie: string }, url: string, json = false) => t.app.inject({ method: "GET", url, headers: { cookie: who.cookie, ...(json ? { accept: "application/json" } : {}) } });

  test("the item page: a comment with a personnummer is audited, one without personal data is not", async () => {
    const before = (await readEvents()).length;
    assert.equal((await get(mod, `/moderation/items/${plain}`)).statusCode, 200);
    assert.equal((await readEvents()).length, before, "no personal data shown: nothing to audit");
    const page = await get(mod, `/moderation/items/${personal}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(PNR), "the moderator sees it unmasked");
    const ev = (await readEvents()).slice(before);
    assert.deepEqual(ev, [{ actor_label: "unmask-mod", target_id: personal, after: { items: [personal], via: "item_page" } }]);
    assert.equal((await get(mod, `/moderation/items/${personal}/render`)).statusCode, 200);
    assert.equal((await readEvents()).at(-1)!.after.via, "item_render");
  });

  test("the queue API and page list the personal-data items they showed", async () => {
    const before = (await readEvents()).length;
    const api = await get(mod, "/api/v1/moderation/queue?view=escalated", true);
    assert.equal(api.statusCode, 200);
    assert.ok((api.json() as { items: { item: { id: string } }[] }).items.some((i) => i.item.id === personal));
    const page = await get(mod, "/moderation?view=escalated");
    assert.equal(page.statusCode, 200);
    const ev = (await readEvents()).slice(before);
    assert.deepEqual(ev.map((e) => [e.after.via, e.after.items.includes(personal), e.after.items.includes(plain)]), [["queue_api", true, false], ["queue_page", true, false]]);
  });

  test("the police package (page, JSON, PDF) is audited", async () => {
    const rep = await t.app.inject({
      method: "POST", url: `/moderation/items/${personal}/decisions`,
      headers: { cookie: mod.cookie, "x-csrf-token": mod.csrf, accept: "application/json", "content-type": "application/json" },
      payload: JSON.stringify({ kind: "report_police", ruleId: "threat", legalBasis: "bbs-5" }),
    });
    assert.equal(rep.statusCode, 201, rep.body);
    const id = (rep.json() as { policeReportId: string }).policeReportId;
    await t.app.moderation.idle();
    const before = (await readEvents()).length;
    assert.equal((await get(mod, `/moderation/police-reports/${id}`)).statusCode, 200);
    assert.equal((await get(mod, `/moderation/police-reports/${id}/package.json`, true)).statusCode, 200);
    assert.equal((await get(mod, `/moderation/police-reports/${id}/package.pdf`)).statusCode, 200);
    const ev = (await readEvents()).slice(before);
    assert.deepEqual(ev.map((e) => [e.after.via, e.target_id]), [["police_report_page", personal], ["police_package_json", personal], ["police_package_pdf", personal]]);
  });

  test("vaxel moderation queue --json: what the CLI prints is audited as the CLI", async () => {
    const fresh = await comment(`Ring honom, personnummer ${PNR}.`);
    await m.settle();
    const before = (await readEvents()).length;
    const r = await promisify(execFile)(path.resolve(import.meta.dirname, "../bin/vaxel"), ["moderation", "queue", "--json"], { env: { ...process.env, DATABASE_URL: t.db.url, LOG_LEVEL: "silent" } });
    assert.match(r.stdout, new RegExp(PNR));
    const ev = (await readEvents()).slice(before);
    assert.equal(ev.length, 1);
    assert.equal(ev[0]!.actor_label, "cli");
    assert.equal(ev[0]!.after.via, "cli_queue");
    assert.ok(ev[0]!.after.items.includes(fresh));
    assert.ok(!ev[0]!.after.items.includes(plain));
  });

  test("without moderation rights: refused, nothing shown, nothing audited as a read", async () => {
    const before = (await readEvents()).length;
    for (const url of [`/moderation/items/${personal}`, "/api/v1/moderation/queue"]) {
      const r = await get(viewer, url, true);
      assert.equal(r.statusCode, 403, url);
      assert.doesNotMatch(r.body, new RegExp(PNR));
    }
    assert.equal((await readEvents()).length, before);
  });
});
