/**
 * Where benchmarks and the workload generator point: `--database-url URL`, `--data-dir DIR`, or
 * by default a database `podium_bench` on the server of TEST_DATABASE_URL (the local server).
 */

export const BENCH_DB_NAME = "podium_bench";

export type BenchTarget = { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };

export function defaultBenchUrl(env = process.env): string {
  const server = new URL(env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
  server.pathname = `/${BENCH_DB_NAME}`;
  return server.toString();
}

/** `--name value` and `--name=value` flags; a bare `--flag` is "true". */
export function parseFlags(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith("--")) throw new Error(`Unexpected argument "${a}".`);
    const eq = a.indexOf("=");
    if (eq > 0) out[a.slice(2, eq)] = a.slice(eq + 1);
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith("--")) out[a.slice(2)] = argv[++i]!;
    else out[a.slice(2)] = "true";
  }
  return out;
}

export function targetFromFlags(flags: Record<string, string>): BenchTarget {
  if (flags["data-dir"] && flags["database-url"]) throw new Error("Give --database-url or --data-dir, not both.");
  if (flags["data-dir"]) return { kind: "pglite", dataDir: flags["data-dir"] };
  return { kind: "postgres", url: flags["database-url"] ?? defaultBenchUrl() };
}

export function describeTarget(t: BenchTarget): string {
  if (t.kind === "pglite") return `PGlite at ${t.dataDir}`;
  const u = new URL(t.url);
  return `PostgreSQL ${u.hostname}:${u.port || 5432}/${u.pathname.slice(1)}`;
}
