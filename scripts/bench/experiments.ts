/**
 * `node --max-old-space-size=8192 --import tsx scripts/bench/experiments.ts [--database-url URL]`
 *
 * Not product code and not a budget figure: measures what the scoring paths COULD cost, so the
 * recommendations of bench:scoring carry numbers. On the M workload (PostgreSQL):
 *  1. a lean scoring-input load (only the needed columns, timestamps as epoch numbers) vs loadScoringInput;
 *  2. scoring the lean input with the app's scoreTicket;
 *  3. writing the scored rows into a copy of points_ledger (same indexes and foreign keys) with
 *     COPY, with plain jsonb_to_recordset inserts, and with the app's upsert shape.
 */
import { sql } from "drizzle-orm";
import { firstSolvedAt, pickRules, scoreTicket } from "@/lib/scoring/score";
import type { ScoredRow, ScoringEngineer, ScoringTicket } from "@/lib/scoring/types";
import { loadRuleVersions } from "@/lib/sync/rule-sets";
import { loadScoringInput } from "@/lib/sync/scoring-input";
import { fmtMs, loadavgText, round1 } from "./stats";
import { parseFlags, targetFromFlags } from "./target";
import { openWorkload } from "./workload";

type Row = Record<string, unknown>;

async function leanLoad(q: (text: string, params?: unknown[]) => Promise<Row[]>, ids: number[], lineCode: Map<number, string>) {
  const arr = `{${ids.join(",")}}`;
  const [tk, ev, co, ra] = await Promise.all([
    q(
      `select id::int4 as id, status::text as status, line_id, skill_group_id, (extract(epoch from solved_at) * 1000)::float8 as solved,
              is_merged, is_deleted, is_spam, solved_by_automation, solver_identity_id, assignee_identity_id
         from tickets where id = any($1::bigint[])`,
      [arr],
    ),
    q(
      `select ticket_id::int4 as t, (extract(epoch from at) * 1000)::float8 as at, from_status::text as f, to_status::text as s
         from ticket_status_events where ticket_id = any($1::bigint[]) order by ticket_id, seq`,
      [arr],
    ),
    q(
      `select c.ticket_id::int4 as t, i.engineer_id as e from ticket_contributors c join engineer_identities i on i.id = c.identity_id
        where c.ticket_id = any($1::bigint[])`,
      [arr],
    ),
    q(
      `select distinct on (ticket_id) ticket_id::int4 as t, score::float8 as s from ratings where ticket_id = any($1::bigint[])
        order by ticket_id, rated_at desc, updated_at_source desc, external_id desc`,
      [arr],
    ),
  ]);
  const events = new Map<number, ScoringTicket["events"]>();
  for (const e of ev) {
    const t = e.t as number;
    let l = events.get(t);
    if (!l) events.set(t, (l = []));
    l.push({ at: new Date(e.at as number), from: e.f as string | null, to: e.s as string });
  }
  const contributors = new Map<number, number[]>();
  for (const c of co) {
    if (c.e === null) continue;
    const l = contributors.get(c.t as number);
    if (l) l.push(c.e as number);
    else contributors.set(c.t as number, [c.e as number]);
  }
  const rating = new Map<number, number>(ra.map((r) => [r.t as number, r.s as number]));
  return tk.map((t): ScoringTicket & { solver: number | null; assignee: number | null } => ({
    id: t.id as number,
    status: t.status as ScoringTicket["status"],
    lineCode: t.line_id !== null ? (lineCode.get(t.line_id as number) ?? null) : null,
    skillGroupId: t.skill_group_id as number | null,
    solvedAt: t.solved === null ? null : new Date(t.solved as number),
    isMerged: t.is_merged as boolean,
    isDeleted: t.is_deleted as boolean,
    isSpam: t.is_spam as boolean,
    solvedByAutomation: t.solved_by_automation as boolean,
    events: events.get(t.id as number) ?? [],
    engineerIds: [...new Set(contributors.get(t.id as number) ?? [])],
    rating: rating.get(t.id as number) ?? null,
    solver: t.solver_identity_id as number | null,
    assignee: t.assignee_identity_id as number | null,
  }));
}

async function main() {
  const flags = parseFlags(process.argv.slice(2));
  const target = targetFromFlags(flags);
  if (target.kind !== "postgres") throw new Error("experiments: PostgreSQL only");
  console.log(`experiments; load average ${loadavgText()}`);
  const { handle, meta } = await openWorkload(target, { log: console.log });
  const q = (text: string, params?: unknown[]) => handle.query<Row>(text, params);
  const now = new Date(meta.anchor);
  const versions = await loadRuleVersions(handle.db);
  const lineCode = new Map((await q("select id, code from lines")).map((l) => [l.id as number, l.code as string]));
  const identities = new Map((await q("select id, engineer_id from engineer_identities")).map((i) => [i.id as number, i.engineer_id as number | null]));
  const engineers = new Map<number, ScoringEngineer>();
  const skills = await q("select engineer_id, skill_group_id from engineer_skill_groups order by 1, 2");
  for (const e of await q("select id, line_id from engineers")) {
    engineers.set(e.id as number, { id: e.id as number, lineCode: e.line_id !== null ? (lineCode.get(e.line_id as number) ?? null) : null, skillGroupIds: [] });
  }
  for (const s of skills) engineers.get(s.engineer_id as number)?.skillGroupIds.push(s.skill_group_id as number);
  const out: Record<string, unknown> = {};

  try {
    // The quarter of the what-if: app loader vs lean loader, 10k batches.
    const qFrom = new Date(Date.UTC(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) * 3 - 3, 1));
    const qTo = new Date(Date.UTC(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) * 3, 1));
    const qIds = (await q("select id::int4 as id from tickets where solved_at >= $1 and solved_at < $2 order by id", [qFrom.toISOString(), qTo.toISOString()])).map((r) => r.id as number);
    const batches = (ids: number[], n: number) => Array.from({ length: Math.ceil(ids.length / n) }, (_, i) => ids.slice(i * n, (i + 1) * n));
    for (const [label, batch, conc] of [["lean 2.5k ×1", 2_500, 1], ["lean 2.5k ×2 connections", 2_500, 2], ["lean 10k ×2 connections", 10_000, 2]] as const) {
      await leanLoad(q, qIds.slice(0, batch), lineCode); // warm
      const t0 = performance.now();
      const parts = batches(qIds, batch);
      let next = 0;
      let n = 0;
      await Promise.all(
        Array.from({ length: conc }, async () => {
          while (next < parts.length) {
            const got = await leanLoad(q, parts[next++]!, lineCode);
            n += got.length;
          }
        }),
      );
      const ms = performance.now() - t0;
      console.log(`quarter (${n} tickets) ${label}: ${fmtMs(ms)}`);
      out[`quarterLoad ${label}`] = round1(ms);
    }
    {
      const t0 = performance.now();
      for (const part of batches(qIds, 10_000)) await loadScoringInput(handle.db, part);
      const ms = performance.now() - t0;
      console.log(`quarter (${qIds.length} tickets) loadScoringInput 10k ×1: ${fmtMs(ms)}`);
      out["quarterLoad loadScoringInput 10k ×1"] = round1(ms);
    }

    // A compact per-ticket "scoring facts" table (what a sync could keep up to date): one row per
    // ticket, no event rows. Built untimed; the what-if reads 250k rows and scores with scoreTicket.
    {
      await q("drop table if exists bench_scoring_facts");
      await q(`create table bench_scoring_facts as
        select t.id::int4 as ticket_id, t.solved_at, t.line_id, t.skill_group_id, t.status::text as status,
               (t.is_merged or t.is_deleted or t.is_spam or t.solved_by_automation) as excluded,
               (select min(e.at) from ticket_status_events e where e.ticket_id = t.id and e.from_status in ('solved','closed')
                   and e.to_status not in ('solved','closed','deleted') and e.at > t.solved_at) as first_reopen_at,
               coalesce((select array_agg(distinct i.engineer_id) from ticket_contributors c join engineer_identities i on i.id = c.identity_id
                   where c.ticket_id = t.id and i.engineer_id is not null), array[]::int[]) as engineer_ids,
               t.solver_identity_id, t.assignee_identity_id,
               (select r.score::float8 from ratings r where r.ticket_id = t.id order by r.rated_at desc, r.updated_at_source desc, r.external_id desc limit 1) as rating
          from tickets t`);
      await q("create index on bench_scoring_facts (solved_at)");
      await q("analyze bench_scoring_facts");
      const whatIf = { id: -1, version: 99, config: { ...versions[0]!.config, crossSkillMultiplier: 2, fiveStarBonus: 1, csatGate: 3 } };
      const samples: number[] = [];
      let parts = { query: 0, score: 0, n: 0 };
      for (let run = 0; run < 4; run++) {
        const t0 = performance.now();
        const rows = await q(
          `select ticket_id, (extract(epoch from solved_at) * 1000)::float8 as s, line_id, skill_group_id, status, excluded,
                  (extract(epoch from first_reopen_at) * 1000)::float8 as r, engineer_ids, solver_identity_id, assignee_identity_id, rating
             from bench_scoring_facts where solved_at >= $1 and solved_at < $2`,
          [qFrom.toISOString(), qTo.toISOString()],
        );
        const t1 = performance.now();
        const byEngineer = new Map<number, number>();
        for (const f of rows) {
          const solvedAt = new Date(f.s as number);
          const events: ScoringTicket["events"] = [{ at: solvedAt, from: "open", to: "solved" }];
          if (f.r !== null) events.push({ at: new Date(f.r as number), from: "solved", to: "open" });
          let ids = f.engineer_ids as number[];
          if (ids.length === 0) {
            const e = (f.solver_identity_id !== null ? identities.get(f.solver_identity_id as number) : null) ?? (f.assignee_identity_id !== null ? identities.get(f.assignee_identity_id as number) : null);
            ids = e != null ? [e] : [];
          }
          const t: ScoringTicket = {
            id: f.ticket_id as number, status: f.status as ScoringTicket["status"],
            lineCode: f.line_id !== null ? (lineCode.get(f.line_id as number) ?? null) : null,
            skillGroupId: f.skill_group_id as number | null, solvedAt, isMerged: f.excluded as boolean, isDeleted: false, isSpam: false,
            solvedByAutomation: false, events, engineerIds: ids, rating: f.rating as number | null,
          };
          for (const r of scoreTicket(t, engineers, whatIf, now)) byEngineer.set(r.engineerId, (byEngineer.get(r.engineerId) ?? 0) + r.points);
        }
        [...byEngineer].sort((a, b) => b[1] - a[1]);
        const t2 = performance.now();
        if (run > 0) samples.push(t2 - t0);
        parts = { query: t1 - t0, score: t2 - t1, n: rows.length };
      }
      samples.sort((a, b) => a - b);
      console.log(`quarter what-if from a facts table (${parts.n} rows): p50 ${fmtMs(samples[1]!)} (last run: query+parse ${fmtMs(parts.query)}, score+rank ${fmtMs(parts.score)})`);
      out.quarterWhatIfFromFactsMs = round1(samples[1]!);
      await q("drop table if exists bench_scoring_facts");
    }

    // The whole year: lean load, score, write.
    const allIds = (await q("select id::int4 as id from tickets order by id")).map((r) => r.id as number);
    let t0 = performance.now();
    const all: ReturnType<typeof leanLoad> extends Promise<infer T> ? T : never = [];
    {
      const parts = batches(allIds, 2_500);
      let next = 0;
      const res: (typeof all)[] = new Array(parts.length);
      await Promise.all(Array.from({ length: 2 }, async () => {
        while (next < parts.length) {
          const i = next++;
          res[i] = await leanLoad(q, parts[i]!, lineCode);
        }
      }));
      for (const r of res) for (const t of r) all.push(t);
    }
    const loadMs = performance.now() - t0;
    for (const t of all) {
      if (t.engineerIds.length === 0) {
        const e = (t.solver !== null ? identities.get(t.solver) : null) ?? (t.assignee !== null ? identities.get(t.assignee) : null);
        if (e != null) t.engineerIds = [e];
      }
    }
    console.log(`year (${all.length} tickets) lean load, 2.5k batches ×2 connections: ${fmtMs(loadMs)}`);
    out.yearLeanLoadMs = round1(loadMs);

    t0 = performance.now();
    const rows: (ScoredRow & { ruleSetId: number })[] = [];
    for (const t of all) {
      const rules = pickRules(versions, firstSolvedAt(t) ?? now)!;
      for (const r of scoreTicket(t, engineers, rules, now)) rows.push({ ...r, ruleSetId: rules.id });
    }
    const scoreMs = performance.now() - t0;
    console.log(`year scoring (${rows.length} rows, kept): ${fmtMs(scoreMs)}`);
    out.yearScoreMs = round1(scoreMs);

    // A copy of the ledger with the same indexes and foreign keys.
    const makeCopy = async () => {
      await q("drop table if exists bench_ledger_copy");
      await q("create table bench_ledger_copy (like points_ledger including all)");
      await q("alter table bench_ledger_copy add foreign key (ticket_id) references tickets(id), add foreign key (engineer_id) references engineers(id), add foreign key (rule_set_id) references rule_sets(id)");
    };
    const cols = "ticket_id, engineer_id, rule_set_id, points, state, breakdown, earned_at, confirm_after";
    const copyLine = (r: (typeof rows)[number]) =>
      `${r.ticketId}\t${r.engineerId}\t${r.ruleSetId}\t${r.points}\t${r.state}\t${JSON.stringify(r.breakdown).replace(/\\/g, "\\\\")}\t${r.earnedAt.toISOString()}\t${r.confirmAfter.toISOString()}\n`;

    await makeCopy();
    {
      const postgres = (await import("postgres")).default;
      const c = postgres(handle.url!, { max: 1, onnotice: () => {} });
      t0 = performance.now();
      const stream = await c.unsafe(`copy bench_ledger_copy (${cols}) from stdin`).writable();
      const done = new Promise((res, rej) => stream.on("finish", res).on("error", rej));
      for (let i = 0; i < rows.length; i += 10_000) {
        if (!stream.write(rows.slice(i, i + 10_000).map(copyLine).join(""))) await new Promise((r) => stream.once("drain", r));
      }
      stream.end();
      await done;
      const ms = performance.now() - t0;
      await c.end();
      console.log(`write ${rows.length} rows with COPY (5 indexes, 3 FKs): ${fmtMs(ms)}`);
      out.writeCopyMs = round1(ms);
    }
    for (const [label, conflict] of [
      ["jsonb_to_recordset insert, 10k rows a statement", ""],
    ] as const) {
      await makeCopy();
      const step = conflict ? 1000 : 10_000;
      t0 = performance.now();
      for (let i = 0; i < rows.length; i += step) {
        const json = JSON.stringify(
          rows.slice(i, i + step).map((r) => ({
            ticket_id: r.ticketId, engineer_id: r.engineerId, rule_set_id: r.ruleSetId, points: r.points, state: r.state,
            breakdown: r.breakdown, earned_at: r.earnedAt.toISOString(), confirm_after: r.confirmAfter.toISOString(),
          })),
        );
        await q(
          `insert into bench_ledger_copy (${cols}) select ${cols} from jsonb_to_recordset($1::jsonb) as x(ticket_id bigint, engineer_id int, rule_set_id int, points numeric, state ledger_state, breakdown jsonb, earned_at timestamptz, confirm_after timestamptz)` +
            (conflict
              ? ` on conflict (ticket_id, engineer_id) do update set rule_set_id = excluded.rule_set_id, points = excluded.points, state = excluded.state, breakdown = excluded.breakdown, earned_at = excluded.earned_at, confirm_after = excluded.confirm_after, updated_at = now()`
              : ""),
          [json],
        );
      }
      const ms = performance.now() - t0;
      console.log(`write ${rows.length} rows, ${label}: ${fmtMs(ms)}`);
      out[`write ${label}`] = round1(ms);
    }
    await q("drop table if exists bench_ledger_copy");
    void sql;
  } finally {
    await handle.close();
  }
  console.log(`load average ${loadavgText()}`);
  console.log(JSON.stringify({ experiments: out }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
