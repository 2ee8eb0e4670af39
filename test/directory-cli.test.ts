// `vaxel directory import/export/template/remind` as a person runs them:
// violations printed as `REF  RULE-ID  message`, nothing imported and exit 1
// when any exists; the HSDS export imports back cleanly; review reminders
// reach the unit's contact owners through a local SMTP sink.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { before, describe, test } from "node:test";
import { promisify } from "node:util";
import { SMTPServer } from "smtp-server";
import { createUser } from "../src/access/users.ts";
import { DEMO_IDS } from "../src/directory/domain/index.ts";
import { seedDemoDirectory } from "../src/directory/demo-seeder.ts";
import { sendReviewReminders } from "../src/directory/reminders/send-reminders.ts";
import { createOrganisation, type Organisation } from "../src/platform/tenancy.ts";
import { freshDatabase, onCleanup, type TestDb } from "./helpers/db.ts";

const run = promisify(execFile);
const VAXEL = path.resolve(import.meta.dirname, "../bin/vaxel");

describe("vaxel directory", () => {
  let db: TestDb;
  let org: Organisation;
  let dir: string;
  const vaxel = async (args: string[]) => {
    try {
      const r = await run(VAXEL, args, { env: { ...process.env, LOG_LEVEL: "silent", DATABASE_URL: db.url } });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (e) {
      const x = e as { code: number; stdout: string; stderr: string };
      return { code: x.code, stdout: x.stdout, stderr: x.stderr };
    }
  };
  const units = async () => Number((await db.pool.query("select count(*) from dir_unit_versions where org_id = $1", [org.id])).rows[0].count);

  before(async () => {
    db = await freshDatabase();
    org = await createOrganisation(db.pool, { slug: "trollhattan", name: "Trollhättans Stad", domains: ["trollhattan.se"] });
    await seedDemoDirectory(db.pool, org.id);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "vaxel-dir-cli-"));
    onCleanup(async () => fs.rmSync(dir, { recursive: true, force: true }));
  });

  test("importing an external actor with a phone is refused with external-contact; nothing is imported", async () => {
    const file = path.join(dir, "bad.json");
    fs.writeFileSync(file, JSON.stringify({ organizations: [{ id: "0b7c1c1e-8f3a-4c55-9d7e-111111111111", name: "Trafikverket", description: "Statlig myndighet", website: "https://www.trafikverket.se/", phones: [{ id: "0b7c1c1e-8f3a-4c55-9d7e-222222222222", number: "0771-921 921" }] }], services: [] }));
    const before = await units();
    const r = await vaxel(["directory", "import", file]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^organizations\[0\] {2}external-contact {2}Externa aktörer får bara ha namn och webbplats/m);
    assert.match(r.stderr, /inget importerades/);
    assert.equal(await units(), before);
    const actors = await db.pool.query("select count(*) from dir_entities where org_id = $1 and kind = 'external_actor'", [org.id]);
    assert.equal(Number(actors.rows[0].count), 1, "only the demo's actor");
  });

  test("export --format hsds, and the export imports back without violations (dry run)", async () => {
    const r = await vaxel(["directory", "export", "--format", "hsds"]);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.organizations.length, 8);
    assert.equal(doc.services.length, 3);
    const file = path.join(dir, "export.json");
    fs.writeFileSync(file, r.stdout);
    const back = await vaxel(["directory", "import", "--dry-run", file]);
    assert.equal(back.code, 0, back.stdout + back.stderr);
    assert.match(back.stdout, /inga fel/);
  });

  test("CSV: a personal mailbox is refused by row; a clean file is imported and published", async () => {
    const template = await vaxel(["directory", "template"]);
    assert.match(template.stdout, /^type,id,unit,parent,name/);
    const bad = path.join(dir, "bad.csv");
    fs.writeFileSync(bad, "type,id,unit,parent,name,unit_kind,contact_kind,label,value\nunit,,,,Parkförvaltningen,forvaltning,,,\ncontact_point,,Parkförvaltningen,,,,email,,anna.svensson@trollhattan.se\n");
    const r = await vaxel(["directory", "import", bad]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^rad 3 {2}personal-contact {2}/m);
    const good = path.join(dir, "good.csv");
    fs.writeFileSync(good, `type,id,unit,parent,name,unit_kind,contact_kind,label,value,postcode,town,website,first_line,description\nunit,,,Samhällsbyggnadsförvaltningen,Parkenheten,enhet,,,,,,,,Parker och lekplatser\ncontact_point,,Parkenheten,,,,email,Parkenheten,parkenheten@trollhattan.se,,,,,\nservice,,Parkenheten,,Lekplatser,,,,,,,,unit,Felanmälan av lekplatser\n`);
    const ok = await vaxel(["directory", "import", good]);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /importerat och publicerat.*1 enheter, 1 kontaktvägar, 1 tjänster/);
    const live = await db.pool.query("select name, parent_id from dir_unit_versions where org_id = $1 and name = 'Parkenheten' and state = 'published'", [org.id]);
    assert.equal(live.rows[0].parent_id, DEMO_IDS.samhallsbyggnad);
  });

  test("review reminders go to the unit's contact owners by SMTP, once per due date", async () => {
    const received: { to: string[]; body: string }[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, session, cb) {
        let body = "";
        stream.on("data", (c: Buffer) => (body += c.toString("utf8")));
        stream.on("end", () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), body });
          cb();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", r));
    onCleanup(() => new Promise((r) => smtp.close(() => r(undefined))));
    const port = (smtp.server.address() as { port: number }).port;
    const system = { id: null, label: "test" };
    await createUser({ pool: db.pool }, { orgId: org.id, username: "samhall-editor", email: "samhall.redaktor@trollhattan.se", roles: [{ role: "editor", unitId: DEMO_IDS.samhallsbyggnad }], actor: system });
    await createUser({ pool: db.pool }, { orgId: org.id, username: "skola-editor", email: "skola@trollhattan.se", roles: [{ role: "editor", unitId: DEMO_IDS.forskolaNorr }], actor: system });
    const cfg = { smtpUrl: `smtp://127.0.0.1:${port}`, smtpFrom: "vaxel@trollhattan.se", publicUrl: "https://vaxel.example" };
    const now = new Date("2026-11-23T08:00:00Z");
    const r = await sendReviewReminders({ pool: db.pool, cfg, now }, { orgId: org.id });
    assert.equal(r.sent, true);
    const mine = received.filter((m) => m.to.includes("samhall.redaktor@trollhattan.se"));
    assert.equal(mine.length, 1);
    assert.match(mine[0]!.body, /samhallsbyggnad@trollhattan\.se/);
    assert.match(mine[0]!.body, /aldrig granskad/);
    assert.ok(!received.some((m) => m.to.includes("skola@trollhattan.se")), "the preschool's editor has nothing due");
    const again = await sendReviewReminders({ pool: db.pool, cfg, now }, { orgId: org.id });
    assert.equal(again.messages.length, 0, "reminded once per due date");
    const cli = await vaxel(["directory", "remind", "--dry-run"]);
    assert.equal(cli.code, 0, cli.stderr);
  });
});
