/**
 * `npm run bench:web [-- --database-url URL | --data-dir DIR] [--requests 100] [--concurrency 10] [--port 3590]`
 * (the port defaults to PODIUM_BENCH_PORT, else 3590)
 *
 * Page speed of the boards: prepares workload M (generated when missing; scored once, which builds
 * the rollups), adds a signed-in engineer outside the top 10, starts `npm start` against it, fires
 * `concurrency` requests at a time at the leaderboard, team board and engineer pages, and reports
 * p50/p95 per page. Time is measured from sending the request to the last byte on localhost, so it
 * is the server's time plus a loopback hop; beside it, the server's own time per request (its
 * `[timing]` log lines, PODIUM_REQUEST_TIMING) and the CPU time the server process (and, on a local
 * PostgreSQL, the database's backends) spent per request — the figure a loaded machine inflates least.
 * Human-readable lines, then one JSON object LAST.
 */
import fs from "node:fs";
import { spawn } from "node:child_process";
import { eq, sql } from "drizzle-orm";
import { engineers, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { rowsOf } from "@/lib/sync/bulk";
import { loadavgText, machine, percentile, round1 } from "./bench/stats";
import { describeTarget, parseFlags, targetFromFlags } from "./bench/target";
import { ensureLedgerAndRollups } from "./bench/web-prepare";
import { openWorkload } from "./bench/workload";

const BUDGET_P95 = 150;
const EMAIL = "bench-engineer@podium.test";
const PASSWORD = "bench-password-123";
const log = (m: string) => console.log(m);

async function main() {
  const flags = parseFlags(process.argv.slice(2));
  const target = targetFromFlags(flags);
  const requests = Number(flags.requests ?? 100);
  const concurrency = Number(flags.concurrency ?? 10);
  const port = Number(flags.port ?? process.env.PODIUM_BENCH_PORT ?? 3590);
  log(`bench:web on ${describeTarget(target)}; ${requests} requests per page, ${concurrency} at a time (load ${loadavgText()})`);

  const { handle, meta } = await openWorkload(target, { log });
  const now = new Date(meta.anchor);
  await ensureLedgerAndRollups(handle, now, log);
  // The viewer: an engineer in the middle of the board (own row outside the top 10).
  const [mid] = rowsOf(
    await handle.db.execute(sql`
      select e.id, e.team_id from engineers e left join engineer_day_stats s on s.engineer_id = e.id
      group by e.id order by coalesce(sum(s.points), 0) desc offset (select count(*) / 2 from engineers) limit 1`),
  );
  const engineerId = Number(mid!.id);
  const teamId = mid!.team_id === null ? null : Number(mid!.team_id);
  await handle.db.delete(users).where(eq(users.email, EMAIL));
  await handle.db.insert(users).values({ email: EMAIL, name: "Bench Engineer", passwordHash: await hashPassword(PASSWORD), role: "engineer", engineerId, teamId });
  const [who] = await handle.db.select({ name: engineers.displayName }).from(engineers).where(eq(engineers.id, engineerId));
  log(`viewer: engineer #${engineerId} (${who?.name}), team ${teamId}`);
  const dataDir = target.kind === "pglite" ? target.dataDir : undefined;
  await handle.close(); // PGlite: the server must own the folder

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    NEXTAUTH_SECRET: "bench-secret-bench-secret-bench-secret-42",
    PODIUM_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("base64"),
    PODIUM_JOBS: "off",
    PODIUM_DEMO: "false",
    PODIUM_REQUEST_TIMING: "1",
    NODE_ENV: "production",
  };
  if (target.kind === "postgres") env.DATABASE_URL = target.url;
  else {
    delete env.DATABASE_URL;
    env.PODIUM_DATA_DIR = dataDir;
  }
  // The same command line as `npm start` (package.json), without npm in between to pass SIGTERM on.
  const server = spawn(process.execPath, ["--max-semi-space-size=64", "--import", "tsx", "scripts/start.ts"], { env, stdio: ["ignore", "pipe", "pipe"], detached: false });
  let serverLog = "";
  // Server-side times per path, from the server's `[timing] GET /path 200 12.3ms` lines.
  const serverTimes = new Map<string, number[]>();
  let partial = "";
  server.stdout.on("data", (d) => {
    serverLog += d;
    partial += d;
    const lines = partial.split("\n");
    partial = lines.pop()!;
    for (const line of lines) {
      const m = /^\[timing\] GET (\S+) \d+ ([\d.]+)ms$/.exec(line.trim());
      if (m) serverTimes.set(m[1]!, [...(serverTimes.get(m[1]!) ?? []), Number(m[2])]);
    }
  });
  server.stderr.on("data", (d) => (serverLog += d));
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${base}/api/health`, 600_000, () => serverLog);
    const cookie = await signIn(base);
    const q = `now=${now.toISOString()}`;
    void q;
    const pages: Record<string, string> = {
      leaderboard: "/leaderboard",
      teams: "/teams",
      engineer: `/engineers/${engineerId}`,
      // Not budgeted: a signed-in page with almost no data, the floor this machine gives any page.
      floor: "/settings",
    };
    // Warm-up, as a server that has been up a while: the first requests of a route in each web
    // process load its code, fill caches and let V8 optimise the hot paths (the first ~100 run
    // measurably slower); with several web processes one request would warm only one of them.
    for (const p of Object.values(pages)) await fire(base + p, cookie, Math.max(requests, 3 * concurrency), concurrency);
    const pgPids = target.kind === "postgres" ? await backendPids(target.url) : async () => [];
    const results: Record<string, Record<string, unknown>> = {};
    for (const [name, p] of Object.entries(pages)) {
      await new Promise((r) => setTimeout(r, 200)); // late timing lines of the warm-up
      serverTimes.delete(p);
      const cpu0 = cpuMs(processTree(server.pid!));
      const pids = await pgPids();
      const pg0 = cpuMs(pids);
      const samples = await fire(base + p, cookie, requests, concurrency);
      const serverCpu = (cpuMs(processTree(server.pid!)) - cpu0) / samples.length;
      const pgCpu = pids.length ? (cpuMs(pids) - pg0) / samples.length : null;
      await new Promise((r) => setTimeout(r, 200)); // the last timing lines
      const st = serverTimes.get(p) ?? [];
      const r = { p50: round1(percentile(samples, 50)), p95: round1(percentile(samples, 95)), max: round1(Math.max(...samples)), runs: samples.length };
      const srv = st.length ? { p50: round1(percentile(st, 50)), p95: round1(percentile(st, 95)) } : null;
      const load = loadavgText();
      results[name] = {
        ...r,
        server: srv,
        cpuMsPerRequest: round1(serverCpu),
        dbCpuMsPerRequest: pgCpu === null ? null : round1(pgCpu),
        loadavg: load,
        pass: name === "floor" || r.p95 <= BUDGET_P95,
      };
      log(
        `${name.padEnd(12)} p50 ${r.p50} ms  p95 ${r.p95} ms  max ${r.max} ms  (${r.runs} requests)` +
          (srv ? `  server p50 ${srv.p50} ms p95 ${srv.p95} ms` : "") +
          `  CPU/request: server ${round1(serverCpu)} ms${pgCpu === null ? "" : `, db ${round1(pgCpu)} ms`}  load ${load}  ` +
          (name === "floor" ? "(machine floor, not budgeted)" : `${r.p95 <= BUDGET_P95 ? "OK" : "OVER"} budget p95 ≤ ${BUDGET_P95} ms`),
      );
    }
    const out = {
      bench: "web",
      target: target.kind,
      workload: meta.size,
      tickets: meta.tickets,
      concurrency,
      budgetP95Ms: BUDGET_P95,
      pages: results,
      pass: Object.values(results).every((r) => r.pass),
      loadavg: loadavgText(),
      machine: machine(),
    };
    console.log(JSON.stringify(out));
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
  }
}

/** User + system CPU time of these processes so far (Linux /proc), in ms; 0 where unreadable. */
function cpuMs(pids: number[]): number {
  const tick = 10; // USER_HZ is 100 on Linux
  let total = 0;
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      total += (Number(f[11]) + Number(f[12])) * tick; // utime, stime
    } catch {
      /* gone, or another machine */
    }
  }
  return total;
}

/** A process and its descendants (the web processes of a cluster), from /proc; just `pid` elsewhere. */
function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  try {
    for (const d of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${d}/stat`, "utf8");
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        children.set(ppid, [...(children.get(ppid) ?? []), Number(d)]);
      } catch {
        /* ended meanwhile */
      }
    }
  } catch {
    return [pid];
  }
  const out: number[] = [];
  const walk = (p: number) => {
    out.push(p);
    for (const c of children.get(p) ?? []) walk(c);
  };
  walk(pid);
  return out;
}

/** The database's backend pids for the bench database (readable only when the server is local). */
async function backendPids(url: string): Promise<() => Promise<number[]>> {
  const { default: postgres } = await import("postgres");
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  return async () => {
    const c = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const rows = await c`select pid from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`;
      return rows.map((r) => Number(r.pid)).filter((pid) => fs.existsSync(`/proc/${pid}/stat`));
    } finally {
      await c.end();
    }
  };
}

async function waitFor(url: string, ms: number, logs: () => string) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`server did not start:\n${logs().slice(-3000)}`);
}

function cookiesOf(r: Response): string[] {
  return r.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

async function signIn(base: string): Promise<string> {
  const c = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await c.json()) as { csrfToken: string };
  const jar = cookiesOf(c);
  const r = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email: EMAIL, password: PASSWORD, json: "true", callbackUrl: `${base}/leaderboard` }),
  });
  const all = [...jar, ...cookiesOf(r)];
  const session = all.find((x) => x.includes("session-token"));
  if (!session) throw new Error(`sign-in failed (${r.status})`);
  return all.join("; ");
}

async function timedGet(url: string, cookie: string): Promise<number> {
  const t0 = performance.now();
  const r = await fetch(url, { headers: { cookie }, redirect: "manual" });
  const body = await r.text();
  const ms = performance.now() - t0;
  if (r.status !== 200) throw new Error(`${url} answered ${r.status}: ${body.slice(0, 200)}`);
  return ms;
}

async function fire(url: string, cookie: string, n: number, concurrency: number): Promise<number[]> {
  const samples: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        next++;
        samples.push(await timedGet(url, cookie));
      }
    }),
  );
  return samples;
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  process.exit(1);
});
