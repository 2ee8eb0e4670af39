// A local YouTube Data API v3 for one channel's comments: commentThreads.list
// (allThreadsRelatedToChannelId, moderationStatus, order=time, maxResults,
// pageToken), comments.list by id, comments.setModerationStatus (rejected
// comments disappear from every listing; banAuthor hides the author's other
// comments too), comments.insert, the 10,000-unit daily quota per token with
// Google's error shape ({error:{code, message, errors:[{reason, domain}]}}),
// 401 for an expired token, 429 and 500 by fault injection.
import { randomBytes } from "node:crypto";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { FaultInjector, installFaults } from "./faults.ts";

export interface YtComment {
  id: string;
  videoId: string;
  channelId: string;
  parentId: string | null;
  author: { id: string; name: string };
  text: string;
  publishedAt: string;
  updatedAt: string;
  moderationStatus: "published" | "heldForReview" | "rejected";
}

const gError = (code: number, reason: string, message: string) => ({ error: { code, message, errors: [{ message, domain: code === 403 && reason === "quotaExceeded" ? "youtube.quota" : "youtube.api", reason }] } });
const faultBody = (status: number) =>
  status === 401 ? gError(401, "authError", "Invalid Credentials") : status === 429 ? gError(429, "rateLimitExceeded", "Rate limit exceeded") : gError(500, "backendError", "Backend Error");

export class YouTubeEmulator {
  readonly comments = new Map<string, YtComment>();
  readonly tokens = new Map<string, string>(); // token → channel id
  readonly expiredTokens = new Set<string>();
  readonly quotaUsed = new Map<string, number>();
  readonly bannedAuthors = new Set<string>();
  readonly applied: { action: string; target: string }[] = [];
  readonly faults = new FaultInjector();
  quotaLimit = 10_000;

  addChannel(channelId: string, token: string): void {
    this.tokens.set(token, channelId);
  }

  /** A viewer comments (or replies) on one of the channel's videos. */
  comment(o: { channelId: string; videoId: string; parentId?: string; author: { id: string; name: string }; text: string; heldForReview?: boolean }): YtComment {
    const now = new Date().toISOString();
    const id = o.parentId ? `${o.parentId}.${randomBytes(8).toString("base64url")}` : `Ug${randomBytes(12).toString("base64url")}`;
    const c: YtComment = { id, videoId: o.videoId, channelId: o.channelId, parentId: o.parentId ?? null, author: o.author, text: o.text,
      publishedAt: now, updatedAt: now, moderationStatus: o.heldForReview ? "heldForReview" : "published" };
    this.comments.set(id, c);
    return c;
  }

  private json(c: YtComment) {
    return {
      kind: "youtube#comment", etag: randomBytes(6).toString("hex"), id: c.id,
      snippet: { channelId: c.channelId, videoId: c.videoId, textDisplay: c.text, textOriginal: c.text, authorDisplayName: c.author.name,
        authorChannelUrl: `http://www.youtube.com/channel/${c.author.id}`, authorChannelId: { value: c.author.id }, canRate: true, viewerRating: "none",
        likeCount: 0, moderationStatus: c.moderationStatus, publishedAt: c.publishedAt, updatedAt: c.updatedAt, ...(c.parentId ? { parentId: c.parentId } : {}) },
    };
  }

  private auth(req: FastifyRequest, reply: FastifyReply, cost: number): string | undefined {
    const token = req.headers.authorization?.replace(/^Bearer /, "") ?? "";
    const channel = this.tokens.get(token);
    if (!channel || this.expiredTokens.has(token)) {
      reply.status(401).send(gError(401, "authError", "Request had invalid authentication credentials."));
      return undefined;
    }
    const used = this.quotaUsed.get(token) ?? 0;
    if (used + cost > this.quotaLimit) {
      reply.status(403).send(gError(403, "quotaExceeded", "The request cannot be completed because you have exceeded your quota."));
      return undefined;
    }
    this.quotaUsed.set(token, used + cost);
    return channel;
  }

  private visible(c: YtComment): boolean {
    return c.moderationStatus !== "rejected" && !this.bannedAuthors.has(c.author.id);
  }

  plugin: FastifyPluginAsync = async (app) => {
    installFaults(app, this.faults, faultBody);

    app.get("/youtube/v3/commentThreads", async (req, reply) => {
      const channel = this.auth(req, reply, 1);
      if (!channel) return reply;
      const q = req.query as { allThreadsRelatedToChannelId?: string; moderationStatus?: string; maxResults?: string; pageToken?: string };
      if (q.allThreadsRelatedToChannelId !== channel) return reply.status(403).send(gError(403, "forbidden", "The comment thread could not be retrieved due to insufficient permissions."));
      const status = q.moderationStatus ?? "published";
      const top = [...this.comments.values()].filter((c) => !c.parentId && c.channelId === channel && this.visible(c) && c.moderationStatus === status)
        .sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : 0));
      const max = Math.min(100, Math.max(1, Number(q.maxResults ?? 20) || 20));
      const start = q.pageToken ? Number(Buffer.from(q.pageToken, "base64url").toString()) || 0 : 0;
      const page = top.slice(start, start + max);
      return {
        kind: "youtube#commentThreadListResponse", etag: randomBytes(6).toString("hex"),
        ...(start + max < top.length ? { nextPageToken: Buffer.from(String(start + max)).toString("base64url") } : {}),
        pageInfo: { totalResults: page.length, resultsPerPage: max },
        items: page.map((c) => {
          const replies = [...this.comments.values()].filter((r) => r.parentId === c.id && this.visible(r));
          return { kind: "youtube#commentThread", etag: randomBytes(6).toString("hex"), id: c.id,
            snippet: { channelId: channel, videoId: c.videoId, topLevelComment: this.json(c), canReply: true, totalReplyCount: replies.length, isPublic: true },
            ...(replies.length ? { replies: { comments: replies.map((r) => this.json(r)) } } : {}) };
        }),
      };
    });

    app.get("/youtube/v3/comments", async (req, reply) => {
      if (!this.auth(req, reply, 1)) return reply;
      const ids = String((req.query as { id?: string }).id ?? "").split(",");
      return { kind: "youtube#commentListResponse", items: ids.map((id) => this.comments.get(id)).filter((c): c is YtComment => !!c && this.visible(c)).map((c) => this.json(c)) };
    });

    app.post("/youtube/v3/comments/setModerationStatus", async (req, reply) => {
      if (!this.auth(req, reply, 50)) return reply;
      const q = req.query as { id?: string; moderationStatus?: string; banAuthor?: string };
      const ids = String(q.id ?? "").split(",").filter(Boolean);
      if (!ids.length || ids.length > 50) return reply.status(400).send(gError(400, "invalidParameter", "id"));
      if (!["heldForReview", "published", "rejected"].includes(q.moderationStatus ?? "")) return reply.status(400).send(gError(400, "invalidModerationStatus", "moderationStatus"));
      if (q.banAuthor === "true" && q.moderationStatus !== "rejected") return reply.status(400).send(gError(400, "banWithoutReject", "banAuthor requires rejected"));
      for (const id of ids) {
        const c = this.comments.get(id);
        if (!c || !this.visible(c)) return reply.status(404).send(gError(404, "commentNotFound", "The comment could not be found."));
        c.moderationStatus = q.moderationStatus as YtComment["moderationStatus"];
        if (q.banAuthor === "true") this.bannedAuthors.add(c.author.id);
        this.applied.push({ action: q.banAuthor === "true" ? "ban" : q.moderationStatus!, target: id });
      }
      return reply.status(204).send();
    });

    app.post("/youtube/v3/comments", async (req, reply) => {
      const channel = this.auth(req, reply, 50);
      if (!channel) return reply;
      const snippet = ((req.body ?? {}) as { snippet?: { parentId?: string; textOriginal?: string } }).snippet ?? {};
      const parent = this.comments.get(snippet.parentId ?? "");
      if (!parent || !this.visible(parent)) return reply.status(404).send(gError(404, "parentCommentNotFound", "parent"));
      const c = this.comment({ channelId: channel, videoId: parent.videoId, parentId: parent.id, author: { id: channel, name: "Kanalen" }, text: snippet.textOriginal ?? "" });
      this.applied.push({ action: "reply", target: parent.id });
      return this.json(c);
    });
  };
}
