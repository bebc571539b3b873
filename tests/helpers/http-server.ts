import http from "node:http";
import type { AddressInfo } from "node:net";

/** A real local HTTP server for tests: each request goes to `handler`, arrivals are logged. */
export type Arrival = { at: number; method: string; url: string; headers: http.IncomingHttpHeaders };

export async function startServer(
  handler: (req: http.IncomingMessage, res: http.ServerResponse, n: number) => unknown,
): Promise<{ url: string; arrivals: Arrival[]; close: () => Promise<void> }> {
  const arrivals: Arrival[] = [];
  const sockets = new Set<import("node:net").Socket>();
  const server = http.createServer((req, res) => {
    arrivals.push({ at: Date.now(), method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers });
    Promise.resolve(handler(req, res, arrivals.length)).catch((e) => {
      res.statusCode = 500;
      res.end(String(e));
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    arrivals,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}
