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
