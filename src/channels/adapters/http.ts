// One HTTP helper for the platform clients: JSON in and out, a timeout, and
// every failure turned into a PlatformError by the platform's own classifier.
import { PlatformError } from "../outbox/platform-error.ts";

export interface HttpResponse {
  status: number;
  headers: Headers;
  json: unknown;
}

export async function httpJson(url: string, init: { method?: string; headers?: Record<string, string>; body?: string | URLSearchParams; timeoutMs?: number } = {}): Promise<HttpResponse> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? "GET",
      ...(init.headers ? { headers: init.headers } : {}),
      ...(init.body !== undefined ? { body: init.body } : {}),
      signal: AbortSignal.timeout(init.timeoutMs ?? 15_000),
    });
  } catch (e) {
    throw new PlatformError("network", { message: (e as Error).message });
  }
  const text = await res.text().catch(() => "");
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = { nonJson: text.slice(0, 500) };
  }
  return { status: res.status, headers: res.headers, json };
}
