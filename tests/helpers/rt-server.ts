import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A real Request Tracker 5 for a test file: a copy of the database the Debian package created
 * (scripts/ensure-rt.sh), a site config pointing at it, the CSAT custom field and agent rights
 * (tests/helpers/rt/setup.pl), and `rt-server` on a free port. Start it once per file: it takes
 * a few seconds. Throws, loudly, when RT is not installed.
 */

const RT_HOME = "/usr/share/request-tracker5";
const RT_DB = "/var/lib/dbconfig-common/sqlite3/request-tracker5/rtdb";

export type RtServer = { url: string; api: RtApi; stop: () => Promise<void>; log: () => string };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startRt(opts: { csatField: string }): Promise<RtServer> {
  if (!existsSync(`${RT_HOME}/libexec/rt-server`) || !existsSync(RT_DB)) {
    throw new Error("Request Tracker 5 is not installed: run scripts/ensure-rt.sh (npm test does) before this test.");
  }
  const dir = mkdtempSync(join(tmpdir(), "podium-rt-"));
  mkdirSync(join(dir, "conf.d"));
  copyFileSync(RT_DB, join(dir, "rtdb"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  writeFileSync(
    join(dir, "site.pm"),
    [
      "Set($rtname, 'podium.test');",
      "Set($Organization, 'podium.test');",
      "Set($DatabaseType, 'SQLite');",
      `Set($DatabaseName, '${join(dir, "rtdb")}');`,
      "Set($WebPath, '');",
      "Set($WebDomain, '127.0.0.1');",
      `Set($WebPort, ${port});`,
      `Set($WebBaseURL, '${url}');`,
      "Set($LogToSTDERR, 'error');",
      "Set($Timezone, 'UTC');",
      "1;",
    ].join("\n"),
  );
  const env = { ...process.env, RT_SITE_CONFIG: join(dir, "site.pm"), RT_SITE_CONFIG_DIR: join(dir, "conf.d") };
  const setup = spawnSync("perl", [join(import.meta.dirname, "rt", "setup.pl"), opts.csatField], { env, encoding: "utf8" });
  if (setup.status !== 0) throw new Error(`RT setup failed: ${setup.stderr || setup.stdout}`);

  const logFile = join(dir, "server.log");
  writeFileSync(logFile, "");
  const fd = openSync(logFile, "a");
  const child: ChildProcess = spawn(`${RT_HOME}/libexec/rt-server`, ["--port", String(port), "--max-workers", "2"], {
    env,
    cwd: dir,
    stdio: ["ignore", fd, fd],
    // Its own process group: Starlet forks workers, and stop() ends the whole group.
    detached: true,
  });
  const log = () => readFileSync(logFile, "utf8");
  const api = new RtApi(url, "root", "password");
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`rt-server exited (${child.exitCode}): ${log()}`);
    try {
      const r = await fetch(`${url}/REST/2.0/queues/all`, { headers: { authorization: api.auth } });
      if (r.status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      killGroup(child, "SIGKILL");
      throw new Error(`rt-server did not answer within 90 s: ${log()}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    api,
    log,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        killGroup(child, "SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      }
      killGroup(child, "SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

/** A few REST 2 calls to build a helpdesk's history, as a given RT user. */
export class RtApi {
  readonly auth: string;
  constructor(
    readonly url: string,
    user: string,
    password: string,
  ) {
    this.auth = `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
  }
  as(user: string, password: string): RtApi {
    return new RtApi(this.url, user, password);
  }
  async call<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const r = await fetch(`${this.url}/REST/2.0/${path}`, {
      method,
      headers: { authorization: this.auth, "content-type": "application/json", accept: "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    if (r.status >= 300) throw new Error(`RT ${method} ${path}: HTTP ${r.status} ${text}`);
    return JSON.parse(text) as T;
  }
  async createUser(name: string, email: string, realName: string, password: string, privileged = true) {
    return this.call("POST", "user", { Name: name, EmailAddress: email, RealName: realName, Password: password, Privileged: privileged ? 1 : 0 });
  }
  async createQueue(name: string): Promise<string> {
    return String((await this.call<{ id: string }>("POST", "queue", { Name: name })).id);
  }
  async createTicket(fields: Record<string, unknown>): Promise<string> {
    return String((await this.call<{ id: string }>("POST", "ticket", fields)).id);
  }
  /** PUT returns a list of messages; RT answers 200 even when a change was refused, so check them. */
  async update(id: string, fields: Record<string, unknown>): Promise<string[]> {
    const msgs = await this.call<string[]>("PUT", `ticket/${id}`, fields);
    const refused = msgs.filter((m) => /invalid|denied|could not|not allowed|permission/i.test(m));
    if (refused.length) throw new Error(`RT refused the change to ticket ${id}: ${refused.join("; ")}`);
    return msgs;
  }
  async reply(id: string, text: string) {
    return this.call("POST", `ticket/${id}/correspond`, { Content: text, ContentType: "text/plain" });
  }
}
