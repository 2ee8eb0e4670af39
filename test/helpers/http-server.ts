// Starts the test app on a real loopback port (for the browser and HTTP clients).
import type { TestApp } from "./app.ts";

export async function listen(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  const addr = t.app.server.address();
  if (!addr || typeof addr !== "object") throw new Error("no address");
  return `http://127.0.0.1:${addr.port}`;
}
