import postgres from "postgres";
import fs from "node:fs";
const sql = postgres("postgres://postgres@127.0.0.1:5432/podium_bench_h3", { max: 1 });
const cpu = (pid: number) => { const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8"); const a = f.slice(f.lastIndexOf(")") + 2).split(" "); return (Number(a[11]) + Number(a[12])) * 10; };
const src = fs.readFileSync("lib/sync/scoring-range.ts", "utf8");
const qs = [...src.matchAll(/rawRows\(\s*db,\s*`([^`]+)`/g)].map((m) => m[1]!.replaceAll("${where(\"id\")}", "id between $1 and $2").replaceAll("${where(\"ticket_id\")}", "ticket_id between $1 and $2").replaceAll("${where(\"c.ticket_id\")}", "c.ticket_id between $1 and $2"));
const [{ pid }] = await sql`select pg_backend_pid() as pid`;
for (const q of qs) {
  const c0 = cpu(pid); const p0 = process.cpuUsage(); const t0 = performance.now();
  for (let i = 0; i < 40; i++) { const lo = 200000 + i * 5000; await sql.unsafe(q, [lo, lo + 4999]).values(); }
  const p = process.cpuUsage(p0);
  console.log(`server ${cpu(pid) - c0} ms, client ${Math.round((p.user + p.system) / 1000)} ms, wall ${Math.round(performance.now() - t0)} ms per 40 ranges: ${q.slice(0, 60).replace(/\s+/g, " ")}`);
}
await sql.end();
