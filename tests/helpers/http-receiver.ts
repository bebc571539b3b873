import http from "node:http";
import type { AddressInfo } from "node:net";

/** A local HTTP receiver standing in for Slack/Teams webhooks and the Telegram Bot API. */
export type Received = { method: string; url: string; body: string };

export async function startHttpReceiver(): Promise<{ url: string; received: Received[]; failNext: (n: number, status?: number) => void; close: () => Promise<void> }> {
  const received: Received[] = [];
  let failures = 0;
  let failStatus = 500;
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ method: req.method ?? "", url: req.url ?? "", body });
      if (failures > 0) {
        failures--;
        res.writeHead(failStatus, { "content-type": "text/plain" }).end("temporarily unavailable");
      } else res.writeHead(200, { "content-type": "application/json" }).end(req.url?.includes("/sendMessage") ? '{"ok":true}' : "ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    failNext: (n, status = 500) => {
      failures = n;
      failStatus = status;
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}
