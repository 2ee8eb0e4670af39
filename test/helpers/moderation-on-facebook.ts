// The common setup of the moderation tests: the real app on a loopback port
// (workers off unless asked, so each test drives analysis, automatic actions
// and the outbox itself), the platform emulators, one Facebook Page with a post to
// comment on, moderators signed in, and the JSON API as a moderator calls it.
import { startEmulators, type Emulators } from "../../src/channels/emulators/server.ts";
import type { FbComment } from "../../src/channels/emulators/facebook.ts";
import { addFacebookTestChannel, type FbTestChannel } from "../../src/channels/test-support.ts";
import { loadEncryptionKey } from "../../src/platform/secrets.ts";
import type { Role } from "../../src/access/principal.ts";
import { buildTestApp, type TestApp } from "./app.ts";
import { onCleanup } from "./db.ts";
import { listen } from "./http-server.ts";

export interface SignedIn { cookie: string; csrf: string; id: string }

export interface ModerationOnFacebook {
  t: TestApp;
  emu: Emulators;
  fb: FbTestChannel;
  postId: string;
  /** The app's base URL (webhook callbacks, server-sent events over real HTTP). */
  base: string;
  signIn(username: string, roles?: Role[]): Promise<SignedIn>;
  /** A resident comments on the post; the webhook is captured before this returns. */
  comment(message: string, from?: { id: string; name: string }): Promise<{ c: FbComment; itemId: string }>;
  /** Analysis, the page rules' automatic actions and a few outbox rounds: what the workers would do by now. */
  settle(): Promise<void>;
  /** A JSON request as `who` (CSRF header included); the body parsed when it is JSON. */
  api(who: { cookie: string; csrf: string }, method: string, url: string, body?: unknown): Promise<{ status: number; body: unknown; raw: Awaited<ReturnType<TestApp["app"]["inject"]>> }>;
}

/** `workers: true` runs the background workers as in production (default off). */
export async function moderationOnFacebook(o: { post: string; workers?: boolean }): Promise<ModerationOnFacebook> {
  const t = await buildTestApp({ config: { workers: o.workers ?? false } });
  const base = await listen(t);
  const emu = await startEmulators();
  onCleanup(() => emu.close());
  const fb = await addFacebookTestChannel(t.db.pool, loadEncryptionKey(t.cfg), { orgId: t.org.id, emulators: emu, callbackUrl: `${base}/webhooks/facebook` });
  const postId = emu.facebook.createPost(fb.pageId, o.post);
  let n = 0;
  return {
    t, emu, fb, postId, base,
    async signIn(username, roles = ["moderator"]) {
      const u = await t.user(roles, username);
      return { ...(await t.login(u.username, u.password)), id: u.id };
    },
    async comment(message, from) {
      n += 1;
      const c = await emu.facebook.comment({ pageId: fb.pageId, postId, from: from ?? { id: `u${n}`, name: `Invånare ${n}` }, message });
      const r = await t.db.pool.query<{ id: string }>("select id from captured_items where platform_item_id = $1", [c.id]);
      return { c, itemId: r.rows[0]!.id };
    },
    async settle() {
      await t.app.channels.analysis.drain();
      await t.app.moderation.runAutomatic();
      for (let i = 0; i < 5; i++) await t.app.channels.outbox.runDue();
    },
    async api(who, method, url, body) {
      const res = await t.app.inject({ method: method as "GET", url, headers: { cookie: who.cookie, "x-csrf-token": who.csrf, accept: "application/json", ...(body ? { "content-type": "application/json" } : {}) }, ...(body ? { payload: JSON.stringify(body) } : {}) });
      return { status: res.statusCode, body: res.headers["content-type"]?.toString().includes("json") ? res.json() : res.body, raw: res };
    },
  };
}
