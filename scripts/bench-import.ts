/**
 * `npm run bench:import -- [--rows 100000] [--db pglite|postgres|none]`: writes a CSV of N ticket
 * rows, then times (1) the streamed parse + validation of a dry run and (2) a full import (same
 * store + rescore as the sync, one transaction) into a fresh database. Last line: one JSON object.
 */
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { migrateDatabase, openDatabase } from "@/db/client";
import { checkRows, fileRows, importFile } from "@/lib/import/apply";
import { createPgDatabase } from "@/tests/helpers/db";

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : dflt;
};
const rows = Number(arg("rows", "100000"));
const dbKind = arg("db", "pglite");

const dir = mkdtempSync(join(tmpdir(), "podium-bench-import-"));
const file = join(dir, "tickets.csv");
const agents = Array.from({ length: 200 }, (_, i) => `agent${i}@bench.test`);
const lines = ["external_id,subject,status,group,assignee,priority,created_at,solved_at,history"];
const base = Date.parse("2025-01-01T00:00:00Z");
for (let i = 0; i < rows; i++) {
  const created = base + i * 60_000;
  const solved = created + 3_600_000;
  const reopened = i % 20 === 0;
  const iso = (ms: number) => new Date(ms).toISOString();
  const history = reopened ? `solved@${iso(solved)};open@${iso(solved + 7_200_000)};solved@${iso(solved + 10_800_000)}` : "";
  lines.push(`B-${i},"Ticket ${i}, about things",${i % 10 === 0 ? "open" : "solved"},Group ${i % 12},${agents[i % agents.length]},normal,${iso(created)},${i % 10 === 0 ? "" : iso(solved)},${history}`);
}
writeFileSync(file, lines.join("\n"));
const bytes = statSync(file).size;
const text = () => createReadStream(file, { encoding: "utf8", highWaterMark: 256 * 1024 });
const open = fileRows("tickets", "csv", text);

const t0 = performance.now();
const dry = await checkRows("tickets", open());
const parseMs = performance.now() - t0;
if (dry.invalid || dry.fileError) throw new Error(`benchmark file invalid: ${JSON.stringify(dry.errors.slice(0, 3))}`);
console.log(`rows ${rows}, file ${(bytes / 1024 / 1024).toFixed(1)} MB`);
console.log(`dry run (streamed parse + validation): ${(parseMs / 1000).toFixed(2)} s, ${Math.round(rows / (parseMs / 1000))} rows/s`);

let importMs: number | null = null;
if (dbKind !== "none") {
  const pg = dbKind === "postgres" ? await createPgDatabase("podium_bench_import") : null;
  const handle = pg ? await openDatabase({ kind: "postgres", url: pg.url, max: 4 }) : await openDatabase({ kind: "pglite", dataDir: null });
  try {
    await migrateDatabase(handle);
    const { connections } = await import("@/db/schema");
    const [c] = await handle.db.insert(connections).values({ kind: "import", name: "bench", settings: {} }).returning({ id: connections.id });
    const t1 = performance.now();
    const r = await importFile(handle.db, c!.id, "tickets", open, { dryRun: false, now: new Date("2025-06-01T00:00:00Z") });
    importMs = performance.now() - t1;
    if (!r.imported || r.stored !== rows) throw new Error(`import stored ${r.stored} of ${rows}`);
    console.log(`full import into ${dbKind} (check pass + store + rescore, one transaction): ${(importMs / 1000).toFixed(2)} s, ${Math.round(rows / (importMs / 1000))} rows/s`);
  } finally {
    await handle.close();
    await pg?.drop();
  }
}
rmSync(dir, { recursive: true, force: true });
const load = loadavg().map((x) => Number(x.toFixed(2)));
console.log(`load average ${load.join(" ")}`);
console.log(JSON.stringify({ bench: "import", rows, fileMB: Number((bytes / 1024 / 1024).toFixed(1)), dryRunSeconds: Number((parseMs / 1000).toFixed(2)), importSeconds: importMs === null ? null : Number((importMs / 1000).toFixed(2)), db: dbKind, loadavg: load }));
