// The emulators' control API for the demo simulator and manual testing: make a
// resident comment on a platform (the emulator then sends the platform's own
// signed webhook), inject faults, read what was applied.
import type { FastifyPluginAsync } from "fastify";
import type { FacebookEmulator } from "./facebook.ts";
import type { Fault } from "./faults.ts";
import type { InstagramEmulator } from "./instagram.ts";
import type { YouTubeEmulator } from "./youtube.ts";

interface CommentBody {
  platform: "facebook" | "instagram" | "youtube";
  account: string;
  post: string;
  author: { id: string; name: string };
  text: string;
}

export const controlRoutes: FastifyPluginAsync<{ facebook: FacebookEmulator; instagram: InstagramEmulator; youtube: YouTubeEmulator }> = async (app, emu) => {
  app.post("/_emulator/comments", async (req, reply) => {
    const b = req.body as CommentBody;
    if (b.platform === "facebook") {
      const c = await emu.facebook.comment({ pageId: b.account, postId: b.post, from: b.author, message: b.text });
      return { id: c.id };
    }
    if (b.platform === "instagram") {
      const c = await emu.instagram.comment({ accountId: b.account, mediaId: b.post, from: { id: b.author.id, username: b.author.name }, text: b.text });
      return { id: c.id };
    }
    if (b.platform === "youtube") {
      const c = emu.youtube.comment({ channelId: b.account, videoId: b.post, author: b.author, text: b.text });
      return { id: c.id };
    }
    return reply.status(400).send({ error: "unknown platform" });
  });

  app.post("/_emulator/faults", async (req) => {
    const b = req.body as { platform: "facebook" | "instagram" | "youtube" } & Fault;
    emu[b.platform].faults.add(b);
    return { ok: true };
  });

  app.get("/_emulator/applied", async () => ({ facebook: emu.facebook.applied, instagram: emu.instagram.applied, youtube: emu.youtube.applied }));
};
