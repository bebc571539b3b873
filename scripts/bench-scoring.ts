/**
 * `npm run bench:scoring [-- --database-url URL | --data-dir DIR] [--only pure,rebuild,whatif,page] [--profile]`
 *
 * Scoring performance on workload M (generated first when the database is missing or empty), with
 * the app's own functions: (a) pure scoreTicket over every ticket, (b) rescoreAll rebuilding the
 * ledger, (c) a one-quarter what-if preview under changed rules, (d) rescoreTickets on 1,000-ticket
 * sync pages. Human-readable lines, then one JSON object as the LAST line.
 */
import { pointsLedger } from "@/db/schema";
import { anyOf } from "@/lib/sync/bulk";
import { RuleConfigSchema } from "@/lib/scoring/rules";
import { firstSolvedAt, rulesPicker, scoreTicket } from "@/lib/scoring/score";
import type { ScoringEngineer, ScoringTicket } from "@/lib/scoring/types";
import { rescoreTickets } from "@/lib/sync/rescore";
import { rebuildLedger } from "@/lib/sync/rebuild";
import { rawRows } from "@/lib/sync/raw";
import { loadScoringContext, loadTicketRange } from "@/lib/sync/scoring-range";
import { computeWhatIf } from "@/lib/rules-editor/what-if";
import { forgetQuarterInput } from "@/lib/rules-editor/what-if-data";
import type { Viewer } from "@/lib/auth/policy";
import { loadRuleVersions, type RuleVersion } from "@/lib/sync/rule-sets";
import { inRolledBackTx, profileBatch, profileInputQueries, type BatchPhases } from "./bench/profile";
import { cpuMark, cpuSince, describeFigure, figure, fmtMs, loadavgText, machine, percentile, round1, timed, type Figure } from "./bench/stats";
import { describeTarget, parseFlags, targetFromFlags } from "./bench/target";
import { openWorkload } from "./bench/workload";

const BUDGET = { pure: 2_000, rebuild: 30_000, whatif: 1_500, page: 200 };
const PART_NAMES = ["pure", "rebuild", "whatif", "page"] as const;
type Part = (typeof PART_NAMES)[number];

const log = (m: string) => console.log(m);

function scoreAll(tickets: ScoringTicket[], engineers: ReadonlyMap<number, ScoringEngineer>, versions: RuleVersion[], now: Date) {
  let rows = 0;
  let points = 0;
  const pick = rulesPicker(versions);
  for (const t of tickets) {
    const rules = pick(firstSolvedAt(t) ?? now)!;
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
  // CPU of the PostgreSQL backends serving this database (read from /proc); PGlite runs in-process.
  const pgq = handle.kind === "postgres" ? (q: string) => handle.query<{ pid: number }>(q) : null;
  const cpuLine = (f: Figure) =>
    `    CPU: this process ${fmtMs(f.clientCpuMs as number)}, PostgreSQL backends ${fmtMs(f.serverCpuMs as number)}; load average ${f.loadavg as string}`;
  const info: Record<string, unknown> = {};

  try {
    // (a) Pure scoring, inputs preloaded in memory.
    if (only.has("pure")) {
      const load = await timed(async () => {
        const ctx = await loadScoringContext(db);
        const [[maxId]] = (await rawRows(db, "select coalesce(max(id), 0)::float8 from tickets")) as [[number]];
        const tickets: ScoringTicket[] = [];
        for (let lo = 1; lo <= maxId; lo += 25_000) for (const t of await loadTicketRange(db, ctx, lo, lo + 24_999)) tickets.push(t);
        return { tickets, engineers: ctx.engineers };
      });
      const { tickets, engineers } = load.result;
      log(`(a) preloaded ${tickets.length.toLocaleString("en")} scoring inputs with loadTicketRange: ${fmtMs(load.ms)} (not in the figure)`);
      scoreAll(tickets, engineers, versions, now); // warm-up
      const samples: number[] = [];
      const cpu: number[] = [];
      let out = { rows: 0, points: 0 };
      for (let i = 0; i < 5; i++) {
        const c0 = process.cpuUsage();
        const r = await timed(() => scoreAll(tickets, engineers, versions, now));
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
        samples.push(r.ms);
        out = r.result;
      }
      figures.pureScoring = figure(`(a) pure scoreTicket × ${tickets.length.toLocaleString("en")}`, samples, BUDGET.pure, {
        tickets: tickets.length,
        ledgerRows: out.rows,
        totalPoints: out.points,
        preloadMs: round1(load.ms),
        // On a shared machine wall time waits for the CPU; this is the CPU the process used (all threads, GC included).
        processCpuMsP50: round1(percentile(cpu, 50)),
        clientCpuMs: round1(percentile(cpu, 50)),
        serverCpuMs: 0,
        loadavg: loadavgText(),
      });
      log(describeFigure(figures.pureScoring));
      log(`    CPU used by this process per pass: p50 ${fmtMs(percentile(cpu, 50))} (wall time above includes waiting for a core); load average ${loadavgText()}`);
    }

    // (c) What-if for one quarter under changed rules: the app's computeWhatIf, as the editor calls it.
    if (only.has("whatif")) {
      const q = lastQuarter(now);
      const base = versions.find((v) => v.version === Math.max(...versions.map((x) => x.version)))!;
      const draftConfig = RuleConfigSchema.parse({ ...base.config, crossSkillMultiplier: 2, fiveStarBonus: 1, csatGate: 3 });
      // "now" at the end of that quarter, so the quarter is the editor's current one, whole.
      const qNow = new Date(q.to.getTime() - 1);
      const admin: Viewer = { userId: 0, email: "bench@example.com", name: "bench", role: "admin", engineerId: null, teamId: null, locale: "en" };
      const runOnce = async () => {
        const m = await cpuMark(pgq);
        const t0 = performance.now();
        const w = await computeWhatIf(db, admin, { config: draftConfig, effectiveFrom: q.from, now: qNow });
        const total = performance.now() - t0;
        const c = await cpuSince(m, pgq);
        return { total, cpu: c.clientMs, serverCpu: c.serverMs, tickets: w.ticketsScored, engineers: w.rows.length };
      };
      forgetQuarterInput();
      const cold = await runOnce(); // reads the quarter into memory
      const runs: Awaited<ReturnType<typeof runOnce>>[] = [];
      for (let i = 0; i < 5; i++) runs.push(await runOnce());
      figures.whatIf = figure(`(c) what-if ${q.label} (${cold.tickets.toLocaleString("en")} tickets) ranked, quarter in memory`, runs.map((r) => r.total), BUDGET.whatif, {
        quarter: q.label,
        tickets: cold.tickets,
        engineersRanked: cold.engineers,
        coldFirstPreviewMs: round1(cold.total),
        coldClientCpuMs: cold.cpu,
        coldServerCpuMs: cold.serverCpu,
        processCpuMsP50: round1(percentile(runs.map((r) => r.cpu), 50)),
        clientCpuMs: round1(percentile(runs.map((r) => r.cpu), 50)),
        serverCpuMs: round1(percentile(runs.map((r) => r.serverCpu), 50)),
        loadavg: loadavgText(),
      });
      log(describeFigure(figures.whatIf));
      log(cpuLine(figures.whatIf));
      log(`    cold: CPU this process ${fmtMs(cold.cpu)}, PostgreSQL backends ${fmtMs(cold.serverCpu)}`);
      log(`    first preview after a data change (reads the quarter from the database): ${fmtMs(cold.total)}; CPU of this process per cached preview p50 ${fmtMs(percentile(runs.map((r) => r.cpu), 50))}`);
    }

    // (b) Rebuild the whole ledger with rescoreAll.
    if (only.has("rebuild")) {
      await handle.query("truncate points_ledger cascade");
      const m = await cpuMark(pgq);
      const r = await timed(() => rebuildLedger(db, now));
      const c = await cpuSince(m, pgq);
      figures.rebuild = figure(`(b) rescoreAll (rebuildLedger) rebuild of the ledger`, [r.ms], BUDGET.rebuild, {
        clientCpuMs: c.clientMs,
        serverCpuMs: c.serverMs,
        loadavg: loadavgText(),
        tickets: r.result.tickets,
        written: r.result.written,
        phasesMs: r.result.phasesMs,
        ticketsPerSecond: Math.round(r.result.tickets / (r.ms / 1000)),
      });
      log(describeFigure(figures.rebuild));
      log(cpuLine(figures.rebuild));
      log(`    ${r.result.tickets.toLocaleString("en")} tickets, ${r.result.written.toLocaleString("en")} rows written, ${figures.rebuild.ticketsPerSecond} tickets/s; phases (read overlaps score+stage) ${JSON.stringify(r.result.phasesMs)}`);
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
      const freshCpu: { clientMs: number; serverMs: number }[] = [];
      for (const [i, ids] of pages.entries()) {
        // New tickets: their ledger rows do not exist yet, so the page writes them.
        const fresh = await inRolledBackTx(db, async (tx) => {
          await tx.delete(pointsLedger).where(anyOf(pointsLedger.ticketId, ids));
          const m = await cpuMark(pgq);
          const r = await timed(() => rescoreTickets(tx, ids, now));
          return { ...r, cpu: await cpuSince(m, pgq) };
        });
        // Tickets seen before: every row compared, none changed.
        const same = await inRolledBackTx(db, async (tx) => {
          await rescoreTickets(tx, ids, now);
          return timed(() => rescoreTickets(tx, ids, now));
        });
        if (i === 0) continue; // warm-up page
        freshMs.push(fresh.ms);
        freshCpu.push(fresh.cpu);
        sameMs.push(same.ms);
      }
      figures.syncPage = figure(`(d) rescoreTickets, 1,000-ticket page of new tickets`, freshMs, BUDGET.page, {
        unchangedPage: { p50: round1(percentile(sameMs, 50)), p95: round1(percentile(sameMs, 95)) },
        clientCpuMs: round1(percentile(freshCpu.map((c) => c.clientMs), 50)),
        serverCpuMs: round1(percentile(freshCpu.map((c) => c.serverMs), 50)),
        loadavg: loadavgText(),
      });
      log(describeFigure(figures.syncPage));
      log(cpuLine(figures.syncPage));
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
