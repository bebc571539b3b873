import fs from "node:fs";
import os from "node:os";

/** Small shared pieces of the benchmarks: timing, percentiles, budget lines, machine load. */

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i]!;
}

export const round1 = (n: number) => Math.round(n * 10) / 10;

export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; result: T }> {
  const t0 = performance.now();
  const result = await fn();
  return { ms: performance.now() - t0, result };
}

export type Figure = {
  name: string;
  /** The figure compared with the budget (p50 when repeated). */
  ms: number;
  budgetMs: number;
  pass: boolean;
  runs?: number;
  p50?: number;
  p95?: number;
  min?: number;
  [extra: string]: unknown;
};

export function figure(name: string, samples: number[], budgetMs: number, extra: Record<string, unknown> = {}): Figure {
  const p50 = percentile(samples, 50);
  return {
    name,
    ms: round1(p50),
    budgetMs,
    pass: p50 <= budgetMs,
    runs: samples.length,
    p50: round1(p50),
    p95: round1(percentile(samples, 95)),
    min: round1(Math.min(...samples)),
    ...extra,
  };
}

export function fmtMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

export function describeFigure(f: Figure): string {
  const rep = f.runs && f.runs > 1 ? ` (p50 of ${f.runs}; p95 ${fmtMs(f.p95!)}, min ${fmtMs(f.min!)})` : "";
  return `${f.pass ? "PASS" : "FAIL"}  ${f.name}: ${fmtMs(f.ms)}${rep}  budget ≤ ${fmtMs(f.budgetMs)}`;
}

export function machine() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadavg: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

export const loadavgText = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");

/**
 * CPU time (ms) used by this process and by the PostgreSQL backends serving its database, read
 * from /proc (the server is on this machine). On a shared, loaded machine wall time mostly waits
 * for a core; these say what the work itself cost. Backends are those connected to the database
 * at the end (the pool's; a short-lived parallel worker is missed). Zero where /proc is not readable.
 */
export type CpuMark = { client: NodeJS.CpuUsage; server: Map<number, number> };

const TICK_MS = 10; // USER_HZ is 100 on Linux
function procCpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) * TICK_MS; // utime, stime (fields 14, 15)
  } catch {
    return 0;
  }
}

async function backendPids(query: (q: string) => Promise<{ pid: number }[]>): Promise<number[]> {
  const rows = await query("select pid from pg_stat_activity where datname = current_database()");
  return rows.map((r) => Number(r.pid));
}

export async function cpuMark(query: ((q: string) => Promise<{ pid: number }[]>) | null): Promise<CpuMark> {
  const server = new Map<number, number>();
  if (query) for (const pid of await backendPids(query)) server.set(pid, procCpuMs(pid));
  return { client: process.cpuUsage(), server };
}

export async function cpuSince(mark: CpuMark, query: ((q: string) => Promise<{ pid: number }[]>) | null): Promise<{ clientMs: number; serverMs: number }> {
  const c = process.cpuUsage(mark.client);
  let serverMs = 0;
  if (query) for (const pid of await backendPids(query)) serverMs += procCpuMs(pid) - (mark.server.get(pid) ?? 0);
  return { clientMs: round1((c.user + c.system) / 1000), serverMs: round1(serverMs) };
}
