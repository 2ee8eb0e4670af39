// `vaxel channels …`: register the city's accounts, list them, rotate
// credentials. Secrets are given once on the command line (or in the
// environment) and stored encrypted; they are never printed back.
import fs from "node:fs";
import cliProgress from "cli-progress";
import type { Command } from "commander";
import { loadConfig } from "../config.ts";
import { AppError } from "../platform/errors.ts";
import { PLATFORMS } from "../records/capture/index.ts";
import { CLI_ACTOR, pickOrganisation, withCliDb } from "./cli-support.ts";
import { emulatorsPort } from "./demo/demo-channels.ts";
import { simulate } from "./demo/simulate.ts";
import { createCaptureWriter } from "../records/capture/index.ts";
import { EXPORT_FORMATS, type ExportFormat } from "./imports/exports.ts";
import { importExport } from "./imports/import-export.ts";
import { backfillFacebook } from "./adapters/facebook/backfill.ts";
import { addChannel, bindChannelPageRules, getChannelRuntime, listChannels, publishPageRules, rotateChannelCredentials, type ChannelCredentials, type Platform } from "./registry/index.ts";

interface AddOptions {
  org?: string;
  platform: string;
  pageId?: string;
  accountId?: string;
  channelId?: string;
  organization?: string;
  name: string;
  url?: string;
  unit?: string;
  apiBase?: string;
  rulesVersion?: string;
  unlisted?: boolean;
  appSecret?: string;
  verifyToken?: string;
  accessToken?: string;
  clientSecret?: string;
  webhookSecret?: string;
  json?: boolean;
}

function credentialsFrom(o: Partial<AddOptions>): ChannelCredentials {
  const c: ChannelCredentials = {};
  if (o.appSecret) c.appSecret = o.appSecret;
  if (o.verifyToken) c.verifyToken = o.verifyToken;
  if (o.accessToken) c.accessToken = o.accessToken;
  if (o.clientSecret) c.clientSecret = o.clientSecret;
  if (o.webhookSecret) c.webhookSecret = o.webhookSecret;
  return c;
}

export function registerChannelsCommands(program: Command): void {
  const demo = program.commands.find((c) => c.name() === "demo") ?? program.command("demo").description("Demodata / demo data");
  demo
    .command("simulate")
    .description("Invånare kommenterar demokontona via emulatorerna / residents comment on the demo accounts through the emulators")
    .option("--minutes <n>", "hur länge / how long", (v) => Number(v), 2)
    .option("--per-minute <n>", "kommentarer per minut / comments per minute", (v) => Number(v), 30)
    .option("--emulators <url>", "emulatorernas adress / emulators URL (default http://127.0.0.1:PORT+1)")
    .action(async (o: { minutes: number; perMinute: number; emulators?: string }) => {
      const cfg = loadConfig();
      const url = o.emulators ?? `http://127.0.0.1:${emulatorsPort(cfg)}`;
      const n = await simulate({ emulatorsUrl: url, minutes: o.minutes, perMinute: o.perMinute, out: (l) => process.stdout.write(`${l}\n`) });
      process.stdout.write(`${n} kommentarer skickade / comments sent\n`);
    });

  const channels = program.command("channels").description("Stadens konton i sociala medier / the city's social media accounts");

  channels
    .command("add")
    .description("Lägg till ett konto; hemligheter lagras krypterade / add an account, secrets stored encrypted")
    .requiredOption("--platform <platform>", `plattform / platform: ${PLATFORMS.join(", ")}`)
    .requiredOption("--name <name>", "kontots namn / account name")
    .option("--page-id <id>", "Facebook-sidans id / Facebook Page id")
    .option("--account-id <id>", "Instagram- eller Mastodon-kontots id / Instagram or Mastodon account id")
    .option("--channel-id <id>", "YouTube-kanalens id (UC…) / YouTube channel id")
    .option("--organization <urn>", "LinkedIn-organisationens URN (urn:li:organization:…)")
    .option("--url <url>", "kontots offentliga adress / the account's public URL")
    .option("--unit <unitId>", "ansvarig enhet i kontaktkatalogen / owning unit")
    .option("--api-base <url>", "plattformens API-adress (Mastodon-servern; emulatorer) / API base URL")
    .option("--rules-version <v>", "sidreglernas version / page rules version")
    .option("--unlisted", "visa inte på den publika sidan / do not list publicly")
    .option("--app-secret <s>", "Meta-appens hemlighet / Meta app secret")
    .option("--verify-token <t>", "Metas verifieringstoken (skapas annars) / Meta verify token (generated if absent)")
    .option("--access-token <t>", "åtkomsttoken / access token")
    .option("--client-secret <s>", "LinkedIn-appens hemlighet / LinkedIn client secret")
    .option("--webhook-secret <s>", "Mastodons webhookhemlighet / Mastodon webhook secret")
    .option("--org <slug>", "organisation")
    .option("--json", "JSON output")
    .action(async (o: AddOptions) => {
      if (!(PLATFORMS as readonly string[]).includes(o.platform)) throw new AppError("validation_failed", { public: { platform: o.platform, allowed: PLATFORMS } });
      const externalId = o.pageId ?? o.accountId ?? o.channelId ?? o.organization;
      if (!externalId) throw new AppError("validation_failed", { public: { field: "--page-id/--account-id/--channel-id/--organization" } });
      await withCliDb(async (db, { key }) => {
        const org = await pickOrganisation(db, o.org);
        const r = await addChannel({ pool: db.pool, key }, {
          orgId: org.id, platform: o.platform as Platform, externalId, name: o.name, url: o.url ?? null, unitId: o.unit ?? null,
          apiBaseUrl: o.apiBase ?? null, ...(o.rulesVersion ? { pageRulesVersion: o.rulesVersion } : {}), listed: !o.unlisted,
          credentials: credentialsFrom(o), actor: CLI_ACTOR,
        });
        if (o.json) process.stdout.write(`${JSON.stringify({ ...r.channel, ...(r.generatedVerifyToken ? { verifyToken: r.generatedVerifyToken } : {}) })}\n`);
        else {
          process.stdout.write(`${r.channel.platform} ${r.channel.name}: ${r.channel.id}\n`);
          if (r.generatedVerifyToken) {
            process.stdout.write(`verifieringstoken / verify token (visas bara nu / shown only now): ${r.generatedVerifyToken}\n`);
          }
        }
      });
    });

  channels
    .command("list")
    .description("Lista konton (utan hemligheter) / list accounts (without secrets)")
    .option("--org <slug>", "organisation")
    .option("--platform <platform>", "bara en plattform / one platform only")
    .option("--json", "JSONL output")
    .action(async (o: { org?: string; platform?: string; json?: boolean }) => {
      await withCliDb(async (db, { key }) => {
        const org = await pickOrganisation(db, o.org);
        const list = await listChannels(db.pool, key, { orgId: org.id, ...(o.platform ? { platform: o.platform as Platform } : {}) });
        for (const c of list) {
          process.stdout.write(o.json ? `${JSON.stringify(c)}\n` : `${c.id}  ${c.platform.padEnd(9)} ${c.externalId.padEnd(28)} ${c.name}  [${c.credentialsSet.join(",")}]\n`);
        }
      });
    });

  channels
    .command("rotate <channelId>")
    .description("Byt inloggningsuppgifter / rotate credentials")
    .option("--org <slug>", "organisation")
    .option("--app-secret <s>", "Meta app secret")
    .option("--verify-token <t>", "Meta verify token")
    .option("--access-token <t>", "access token")
    .option("--client-secret <s>", "LinkedIn client secret")
    .option("--webhook-secret <s>", "Mastodon webhook secret")
    .action(async (channelId: string, o: Partial<AddOptions>) => {
      await withCliDb(async (db, { key }) => {
        const org = await pickOrganisation(db, o.org);
        const v = await rotateChannelCredentials({ pool: db.pool, key }, { orgId: org.id, channelId, credentials: credentialsFrom(o), actor: CLI_ACTOR });
        process.stdout.write(`${v.name}: ${v.credentialsSet.join(", ")} (${v.credentialsRotatedAt})\n`);
      });
    });

  channels
    .command("import <file>")
    .description("Läs in plattformens dataexport till allmänna handlingar / import a platform's data export into the records")
    .requiredOption("--channel <id>", "kanalens id / channel id")
    .requiredOption("--format <format>", `format: ${EXPORT_FORMATS.join(", ")}`)
    .option("--org <slug>", "organisation")
    .option("--json", "JSON summary")
    .action(async (file: string, o: { channel: string; format: string; org?: string; json?: boolean }) => {
      if (!(EXPORT_FORMATS as readonly string[]).includes(o.format)) throw new AppError("validation_failed", { public: { format: o.format, allowed: EXPORT_FORMATS } });
      const content = fs.readFileSync(file, "utf8");
      await withCliDb(async (db, { key }) => {
        const org = await pickOrganisation(db, o.org);
        const channel = await getChannelRuntime(db.pool, key, org.id, o.channel);
        const bar = o.json || !process.stderr.isTTY ? undefined : new cliProgress.SingleBar({ format: "import [{bar}] {value}/{total}" }, cliProgress.Presets.shades_classic);
        const r = await importExport(createCaptureWriter({ pool: db.pool }), channel, {
          format: o.format as ExportFormat, content,
          onProgress: (done, total) => (done === 0 ? bar?.start(total, 0) : bar?.update(done)),
        });
        bar?.stop();
        process.stdout.write(o.json ? `${JSON.stringify(r)}\n` : `${r.total} i filen / in the file: ${r.created} nya / new, ${r.duplicates} redan inhämtade / already captured\n`);
      });
    });

  channels
    .command("backfill <channelId>")
    .description("Hämta sidans alla inlägg och kommentarer (Facebook) / fetch every post and comment of the Page")
    .option("--org <slug>", "organisation")
    .action(async (channelId: string, o: { org?: string }) => {
      await withCliDb(async (db, { key }) => {
        const org = await pickOrganisation(db, o.org);
        const channel = await getChannelRuntime(db.pool, key, org.id, channelId);
        if (channel.platform !== "facebook") throw new AppError("validation_failed", { public: { platform: channel.platform, supported: ["facebook"] } });
        const r = await backfillFacebook(createCaptureWriter({ pool: db.pool }), channel);
        process.stdout.write(`${r.posts} inlägg / posts, ${r.comments} kommentarer / comments: ${r.created} nya / new, ${r.duplicates} redan inhämtade / already captured\n`);
      });
    });

  const rules = channels.command("rules").description("Sidregler per version / page rules per version");
  rules
    .command("publish <file>")
    .description("Publicera en ny version av sidreglerna (JSON, ändringar mot standardreglerna) / publish a new page rules version (JSON over the defaults)")
    .requiredOption("--rules-version <v>", "versionens namn, t.ex. 2026-05 / version label")
    .option("--org <slug>", "organisation")
    .action(async (file: string, o: { rulesVersion: string; org?: string }) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(fs.readFileSync(file, "utf8"));
      } catch (e) {
        throw new AppError("validation_failed", { detail: (e as Error).message, public: { file } });
      }
      await withCliDb(async (db) => {
        const org = await pickOrganisation(db, o.org);
        const r = await publishPageRules({ pool: db.pool }, { orgId: org.id, version: o.rulesVersion, rules: parsed, actor: CLI_ACTOR });
        process.stdout.write(`sidregler / page rules ${r.version} publicerade / published\n`);
      });
    });
  rules
    .command("bind <channelId>")
    .description("Låt kanalen bedömas enligt en version av sidreglerna / judge the channel under a page rules version")
    .requiredOption("--rules-version <v>", "publicerad version / published version")
    .option("--org <slug>", "organisation")
    .action(async (channelId: string, o: { rulesVersion: string; org?: string }) => {
      await withCliDb(async (db) => {
        const org = await pickOrganisation(db, o.org);
        await bindChannelPageRules({ pool: db.pool }, { orgId: org.id, channelId, version: o.rulesVersion, actor: CLI_ACTOR });
        process.stdout.write(`${channelId}: ${o.rulesVersion}\n`);
      });
    });
}
