// Fault injection shared by the platform emulators: answer the next requests
// (or every request for a while) with 500, 429 + Retry-After or 401, so tests
// and the demo can show what Växel does when a platform misbehaves. A fault can
// also be "applied then failed": the platform did the work but the answer was
// lost, the case that makes blind retries act twice.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

export interface Fault {
  status: number;
  /** Number of requests to fail (default: unlimited while `untilMs` holds). */
  count?: number;
  /** Fail until this time (epoch ms). */
  untilMs?: number;
  retryAfterSec?: number;
  /** Only requests whose method matches (e.g. mutating calls). */
  methods?: string[];
  /** Perform the request, then answer with the error anyway. */
  applyThenFail?: boolean;
  /** Body to send (platform-shaped error). */
  body?: unknown;
}

export class FaultInjector {
  private faults: Fault[] = [];
  /** How many requests were failed, by status. */
  readonly failed = new Map<number, number>();

  add(f: Fault): void {
    this.faults.push({ ...f });
  }

  clear(): void {
    this.faults = [];
  }

  /** The fault that applies to this request, consuming one from its count. */
  take(method: string): Fault | undefined {
    const now = Date.now();
    this.faults = this.faults.filter((f) => (f.count === undefined || f.count > 0) && (f.untilMs === undefined || f.untilMs > now));
    const f = this.faults.find((x) => !x.methods || x.methods.includes(method));
    if (!f) return undefined;
    if (f.count !== undefined) f.count--;
    this.failed.set(f.status, (this.failed.get(f.status) ?? 0) + 1);
    return f;
  }

  send(reply: FastifyReply, f: Fault, defaultBody: unknown): FastifyReply {
    if (f.retryAfterSec !== undefined) reply.header("retry-after", String(f.retryAfterSec));
    return reply.status(f.status).send(f.body ?? defaultBody);
  }
}

/** Shared preHandler: fail before doing anything unless the fault says apply-then-fail. */
export function faultHook(inj: FaultInjector, errorBody: (status: number) => unknown) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const f = inj.take(req.method);
    if (!f) return;
    if (f.applyThenFail) {
      (req as FastifyRequest & { failAfter?: Fault }).failAfter = f;
      return;
    }
    return inj.send(reply, f, errorBody(f.status));
  };
}

/** onSend-time check for apply-then-fail faults. */
export function lostAnswer(req: FastifyRequest): Fault | undefined {
  return (req as FastifyRequest & { failAfter?: Fault }).failAfter;
}

/** Installs fault injection on an emulator: fail before acting, or act and then lose the answer. */
export function installFaults(app: FastifyInstance, inj: FaultInjector, errorBody: (status: number) => unknown): void {
  app.addHook("preHandler", faultHook(inj, errorBody));
  app.addHook("onSend", async (req, reply, payload) => {
    const f = lostAnswer(req);
    if (!f) return payload;
    reply.status(f.status).header("content-type", "application/json; charset=utf-8");
    return JSON.stringify(f.body ?? errorBody(f.status));
  });
}
