/**
 * `npm run bench:scoring [-- --database-url URL | --data-dir DIR] [--only pure,rebuild,whatif,page] [--profile]`
 *
 * Scoring performance on workload M (generated first when the database is missing or empty), with
 * the app's own functions: (a) pure scoreTicket over every ticket, (b) rescoreAll rebuilding the
 * ledger, (c) a one-quarter what-if preview under changed rules, (d) rescoreTickets on 1,000-ticket
 * sync pages. Human-readable lines, then one JSON object as the LAST line.
 */
import { asc, gte, lt, and } from "drizzle-orm";
import { pointsLedger, tickets as ticketsTable } from "@/db/schema";
import { anyOf, chunks } from "@/lib/sync/bulk";
import type { Db } from "@/db/client";
import { RuleConfigSchema } from "@/lib/scoring/rules";
import { firstSolvedAt, pickRules, scoreTicket, type VersionedRules } from "@/lib/scoring/score";
import type { ScoringEngineer, ScoringTicket } from "@/lib/scoring/types";
import { rescoreAll, rescoreTickets } from "@/lib/sync/rescore";
import { loadRuleVersions, type RuleVersion } from "@/lib/sync/rule-sets";
import { loadScoringInput } from "@/lib/sync/scoring-input";
import { inRolledBackTx, profileBatch, profileInputQueries, type BatchPhases } from "./bench/profile";
import { describeFigure, figure, fmtMs, loadavgText, machine, percentile, round1, timed, type Figure } from "./bench/stats";
import { describeTarget, parseFlags, targetFromFlags } from "./bench/target";
import { openWorkload } from "./bench/workload";

const BUDGET = { pure: 2_000, rebuild: 30_000, whatif: 1_500, page: 200 };
const PART_NAMES = ["pure", "rebuild", "whatif", "page"] as const;
type Part = (typeof PART_NAMES)[number];

const log = (m: string) => console.log(m);

async function allIds(db: Db): Promise<number[]> {
  const rows = await db.select({ id: ticketsTable.id }).from(ticketsTable).orderBy(asc(ticketsTable.id));
  return rows.map((r) => r.id);
}

/** Loads scoring input for many tickets in batches (sequential, or `concurrency` at a time). */
async function loadInputs(db: Db, ids: number[], batch: number, concurrency = 1) {
  const parts = chunks(ids, batch);
  const results: Awaited<ReturnType<typeof loadScoringInput>>[] = new Array(parts.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < parts.length) {
        const i = next++;
        results[i] = await loadScoringInput(db, parts[i]!);
      }
    }),
  );
  const tickets: ScoringTicket[] = [];
  const engineers = new Map<number, ScoringEngineer>();
  for (const r of results) {
    for (const t of r.tickets) tickets.push(t);
    for (const [id, e] of r.engineers) engineers.set(id, e);
  }
  return { tickets, engineers };
}

function scoreAll(tickets: ScoringTicket[], engineers: ReadonlyMap<number, ScoringEngineer>, versions: RuleVersion[], now: Date) {
  let rows = 0;
  let points = 0;
  for (const t of tickets) {
    const rules = pickRules(versions, firstSolvedAt(t) ?? now)!;
    for (const r of scoreTicket(t, engineers, rules, now)) {
      rows++;
      points += r.points;
    }
  }
  return { rows, points: Math.round(points * 1000) / 1000 };
}

/** The last whole calendar quarter (UTC) before `anchor`. */
function lastQuarter(anchor: Date): { from: Date; to: Date; label: string } {
  const y = anchor.getUTCFullYear();
  const q = Math.floor(anchor.getUTCMonth() / 3);
  const to = new Date(Date.UTC(y, q * 3, 1));
  const from = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() - 3, 1));
  return { from, to, label: `${from.getUTCFullYear()}-Q${Math.floor(from.getUTCMonth() / 3) + 1}` };
}

async function main() {
  const flags = parseFlags(process.argv.slice(2));
  const only = new Set<Part>((flags.only ? flags.only.split(",") : PART_NAMES) as Part[]);
  for (const p of only) if (!PART_NAMES.includes(p)) throw new Error(`--only takes ${PART_NAMES.join(",")}`);
  const doProfile = flags.profile !== "false";
  const target = targetFromFlags(flags);
  const loadStart = loadavgText();
  log(`bench:scoring on ${describeTarget(target)}; ${machine().cpus} cores; load average at start ${loadStart}`);
  const { handle, meta, generated } = await openWorkload(target, { size: (flags.size as "S" | "M") ?? "M", log });
  const db = handle.db;
  const now = new Date(meta.anchor);
  log(`workload ${meta.size} (seed ${meta.seed}), ${meta.tickets.toLocaleString("en")} tickets solved ${meta.start.slice(0, 10)} … ${meta.anchor.slice(0, 10)}; scoring "now" = ${meta.anchor}`);
  const versions = await loadRuleVersions(db);
  const figures: Record<string, Figure> = {};
  const info: Record<string, unknown> = {};

  try {
    // (a) Pure scoring, inputs preloaded in memory.
    if (only.has("pure")) {
      const ids = await allIds(db);
      const load = await timed(() => loadInputs(db, ids, Number(flags["load-batch"] ?? 2_000)));
      const { tickets, engineers } = load.result;
      log(`(a) preloaded ${tickets.length.toLocaleString("en")} scoring inputs with loadScoringInput in ${Number(flags["load-batch"] ?? 2_000) / 1000}k batches: ${fmtMs(load.ms)} (not in the figure)`);
      scoreAll(tickets, engineers, versions, now); // warm-up
      const samples: number[] = [];
      let out = { rows: 0, points: 0 };
      for (let i = 0; i < 5; i++) {
        const r = await timed(() => scoreAll(tickets, engineers, versions, now));
        samples.push(r.ms);
        out = r.result;
      }
      figures.pureScoring = figure(`(a) pure scoreTicket × ${tickets.length.toLocaleString("en")}`, samples, BUDGET.pure, {
        tickets: tickets.length,
        ledgerRows: out.rows,
        totalPoints: out.points,
        preloadMs: round1(load.ms),
      });
      log(describeFigure(figures.pureScoring));
    }

    // (c) What-if for one quarter under changed rules, ranked.
    if (only.has("whatif")) {
      const q = lastQuarter(now);
      // 2k: at 10k ids a batch, `ticket_id = any($1)` turns into a parallel seq scan of the status
      // events on M (1.1 s a batch instead of ~5 ms); see the profile lines.
      const batch = Number(flags["whatif-batch"] ?? 2_000);
      const base = versions.find((v) => v.version === Math.max(...versions.map((x) => x.version)))!;
      const whatIf: VersionedRules = {
        id: -1,
        version: base.version + 1,
        config: RuleConfigSchema.parse({ ...base.config, crossSkillMultiplier: 2, fiveStarBonus: 1, csatGate: 3 }),
      };
      const runOnce = async () => {
        const t0 = performance.now();
        const idRows = await db
          .select({ id: ticketsTable.id })
          .from(ticketsTable)
          .where(and(gte(ticketsTable.solvedAt, q.from), lt(ticketsTable.solvedAt, q.to)))
          .orderBy(asc(ticketsTable.id));
        const ids = idRows.map((r) => r.id);
        const t1 = performance.now();
        const { tickets, engineers } = await loadInputs(db, ids, batch);
        const t2 = performance.now();
        const byEngineer = new Map<number, number>();
        for (const t of tickets) for (const r of scoreTicket(t, engineers, whatIf, now)) byEngineer.set(r.engineerId, (byEngineer.get(r.engineerId) ?? 0) + r.points);
        const ranking = [...byEngineer].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
        const t3 = performance.now();
        return { total: t3 - t0, ids: t1 - t0, load: t2 - t1, score: t3 - t2, tickets: ids.length, engineers: ranking.length, top: ranking.slice(0, 3) };
      };
      await runOnce(); // warm-up (caches, JIT)
      const runs: Awaited<ReturnType<typeof runOnce>>[] = [];
      for (let i = 0; i < 3; i++) runs.push(await runOnce());
      const med = (k: "ids" | "load" | "score") => round1(percentile(runs.map((r) => r[k]), 50));
      figures.whatIf = figure(`(c) what-if ${q.label} (${runs[0]!.tickets.toLocaleString("en")} tickets, ${batch / 1000}k batches) ranked`, runs.map((r) => r.total), BUDGET.whatif, {
        quarter: q.label,
        tickets: runs[0]!.tickets,
        engineersRanked: runs[0]!.engineers,
        batch,
        phasesMs: { ids: med("ids"), loadScoringInput: med("load"), scoreAndRank: med("score") },
      });
      log(describeFigure(figures.whatIf));
      log(`    phases (p50): ids ${fmtMs(med("ids"))}, loadScoringInput ${fmtMs(med("load"))}, score+rank ${fmtMs(med("score"))}`);
    }

    // (b) Rebuild the whole ledger with rescoreAll.
    if (only.has("rebuild")) {
      await handle.query("truncate points_ledger cascade");
      const r = await timed(() => rescoreAll(db, now));
      figures.rebuild = figure(`(b) rescoreAll rebuild of the ledger`, [r.ms], BUDGET.rebuild, {
        tickets: r.result.tickets,
        written: r.result.written,
        ticketsPerSecond: Math.round(r.result.tickets / (r.ms / 1000)),
      });
      log(describeFigure(figures.rebuild));
      log(`    ${r.result.tickets.toLocaleString("en")} tickets, ${r.result.written.toLocaleString("en")} rows written, ${figures.rebuild.ticketsPerSecond} tickets/s`);
      if (handle.kind === "postgres") await handle.query("vacuum analyze points_ledger");
      else await handle.query("analyze points_ledger");
    }

    // (d) One 1,000-ticket sync page through rescoreTickets, in a rolled-back transaction each.
    if (only.has("page")) {
      const [{ max }] = (await handle.query<{ max: string }>("select max(id) as max from tickets")) as [{ max: string }];
      const maxId = Number(max);
      const pages = Array.from({ length: 9 }, (_, i) => {
        const start = 1 + Math.floor(((i + 0.5) / 9) * (maxId - 1000));
        return Array.from({ length: 1000 }, (_, j) => start + j);
      });
      const freshMs: number[] = [];
      const sameMs: number[] = [];
      for (const [i, ids] of pages.entries()) {
        // New tickets: their ledger rows do not exist yet, so the page writes them.
        const fresh = await inRolledBackTx(db, async (tx) => {
          await tx.delete(pointsLedger).where(anyOf(pointsLedger.ticketId, ids));
          return timed(() => rescoreTickets(tx, ids, now));
        });
        // Tickets seen before: every row compared, none changed.
        const same = await inRolledBackTx(db, async (tx) => {
          await rescoreTickets(tx, ids, now);
          return timed(() => rescoreTickets(tx, ids, now));
        });
        if (i === 0) continue; // warm-up page
        freshMs.push(fresh.ms);
        sameMs.push(same.ms);
      }
      figures.syncPage = figure(`(d) rescoreTickets, 1,000-ticket page of new tickets`, freshMs, BUDGET.page, {
        unchangedPage: { p50: round1(percentile(sameMs, 50)), p95: round1(percentile(sameMs, 95)) },
      });
      log(describeFigure(figures.syncPage));
      log(`    same pages rescored again (all rows compared, none changed): p50 ${fmtMs(percentile(sameMs, 50))}, p95 ${fmtMs(percentile(sameMs, 95))}`);
    }

    // Where the time goes: rescoreTickets' steps on sample batches, and loadScoringInput's queries.
    if (doProfile && (only.has("rebuild") || only.has("page") || only.has("whatif"))) {
      const [{ max }] = (await handle.query<{ max: string }>("select max(id) as max from tickets")) as [{ max: string }];
      const maxId = Number(max);
      const sample = (i: number, n: number, size: number) => {
        const start = 1 + Math.floor(((i + 0.25) / n) * (maxId - size));
        return Array.from({ length: size }, (_, j) => start + j);
      };
      const phases = async (fresh: boolean) => {
        const all: BatchPhases[] = [];
        for (let i = 0; i < 6; i++) all.push(await profileBatch(db, sample(i, 6, 1000), versions, now, fresh));
        const keys = ["loadInput", "score", "selectLedger", "compare", "write"] as const;
        return Object.fromEntries(keys.map((k) => [k, round1(percentile(all.slice(1).map((p) => p[k]), 50))]));
      };
      const freshPhases = await phases(true);
      const samePhases = await phases(false);
      log(`profile: rescoreTickets steps per 1,000-ticket batch (p50 of 5), new tickets:  ${Object.entries(freshPhases).map(([k, v]) => `${k} ${v} ms`).join(", ")}`);
      log(`profile: rescoreTickets steps per 1,000-ticket batch (p50 of 5), unchanged:    ${Object.entries(samePhases).map(([k, v]) => `${k} ${v} ms`).join(", ")}`);
      const q1k = await profileInputQueries(handle, sample(1, 3, 1000));
      const q10k = await profileInputQueries(handle, sample(2, 3, 10_000));
      const fmtQ = (q: Record<string, { clientMs: number; serverMs: number; rows: number }>) =>
        Object.entries(q).map(([k, v]) => `${k} ${v.clientMs} ms client / ${v.serverMs} ms server (${v.rows} rows)`).join("; ");
      log(`profile: queries for 1,000 tickets:  ${fmtQ(q1k)}`);
      log(`profile: queries for 10,000 tickets: ${fmtQ(q10k)}`);
      info.profile = { rescoreBatch1000: { newTickets: freshPhases, unchanged: samePhases }, queries1000: q1k, queries10000: q10k };
    }
  } finally {
    await handle.close();
  }

  const loadEnd = loadavgText();
  log(`load average at end ${loadEnd}`);
  const all = Object.values(figures);
  log(`${all.filter((f) => f.pass).length}/${all.length} within budget`);
  console.log(
    JSON.stringify({
      bench: "scoring",
      target: target.kind,
      workload: meta,
      generatedNow: generated,
      machine: { ...machine(), loadavgStart: loadStart, loadavgEnd: loadEnd },
      figures,
      ...info,
      pass: all.every((f) => f.pass),
    }),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
