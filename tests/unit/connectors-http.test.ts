import { test } from "node:test";
import assert from "node:assert/strict";
import { ConnectorAuthError, ConnectorHttpError, HttpClient, basicAuth, parseRetryAfter, type QuotaHeaders } from "@/lib/connectors/http";
import { sendJson, startServer } from "../helpers/http-server";

/** The shared connector HTTP client against a real local HTTP server (node:http), no mocks. */

const fast = { backoffBaseMs: 5, backoffCapMs: 40 };

test("429 with Retry-After pauses the whole connection once: no call reaches the server during the pause", async () => {
  const srv = await startServer((req, res, n) => {
    if (n === 1) {
      return sendJson(res, 429, { error: "slow down" }, { "retry-after": "1" });
    }
    sendJson(res, 200, { ok: n });
  });
  try {
    const http = new HttpClient({ helpdesk: "Test", baseUrl: srv.url, ...fast });
    const first = http.get("/a");
    while (http.stats().throttled === 0) await new Promise((r) => setTimeout(r, 5)); // the 429 has set the pause
    // Three more calls start during the pause; none may be sent until it ends.
    const rest = await Promise.all([http.get("/b"), http.get("/c"), http.get("/d")]);
    await first;
    const pauseStart = srv.arrivals[0]!.at;
    for (const a of srv.arrivals.slice(1)) assert.ok(a.at - pauseStart >= 950, `${a.url} arrived ${a.at - pauseStart} ms after the 429`);
    assert.equal(srv.arrivals.length, 5, "the throttled call is retried once, the others sent once");
    assert.deepEqual(rest.map((r) => r.status), [200, 200, 200]);
    const s = http.stats();
    assert.equal(s.throttled, 1);
    assert.equal(s.retries, 1);
  } finally {
    await srv.close();
  }
});

test("Retry-After as an HTTP date, and absent", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  assert.equal(parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT", now), 30_000);
  assert.equal(parseRetryAfter("7", now), 7000);
  assert.equal(parseRetryAfter(null, now), null);
  assert.equal(parseRetryAfter("soon", now), null);
});

test("5xx are retried with backoff, then succeed; persistent 5xx give up with the status and the tries", async () => {
  const srv = await startServer((req, res, n) => (n <= 2 ? sendJson(res, 503, {}) : sendJson(res, 200, { done: true })));
  try {
    const http = new HttpClient({ helpdesk: "Test", baseUrl: srv.url, ...fast });
    const r = await http.get<{ done: boolean }>("/x");
    assert.equal(r.body.done, true);
    assert.equal(srv.arrivals.length, 3);
    assert.equal(http.stats().serverErrors, 2);
  } finally {
    await srv.close();
  }
  const always = await startServer((req, res) => sendJson(res, 500, {}));
  try {
    const http = new HttpClient({ helpdesk: "Test", baseUrl: always.url, ...fast, maxRetries: 3 });
    await assert.rejects(http.get("/y"), (e: unknown) => {
      assert.ok(e instanceof ConnectorHttpError);
      assert.equal(e.status, 500);
      assert.match(e.message, /HTTP 500.*gave up after 4 tries/);
      return true;
    });
    assert.equal(always.arrivals.length, 4);
  } finally {
    await always.close();
  }
});

test("backoff is capped: many retries never wait longer than the cap", async () => {
  const srv = await startServer((req, res) => sendJson(res, 502, {}));
  try {
    const http = new HttpClient({ helpdesk: "Test", baseUrl: srv.url, backoffBaseMs: 5, backoffCapMs: 20, maxRetries: 8 });
    await assert.rejects(http.get("/z"), ConnectorHttpError);
    const gaps = srv.arrivals.slice(1).map((a, i) => a.at - srv.arrivals[i]!.at);
    // 5·2^7 = 640 ms uncapped; with the cap (+25 % jitter) every gap stays far below that.
    assert.ok(Math.max(...gaps) < 300, `gaps ${gaps.join(",")}`);
    assert.ok(http.stats().pausedMs <= 8 * 25);
  } finally {
    await srv.close();
  }
});

test("a call that hangs times out and is retried; a refused connection says so", async () => {
  const srv = await startServer((req, res, n) => {
    if (n === 1) return; // never answers
    sendJson(res, 200, { late: false });
  });
  try {
    const http = new HttpClient({ helpdesk: "Test", baseUrl: srv.url, timeoutMs: 200, ...fast });
    const r = await http.get<{ late: boolean }>("/slow");
    assert.equal(r.body.late, false);
    assert.equal(http.stats().timeouts, 1);
  } finally {
    await srv.close();
  }
  const closed = await startServer((req, res) => sendJson(res, 200, {}));
  const url = closed.url;
  await closed.close();
  const http = new HttpClient({ helpdesk: "Test", baseUrl: url, ...fast, maxRetries: 1 });
  await assert.rejects(http.get("/"), /Test could not be reached \(connection refused\).*gave up after 2 tries/);
  assert.equal(http.stats().networkErrors, 2);
});

test("401 and 403 stop at once with a clear message, no retries; credentials never in the message", async () => {
  for (const status of [401, 403] as const) {
    const srv = await startServer((req, res) => sendJson(res, status, { error: "Couldn't authenticate you" }));
    try {
      const http = new HttpClient({
        helpdesk: "Zendesk",
        baseUrl: srv.url,
        headers: { authorization: basicAuth("a@b.c/token", "s3cret-token") },
        authHint: (s) => (s === 401 ? "check the email and API token" : "the user must be an admin"),
        ...fast,
      });
      await assert.rejects(http.get("/api/v2/users/me.json", { api_token: "s3cret-token" }), (e: unknown) => {
        assert.ok(e instanceof ConnectorAuthError);
        assert.match(e.message, status === 401 ? /refused the credentials \(HTTP 401\).*check the email and API token/ : /denied access \(HTTP 403\).*must be an admin/);
        assert.doesNotMatch(e.message, /s3cret/);
        return true;
      });
      assert.equal(srv.arrivals.length, 1, "no retries");
      assert.match(String(srv.arrivals[0]!.headers.authorization), /^Basic /);
    } finally {
      await srv.close();
    }
  }
});

test("404, redirects and non-JSON bodies fail at once with a hint about the domain", async () => {
  const srv = await startServer((req, res) => {
    if (req.url === "/missing") return sendJson(res, 404, { error: "RecordNotFound" });
    if (req.url === "/moved") {
      res.writeHead(302, { location: "https://www.example.com/signup" });
      return res.end();
    }
    res.writeHead(200, { "content-type": "text/html" });
    res.end("<html>Help Center</html>");
  });
  try {
    const http = new HttpClient({ helpdesk: "Zendesk", baseUrl: srv.url, ...fast });
    await assert.rejects(http.get("/missing"), /no such address \(HTTP 404\); check the domain/);
    await assert.rejects(http.get("/moved"), /redirected .* \(HTTP 302\); check the domain/);
    await assert.rejects(http.get("/html"), /not JSON; check the domain/);
    assert.equal(srv.arrivals.length, 3);
  } finally {
    await srv.close();
  }
});

test("the budget keeps us to half the quota the headers announce, within any window", async () => {
  const windowMs = 400;
  const limit = 8;
  const srv = await startServer((req, res) => {
    const inWindow = srv.arrivals.filter((a) => a.at > Date.now() - windowMs).length;
    sendJson(res, 200, {}, { "x-ratelimit-total": String(limit), "x-ratelimit-remaining": String(Math.max(0, limit - inWindow)) });
  });
  try {
    const quota: QuotaHeaders = { limit: ["x-ratelimit-total"], remaining: ["x-ratelimit-remaining"], windowMs };
    const http = new HttpClient({ helpdesk: "Freshdesk", baseUrl: srv.url, quota, ...fast });
    for (let i = 0; i < 14; i++) await http.get(`/t/${i}`);
    // The first call teaches the quota; from then on at most 4 (50 % of 8) in any window.
    const times = srv.arrivals.map((a) => a.at);
    for (let i = 0; i < times.length; i++) {
      const inWindow = times.filter((t) => t >= times[i]! && t < times[i]! + windowMs - 20).length;
      assert.ok(inWindow <= 4, `${inWindow} calls within one window starting at call ${i}`);
    }
    const s = http.stats();
    assert.equal(s.budgets[0]!.allowance, 4);
    assert.equal(s.budgets[0]!.limit, 8);
    assert.ok(s.budgetWaitMs > 0);
  } finally {
    await srv.close();
  }
});

test("a named bucket with a documented limit paces its endpoint; the share is configurable", async () => {
  const srv = await startServer((req, res) => sendJson(res, 200, {}));
  try {
    const http = new HttpClient({
      helpdesk: "Zendesk",
      baseUrl: srv.url,
      budgetShare: 0.5,
      buckets: { export: { limit: [], remaining: [], windowMs: 300, staticLimit: 4, share: 0.5 } },
      ...fast,
    });
    // Measured from before the first call: the window opens when call 1 is sent, so these lower
    // bounds hold however slowly a loaded machine delivers each call.
    const start = Date.now();
    for (let i = 0; i < 6; i++) await http.get("/export", undefined, { bucket: "export" });
    const t = srv.arrivals.map((a) => a.at);
    assert.ok(t[2]! - start >= 300, "the third call waits for the window: 2 of 4 per window");
    assert.ok(t[4]! - start >= 600, "the fifth waits for the third's window");
    assert.equal(http.stats().budgets[0]!.allowance, 2);
  } finally {
    await srv.close();
  }
});

test("when other integrations have used the account's quota down to our reserve, we wait for the reset", async () => {
  const srv = await startServer((req, res, n) =>
    sendJson(res, 200, {}, { "ratelimit-limit": "100", "ratelimit-remaining": n === 1 ? "40" : "99", "ratelimit-reset": "1" }),
  );
  try {
    const http = new HttpClient({
      helpdesk: "Zendesk",
      baseUrl: srv.url,
      quota: { limit: ["ratelimit-limit"], remaining: ["ratelimit-remaining"], reset: ["ratelimit-reset"], windowMs: 60_000 },
      ...fast,
    });
    await http.get("/1");
    await http.get("/2");
    assert.ok(srv.arrivals[1]!.at - srv.arrivals[0]!.at >= 900, "40 left of 100 is below the half we leave to others: wait for the reset (1 s)");
  } finally {
    await srv.close();
  }
});

test("an AbortSignal cancels a call waiting in a 429 pause", async () => {
  const srv = await startServer((req, res) => sendJson(res, 429, {}, { "retry-after": "30" }));
  try {
    const ac = new AbortController();
    const http = new HttpClient({ helpdesk: "Test", baseUrl: srv.url, signal: ac.signal, ...fast });
    const p = http.get("/");
    setTimeout(() => ac.abort(new Error("Cancelled by the admin.")), 100);
    await assert.rejects(p, /Cancelled by the admin/);
    assert.equal(srv.arrivals.length, 1);
  } finally {
    await srv.close();
  }
});

test("a Retry-After longer than the accepted maximum ends the call with a message", async () => {
  const srv = await startServer((req, res) => sendJson(res, 429, {}, { "retry-after": "3600" }));
  try {
    const http = new HttpClient({ helpdesk: "Freshdesk", baseUrl: srv.url, maxRetryAfterMs: 60_000, ...fast });
    await assert.rejects(http.get("/"), /asked us to wait 3600 s/);
  } finally {
    await srv.close();
  }
});

test("an endpoint limit announced as `total=…; remaining=…; resets=…` paces its bucket by the announced reset, not by a guessed window", async () => {
  // A fast server window (300 ms) announced in Zendesk's endpoint-limit format; the bucket's own
  // fallback window is a minute, so without reading `resets` the fourth call would wait 60 s.
  const windowMs = 300;
  let windowStart = 0;
  let used = 0;
  let refused = 0;
  const srv = await startServer((req, res) => {
    const now = Date.now();
    if (now - windowStart >= windowMs) {
      windowStart = now;
      used = 0;
    }
    used++;
    const resets = ((windowStart + windowMs - now) / 1000).toFixed(3);
    if (used > 3) refused++;
    if (used > 3) return sendJson(res, 429, {}, { "retry-after": resets, "x-export": `total=3; remaining=0; resets=${resets}` });
    sendJson(res, 200, {}, { "x-export": `total=3; remaining=${3 - used}; resets=${resets}` });
  });
  try {
    const http = new HttpClient({
      helpdesk: "Zendesk",
      baseUrl: srv.url,
      buckets: { export: { limit: [], remaining: [], combined: ["x-export"], windowMs: 60_000, staticLimit: 10, share: 1 } },
      ...fast,
    });
    const start = Date.now();
    for (let i = 0; i < 9; i++) await http.get("/export", undefined, { bucket: "export" });
    const took = Date.now() - start;
    assert.ok(took >= 550 && took < 5000, `9 calls at 3 per 300 ms window took ${took} ms`);
    assert.equal(refused, 0, "the client waited instead of being refused");
    const b = http.stats().budgets.find((x) => x.name === "export")!;
    assert.equal(b.limit, 3, "the announced limit replaced the documented fallback");
  } finally {
    await srv.close();
  }
});

test("credentials go to the helpdesk's own origin only: an absolute link elsewhere (a signed download) gets none", async () => {
  const seen: (string | undefined)[] = [];
  const api = await startServer((req, res) => {
    seen.push(req.headers.authorization);
    sendJson(res, 200, { ok: true });
  });
  const other = await startServer((req, res) => {
    seen.push(req.headers.authorization);
    sendJson(res, 200, { ok: true });
  });
  try {
    const http = new HttpClient({ helpdesk: "Test", baseUrl: api.url, headers: { authorization: basicAuth("key", "X") }, ...fast });
    await http.get("/api/v2/x");
    await http.get(`${api.url}/api/v2/next?page=2`);
    await http.get(`${other.url}/file.json?X-Amz-Signature=abc`);
    assert.deepEqual(seen, [basicAuth("key", "X"), basicAuth("key", "X"), undefined]);
  } finally {
    await api.close();
    await other.close();
  }
});
