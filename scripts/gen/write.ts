import { once } from "node:events";
import type { Writable } from "node:stream";
import postgres from "postgres";
import { migrateDatabase, openDatabase, type DbHandle } from "@/db/client";
import { DEFAULT_RULES } from "@/lib/scoring/rules";
import { LINES, generateTicket, makeContext, type GenContext, type GenTicket, type SizeSpec } from "./model";

/**
 * Stores the workload: the organisation with ordinary inserts, then tickets, status events,
 * contributors and ratings with COPY (four streams fed from one pass over the tickets).
 * PostgreSQL: COPY FROM STDIN over four connections. PGlite: COPY FROM '/dev/blob' per chunk.
 * The ledger is not written: rebuilding it is what the benchmarks measure.
 */

export const BENCH_CONNECTION_NAME = "bench";

export type GenMeta = { size: string; seed: number; anchor: string; start: string; tickets: number; generatedAt: string };

export type Target = { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };

const TABLES = {
  tickets: [
    "id", "connection_id", "external_id", "subject", "status", "raw_status", "group_external_id", "skill_group_id", "line_id",
    "assignee_identity_id", "solver_identity_id", "priority", "ticket_type", "created_at_source", "updated_at_source",
    "solved_at", "reopen_count", "is_merged", "is_deleted", "is_spam", "solved_by_automation",
  ],
  ticket_status_events: ["ticket_id", "seq", "at", "from_status", "to_status", "actor_identity_id", "public_agent_reply"],
  ticket_contributors: ["ticket_id", "identity_id", "public_replies", "handle_seconds"],
  ratings: [
    "id", "connection_id", "external_id", "ticket_external_id", "ticket_id", "rated_identity_id", "scale", "raw_value",
    "score", "comment", "rated_at", "updated_at_source",
  ],
} as const;
type Table = keyof typeof TABLES;

/** COPY text format: our values never hold tabs, newlines or backslashes except in free text. */
const esc = (s: string) => (/[\t\n\r\\]/.test(s) ? s.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r") : s);
const iso = (ms: number) => new Date(ms).toISOString();
const nul = (v: number | null) => (v === null ? "\\N" : String(v));
const RAW_STATUS: Record<string, string> = { new: "New", open: "Open", pending: "Pending", solved: "Solved", closed: "Closed", deleted: "Deleted" };

/** Appends a ticket's rows, in COPY text format, to the four buffers. */
export function ticketLines(t: GenTicket, connectionId: number, out: Record<Table, string[]>): void {
  out.tickets.push(
    `${t.id}\t${connectionId}\t${t.externalId}\t${esc(t.subject)}\t${t.status}\t${RAW_STATUS[t.status]}\t${t.groupExternalId}\t${t.skillId}\t${t.lineId}\t` +
      `${nul(t.assignee)}\t${nul(t.solver)}\t${t.priority}\t${t.type}\t${iso(t.createdAt)}\t${iso(t.updatedAt)}\t` +
      `${t.solvedAt === null ? "\\N" : iso(t.solvedAt)}\t${t.reopenCount}\t${t.merged ? "t" : "f"}\t${t.deleted ? "t" : "f"}\t${t.spam ? "t" : "f"}\t${t.automation ? "t" : "f"}\n`,
  );
  const ev = out.ticket_status_events;
  for (let i = 0; i < t.events.length; i++) {
    const e = t.events[i]!;
    ev.push(`${t.id}\t${i}\t${iso(e.at)}\t${e.from ?? "\\N"}\t${e.to}\t${nul(e.actor)}\t${e.publicReply ? "t" : "f"}\n`);
  }
  for (const c of t.contributors) out.ticket_contributors.push(`${t.id}\t${c.identityId}\t${c.publicReplies}\t${c.handleSeconds}\n`);
  for (const r of t.ratings) {
    out.ratings.push(
      `${r.id}\t${connectionId}\t${r.externalId}\t${t.externalId}\t${t.id}\t${nul(r.identityId)}\tone_to_five\t${r.score}\t${r.score}\t` +
        `${r.comment === null ? "\\N" : esc(r.comment)}\t${iso(r.ratedAt)}\t${iso(r.ratedAt)}\n`,
    );
  }
}

type Sink = { write(table: Table, text: string): Promise<void>; finish(): Promise<void> };

/** Four COPY FROM STDIN streams on four connections; writes wait when a stream is full. */
async function postgresSink(url: string): Promise<Sink> {
  const clients = Object.keys(TABLES).map(() => postgres(url, { max: 1, onnotice: () => {} }));
  const streams = {} as Record<Table, Writable>;
  const done: Promise<unknown>[] = [];
  let i = 0;
  for (const table of Object.keys(TABLES) as Table[]) {
    const sql = clients[i++]!;
    // Rows are consistent by construction: skip per-row FK triggers (superuser only, this session only).
    await sql`set session_replication_role = replica`.catch(() => {});
    await sql`set synchronous_commit = off`;
    const stream = await sql.unsafe(`copy ${table} (${TABLES[table].join(", ")}) from stdin`).writable();
    streams[table] = stream;
    done.push(new Promise((resolve, reject) => stream.on("finish", resolve).on("error", reject)));
  }
  return {
    async write(table, text) {
      if (!streams[table].write(text)) await once(streams[table], "drain");
    },
    async finish() {
      for (const s of Object.values(streams)) s.end();
      await Promise.all(done);
      await Promise.all(clients.map((c) => c.end({ timeout: 5 })));
    },
  };
}

/** PGlite: one COPY FROM '/dev/blob' per table per chunk, in the order the foreign keys need. */
function pgliteSink(handle: DbHandle): Sink {
  const client = (handle.db as unknown as { $client: { query(q: string, p?: unknown[], o?: { blob?: Blob }): Promise<unknown> } }).$client;
  const pending: Record<Table, string[]> = { tickets: [], ticket_status_events: [], ticket_contributors: [], ratings: [] };
  return {
    async write(table, text) {
      pending[table].push(text);
      if (table === "ratings") {
        // The last table of a chunk: flush the chunk in order.
        for (const t of Object.keys(TABLES) as Table[]) {
          if (pending[t].length === 0) continue;
          await client.query(`copy ${t} (${TABLES[t].join(", ")}) from '/dev/blob'`, [], { blob: new Blob(pending[t]) });
          pending[t] = [];
        }
      }
    },
    async finish() {},
  };
}

export type Progress = (msg: string) => void;

/** Creates (or, for PGlite, empties) the target database and migrates it. */
export async function prepareTarget(target: Target, log: Progress): Promise<DbHandle> {
  if (target.kind === "postgres") {
    const url = new URL(target.url);
    const name = decodeURIComponent(url.pathname.slice(1));
    if (!/^[A-Za-z0-9_]+$/.test(name) || ["postgres", "template0", "template1"].includes(name)) throw new Error(`Refusing to recreate database "${name}".`);
    const admin = new URL(target.url);
    admin.pathname = "/postgres";
    const a = postgres(admin.toString(), { max: 1, onnotice: () => {} });
    try {
      log(`dropping and creating database ${name}`);
      await a.unsafe(`drop database if exists "${name}" with (force)`);
      await a.unsafe(`create database "${name}"`);
    } finally {
      await a.end();
    }
    const handle = await openDatabase({ kind: "postgres", url: target.url, max: 4 });
    await migrateDatabase(handle);
    return handle;
  }
  const fs = await import("node:fs");
  const path = await import("node:path");
  fs.rmSync(path.join(target.dataDir, "pglite"), { recursive: true, force: true });
  const handle = await openDatabase({ kind: "pglite", dataDir: target.dataDir });
  await migrateDatabase(handle);
  return handle;
}

async function insertOrg(handle: DbHandle, ctx: GenContext, meta: GenMeta): Promise<number> {
  const { org } = ctx;
  const q = (text: string, params: unknown[] = []) => handle.query(text, params);
  const json = (rows: unknown[]) => JSON.stringify(rows);
  await q(`insert into lines (id, code, name, sort_order) select id, code, name, sort_order from jsonb_to_recordset($1::jsonb) as x(id int, code text, name text, sort_order int)`, [
    json(LINES.map((l, i) => ({ id: l.id, code: l.code, name: l.name, sort_order: i }))),
  ]);
  await q(`insert into skill_groups (id, name) select id, name from jsonb_to_recordset($1::jsonb) as x(id int, name text)`, [json(org.skills)]);
  await q(`insert into teams (id, name) select id, name from jsonb_to_recordset($1::jsonb) as x(id int, name text)`, [json(org.teams)]);
  await q(
    `insert into engineers (id, display_name, email, team_id, line_id) select id, display_name, email, team_id, line_id from jsonb_to_recordset($1::jsonb) as x(id int, display_name text, email text, team_id int, line_id int)`,
    [json(org.engineers.map((e) => ({ id: e.id, display_name: e.name, email: e.email, team_id: e.teamId, line_id: e.lineId })))],
  );
  await q(`insert into engineer_skill_groups (engineer_id, skill_group_id) select a, b from jsonb_to_recordset($1::jsonb) as x(a int, b int)`, [
    json(org.engineers.flatMap((e) => e.skills.map((s) => ({ a: e.id, b: s })))),
  ]);
  // Disabled: the scheduler must not try to sync it; `kind` names no connector on purpose.
  const [conn] = await q(`insert into connections (name, kind, enabled, settings) values ($1, 'bench', false, $2::jsonb) returning id`, [
    BENCH_CONNECTION_NAME,
    JSON.stringify({ workload: meta }),
  ]);
  const connectionId = Number((conn as { id: number }).id);
  const identities = [
    ...org.engineers.map((e) => ({ id: e.id, ext: `agent-${e.id}`, name: e.name, email: e.email, engineer_id: e.id })),
    ...org.contractorIdentityIds.map((id, i) => ({ id, ext: `agent-${id}`, name: `Contractor ${i + 1}`, email: `contractor${i + 1}@outsource.example`, engineer_id: null })),
  ];
  await q(
    `insert into engineer_identities (id, connection_id, external_id, name, email, engineer_id) select id, $2, ext, name, email, engineer_id from jsonb_to_recordset($1::jsonb) as x(id int, ext text, name text, email text, engineer_id int)`,
    [json(identities), connectionId],
  );
  await q(
    `insert into helpdesk_groups (id, connection_id, external_id, name, skill_group_id, line_id) select id, $2, ext, name, skill_id, line_id from jsonb_to_recordset($1::jsonb) as x(id int, ext text, name text, skill_id int, line_id int)`,
    [json(org.groups.map((g) => ({ id: g.id, ext: g.externalId, name: g.name, skill_id: g.skillId, line_id: g.lineId }))), connectionId],
  );
  await q(`insert into rule_sets (version, name, config, effective_from) values (1, 'Default rules', $1::jsonb, $2)`, [
    JSON.stringify(DEFAULT_RULES),
    new Date(0).toISOString(),
  ]);
  return connectionId;
}

/** Moves every serial sequence past the explicit ids written. */
async function fixSequences(handle: DbHandle): Promise<void> {
  for (const table of ["lines", "skill_groups", "teams", "engineers", "engineer_identities", "helpdesk_groups", "tickets", "ratings"]) {
    await handle.query(`select setval(pg_get_serial_sequence('${table}', 'id'), coalesce((select max(id) from ${table}), 0) + 1, false)`);
  }
}

export type GenResult = { meta: GenMeta; counts: Record<string, number>; seconds: number };

export async function generateWorkload(opts: {
  target: Target;
  size: SizeSpec;
  seed: number;
  anchor: number;
  log?: Progress;
  chunk?: number;
}): Promise<GenResult> {
  const log = opts.log ?? ((m) => console.log(m));
  const t0 = performance.now();
  const el = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
  const ctx = makeContext(opts.seed, opts.size, opts.anchor);
  const meta: GenMeta = {
    size: opts.size.name,
    seed: opts.seed,
    anchor: new Date(ctx.anchor).toISOString(),
    start: new Date(ctx.start).toISOString(),
    tickets: opts.size.tickets,
    generatedAt: new Date().toISOString(),
  };
  const handle = await prepareTarget(opts.target, log);
  try {
    const connectionId = await insertOrg(handle, ctx, meta);
    log(`[${el()}] organisation: ${ctx.org.teams.length} teams, ${ctx.org.engineers.length} engineers, ${ctx.org.skills.length} skill groups, ${ctx.org.groups.length} helpdesk groups; rule set v1`);
    const sink = opts.target.kind === "postgres" ? await postgresSink(opts.target.url) : pgliteSink(handle);
    const counts: Record<Table, number> = { tickets: 0, ticket_status_events: 0, ticket_contributors: 0, ratings: 0 };
    const chunk = opts.chunk ?? (opts.target.kind === "postgres" ? 5_000 : 10_000);
    const n = opts.size.tickets;
    let nextReport = 0;
    for (let k0 = 0; k0 < n; k0 += chunk) {
      const out: Record<Table, string[]> = { tickets: [], ticket_status_events: [], ticket_contributors: [], ratings: [] };
      for (let k = k0; k < Math.min(n, k0 + chunk); k++) ticketLines(generateTicket(ctx, k), connectionId, out);
      for (const table of Object.keys(TABLES) as Table[]) {
        counts[table] += out[table].length;
        await sink.write(table, out[table].join(""));
      }
      if (k0 + chunk >= nextReport || k0 + chunk >= n) {
        log(`[${el()}] ${Math.min(n, k0 + chunk).toLocaleString("en")} / ${n.toLocaleString("en")} tickets`);
        nextReport += Math.max(chunk, Math.floor(n / 10));
      }
    }
    await sink.finish();
    log(`[${el()}] rows: ${Object.entries(counts).map(([t, c]) => `${t} ${c.toLocaleString("en")}`).join(", ")}`);
    await fixSequences(handle);
    log(`[${el()}] vacuum analyze`);
    await handle.query(handle.kind === "postgres" ? "vacuum analyze" : "analyze");
    const seconds = (performance.now() - t0) / 1000;
    log(`[${el()}] done: workload ${opts.size.name} (seed ${opts.seed}, anchor ${meta.anchor}) in ${seconds.toFixed(1)} s`);
    return { meta, counts, seconds };
  } finally {
    await handle.close();
  }
}
