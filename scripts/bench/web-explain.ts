/**
 * `node --import tsx scripts/bench/web-explain.ts --database-url URL [--engineer ID]`
 *
 * What the budgeted pages of bench:web ask the database: runs the same data functions the
 * leaderboard, team board and engineer pages call (as the bench's engineer viewer, rollup cache
 * emptied), logs every statement, then EXPLAIN ANALYZEs each one and prints its time and plan
 * root. A diagnostic for where page time goes; PostgreSQL only.
 */
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "@/db/schema";
import type { Db } from "@/db/client";
import { loadViewer } from "@/lib/auth/users";
import { getPersonalGoal } from "@/lib/goals/goals";
import { listManagedHandicaps } from "@/lib/handicap/auto";
import {
  getBoardOptions,
  getEngineerBadges,
  getEngineerDetail,
  getEngineerExtras,
  getLeaderboard,
  getTeamBoard,
  getViewerTimeZone,
} from "@/lib/queries";
import { dropSharedReads } from "@/lib/runtime/shared-read";
import { parseFlags } from "./target";

type Logged = { text: string; params: unknown[] };

async function main() {
  const flags = parseFlags(process.argv.slice(2));
  const url = flags["database-url"];
  if (!url) throw new Error("--database-url is required");
  let log: Logged[] = [];
  const client = postgres(url, {
    max: 4,
    onnotice: () => {},
    debug: (_c, text, params) => log.push({ text, params: params as unknown[] }),
  });
  const db = drizzle({ client, schema }) as unknown as Db;
  const [u] = await client`select id from users where email = 'bench-engineer@podium.test'`;
  if (!u) throw new Error("run bench:web once first (it creates the viewer)");
  const viewer = (await loadViewer(db, Number(u.id)))!;
  const engineerId = Number(flags.engineer ?? viewer.engineerId);

  const pages: Record<string, () => Promise<unknown>> = {
    session: () => loadViewer(db, viewer.userId),
    leaderboard: async () => {
      const timeZone = await getViewerTimeZone(db, viewer);
      await Promise.all([getLeaderboard(db, viewer, { timeZone }), getBoardOptions(db, viewer)]);
    },
    teams: async () => {
      const timeZone = await getViewerTimeZone(db, viewer);
      await getTeamBoard(db, viewer, { timeZone });
      await listManagedHandicaps(db, viewer);
    },
    engineer: async () => {
      await getEngineerDetail(db, viewer, engineerId);
      await Promise.all([
        getEngineerExtras(db, viewer, engineerId),
        getPersonalGoal(db, viewer, engineerId),
        getEngineerBadges(db, viewer, engineerId),
      ]);
    },
  };
  for (const [name, run] of Object.entries(pages)) {
    dropSharedReads();
    log = [];
    const t0 = performance.now();
    await run();
    const ms = performance.now() - t0;
    const queries = log;
    log = [];
    console.log(`\n== ${name}: ${queries.length} statements, ${ms.toFixed(1)} ms wall (cold rollup cache)`);
    for (const q of queries) {
      const plan = await client.unsafe(`explain (analyze, buffers) ${q.text}`, q.params as never[]);
      const lines = plan.map((r) => String(r["QUERY PLAN"]));
      const exec = lines.find((l) => l.startsWith("Execution Time")) ?? "";
      console.log(`-- ${exec.replace("Execution Time: ", "")}  ${q.text.replace(/\s+/g, " ").slice(0, 220)}`);
      if (flags.plans) for (const l of lines) console.log(`     ${l}`);
      else console.log(`     ${lines[0]}`);
    }
  }
  await client.end();
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  process.exit(1);
});
