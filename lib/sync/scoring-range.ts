import type { Db } from "@/db/client";
import type { ScoringContributor, ScoringEngineer, ScoringTicket } from "@/lib/scoring/types";
import { fromFirstSolve } from "@/lib/scoring/score";
import { rawRows } from "./raw";
export { fromFirstSolve };

/**
 * Scoring input for whole ranges of tickets (by id), for the paths that read most of the data:
 * the ledger rebuild and the what-if preview. The same tickets as `loadScoringInput` gives (the
 * integration tests compare them), read with range scans on the tickets' and their children's
 * primary keys, only the columns scoring needs, times as epoch numbers and rows as arrays.
 * Engineers, identities and lines are read once per run (`loadScoringContext`).
 */

export type ScoringContext = {
  engineers: Map<number, ScoringEngineer>;
  engineerOfIdentity: Map<number, number>;
  lineCode: Map<number, string>;
};

export async function loadScoringContext(db: Db): Promise<ScoringContext> {
  const [eng, skills, idents, lineRows] = await Promise.all([
    rawRows(db, "select id, line_id from engineers"),
    rawRows(db, "select engineer_id, skill_group_id from engineer_skill_groups order by engineer_id, skill_group_id"),
    rawRows(db, "select id, engineer_id from engineer_identities where engineer_id is not null"),
    rawRows(db, "select id, code from lines"),
  ]);
  const lineCode = new Map(lineRows.map((r) => [r[0] as number, r[1] as string]));
  const skillsOf = new Map<number, number[]>();
  for (const [e, s] of skills as [number, number][]) {
    const l = skillsOf.get(e);
    if (l) l.push(s);
    else skillsOf.set(e, [s]);
  }
  const engineers = new Map<number, ScoringEngineer>();
  for (const [id, lineId] of eng as [number, number | null][]) {
    engineers.set(id, { id, lineCode: lineId !== null ? (lineCode.get(lineId) ?? null) : null, skillGroupIds: skillsOf.get(id) ?? [] });
  }
  return { engineers, engineerOfIdentity: new Map(idents as [number, number][]), lineCode };
}

const SOLVE_STATES = new Set(["solved", "closed"]);

/** The tickets with lo ≤ id ≤ hi, in id order. */
export function loadTicketRange(db: Db, ctx: ScoringContext, lo: number, hi: number): Promise<ScoringTicket[]> {
  return loadTickets(db, ctx, (col) => `${col} between $1 and $2`, [lo, hi]);
}

/**
 * What the rebuild's rollups need of the tickets beyond their scoring input
 * (lib/rollups/ledger-days.ts), by position in the tickets' array; typed arrays, not an object per
 * ticket (garbage is most of the rebuild's client CPU). `resolutionMicros`: NaN when not solved.
 */
export type TicketRollupFacts = { reopened: Uint8Array; resolutionMicros: Float64Array };

/** `loadTicketRange`, with the tickets' rollup facts beside them. */
export async function loadTicketRangeWithFacts(db: Db, ctx: ScoringContext, lo: number, hi: number): Promise<{ tickets: ScoringTicket[]; facts: TicketRollupFacts }> {
  const facts: TicketRollupFacts = { reopened: new Uint8Array(0), resolutionMicros: new Float64Array(0) };
  const tickets = await loadTickets(db, ctx, (col) => `${col} between $1 and $2`, [lo, hi], facts);
  return { tickets, facts };
}

/**
 * The tickets with these ids (a sync page's), in id order: the same lean queries as a range, by
 * one array parameter. What `rescoreTickets` scores.
 */
export function loadTicketsByIds(db: Db, ctx: ScoringContext, ids: readonly number[]): Promise<ScoringTicket[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return loadTickets(db, ctx, (col) => `${col} = any($1::bigint[])`, [`{${ids.join(",")}}`]);
}

async function loadTickets(db: Db, ctx: ScoringContext, where: (col: string) => string, p: unknown[], facts?: TicketRollupFacts): Promise<ScoringTicket[]> {
  // Resolution time as the rollups sum it (aggregate.ts), in whole microseconds: exact in a double.
  const factCols = facts ? ", reopen_count > 0, (extract(epoch from solved_at - created_at_source) * 1000000)::float8" : "";
  const [tRows, eRows, cRows, rRows] = await Promise.all([
    rawRows(
      db,
      `select id::int, status::text, line_id, skill_group_id, floor(extract(epoch from solved_at) * 1000)::float8, is_merged, is_deleted, is_spam,
        solved_by_automation, assignee_identity_id, solver_identity_id, priority, ticket_type${factCols}
       from tickets where ${where("id")} order by tickets.id`,
      p,
    ),
    // One row per ticket, its history as "seq,ms,from,to,reply;…" (parsed below): a ticket has ~5
    // events, and turning each into a driver row cost more than the query itself. Only the history
    // from the first solve on (all of it when there is none): scoring never reads further back
    // (see fromFirstSolve). One window (the first solve's seq) rather than a running count and a
    // total: half the server time of this, the rebuild's most expensive query. The events come
    // sorted from the subquery instead of `string_agg(… order by seq)`, whose sort per ticket was
    // ~40 % of the query; PostgreSQL does not promise to keep that order, so each event carries its
    // seq and parseHistory sorts a history that arrives out of order.
    rawRows(
      db,
      `select ticket_id::int, string_agg(concat_ws(',', seq, floor(extract(epoch from at) * 1000)::int8, coalesce(from_status::text, ''), to_status::text,
         public_agent_reply::int), ';')
       from (select ticket_id, seq, at, from_status, to_status, public_agent_reply,
               min(seq) filter (where to_status in ('solved', 'closed')) over (partition by ticket_id) as first_solve
             from ticket_status_events where ${where("ticket_id")} order by ticket_id, seq) e
       where seq >= first_solve or first_solve is null
       group by e.ticket_id order by e.ticket_id`,
      p,
    ),
    rawRows(
      db,
      `select c.ticket_id::int, i.engineer_id, c.public_replies, c.handle_seconds
       from ticket_contributors c join engineer_identities i on i.id = c.identity_id
       where ${where("c.ticket_id")} and i.engineer_id is not null order by c.ticket_id`,
      p,
    ),
    rawRows(db, newestRatingsSql(where("ticket_id")), p),
  ]);
  const out: ScoringTicket[] = [];
  if (facts) {
    facts.reopened = new Uint8Array(tRows.length);
    facts.resolutionMicros = new Float64Array(tRows.length);
  }
  let ei = 0;
  let ci = 0;
  let ri = 0;
  for (const r of tRows) {
    const id = r[0] as number;
    while (ei < eRows.length && (eRows[ei]![0] as number) < id) ei++;
    const events = ei < eRows.length && eRows[ei]![0] === id ? parseHistory(eRows[ei]![1] as string) : [];
    const contributors: ScoringContributor[] = [];
    while (ci < cRows.length && (cRows[ci]![0] as number) < id) ci++;
    for (; ci < cRows.length && cRows[ci]![0] === id; ci++) {
      const c = cRows[ci]!;
      contributors.push({ engineerId: c[1] as number, publicReplies: c[2] as number, handleSeconds: c[3] as number | null });
    }
    while (ri < rRows.length && (rRows[ri]![0] as number) < id) ri++;
    const rating = ri < rRows.length && rRows[ri]![0] === id ? (rRows[ri]![1] as number) : null;
    out.push(buildTicket(r, events, contributors, rating, ctx));
    if (facts) {
      facts.reopened[out.length - 1] = r[13] ? 1 : 0;
      facts.resolutionMicros[out.length - 1] = (r[14] as number | null) ?? NaN;
    }
  }
  return out;
}

/** The newest rating per ticket, in an order that does not depend on when rows were inserted. */
const newestRatingsSql = (where: string) =>
  `select distinct on (ticket_id) ticket_id::int, score::float8 from ratings where ${where}
   order by ticket_id, rated_at desc, updated_at_source desc, external_id desc`;

/** The newest rating's score of each of these tickets that has one. */
export async function loadNewestRatings(db: Db, ids: readonly number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await rawRows(db, newestRatingsSql("ticket_id = any($1::bigint[])"), [`{${ids.join(",")}}`]);
  return new Map(rows.map((r) => [r[0] as number, r[1] as number]));
}

/**
 * A ticket as a sync page has just written it (lib/sync/store.ts): its row's values, its whole
 * history in `seq` order and its contributor rows (one per identity). Scoring it from memory
 * saves reading back what the same transaction wrote.
 */
export type WrittenTicket = {
  id: number;
  status: string;
  lineId: number | null;
  skillGroupId: number | null;
  solvedAt: Date | null;
  isMerged: boolean;
  isDeleted: boolean;
  isSpam: boolean;
  solvedByAutomation: boolean;
  assigneeIdentityId: number | null;
  solverIdentityId: number | null;
  priority: string | null;
  ticketType: string | null;
  events: { at: Date; from: string | null; to: string; publicAgentReply: boolean }[];
  contributors: { identityId: number; publicReplies: number; handleSeconds: number | null }[];
};

/**
 * The scoring input of a written ticket, the same as `loadTicketsByIds` reads back for it (the
 * history from its first solve on, contributors mapped to engineers, the same shaping). Pure.
 */
export function scoringTicketOfWritten(t: WrittenTicket, rating: number | null, ctx: ScoringContext): ScoringTicket {
  const row = [
    t.id,
    t.status,
    t.lineId,
    t.skillGroupId,
    t.solvedAt === null ? null : t.solvedAt.getTime(),
    t.isMerged,
    t.isDeleted,
    t.isSpam,
    t.solvedByAutomation,
    t.assigneeIdentityId,
    t.solverIdentityId,
    t.priority,
    t.ticketType,
  ];
  const events = fromFirstSolve(t.events).map((e) => ({ at: e.at, from: e.from, to: e.to, publicAgentReply: e.publicAgentReply }));
  const contributors: ScoringContributor[] = [];
  for (const c of t.contributors) {
    const engineerId = ctx.engineerOfIdentity.get(c.identityId);
    if (engineerId != null) contributors.push({ engineerId, publicReplies: c.publicReplies, handleSeconds: c.handleSeconds });
  }
  return buildTicket(row, events, contributors, rating, ctx);
}

/** "seq,ms,from,to,reply;…" (from '' when none, reply 0/1) as scoring's events, in seq order. */
export function parseHistory(text: string): ScoringTicket["events"] {
  const events: ScoringTicket["events"] = [];
  let lastSeq = -Infinity;
  let sorted = true;
  let i = 0;
  while (i < text.length) {
    let end = text.indexOf(";", i);
    if (end < 0) end = text.length;
    const s = text.indexOf(",", i);
    const a = text.indexOf(",", s + 1);
    const b = text.indexOf(",", a + 1);
    const c = text.indexOf(",", b + 1);
    const seq = Number(text.slice(i, s));
    if (seq < lastSeq) sorted = false;
    lastSeq = seq;
    events.push({
      at: new Date(Number(text.slice(s + 1, a))),
      from: b === a + 1 ? null : text.slice(a + 1, b),
      to: text.slice(b + 1, c),
      publicAgentReply: text.charCodeAt(c + 1) === 49, // "1"
    });
    i = end + 1;
  }
  if (sorted) return events;
  const seqs = text.split(";").map((e) => Number(e.slice(0, e.indexOf(","))));
  return events.map((e, k) => ({ e, seq: seqs[k]! })).sort((x, y) => x.seq - y.seq).map((x) => x.e);
}

/** One ticket from its row and children, exactly as loadScoringInput shapes it. */
function buildTicket(r: unknown[], events: ScoringTicket["events"], mapped: ScoringContributor[], rating: number | null, ctx: ScoringContext): ScoringTicket {
  const lineId = r[2] as number | null;
  const solvedMs = r[4] as number | null;
  const assigneeIdentity = r[9] as number | null;
  const solverIdentity = r[10] as number | null;
  const solverEngineerId = solverIdentity !== null ? (ctx.engineerOfIdentity.get(solverIdentity) ?? null) : null;
  const assigneeEngineerId = assigneeIdentity !== null ? (ctx.engineerOfIdentity.get(assigneeIdentity) ?? null) : null;
  let engineerIds: number[];
  if (mapped.length === 0) {
    const fallback = solverEngineerId ?? assigneeEngineerId;
    engineerIds = fallback != null ? [fallback] : [];
  } else if (mapped.length === 1) engineerIds = [mapped[0]!.engineerId];
  else engineerIds = [...new Set(mapped.map((c) => c.engineerId))];
  if (mapped.length > 1)
    mapped.sort((a, b) => a.engineerId - b.engineerId || a.publicReplies - b.publicReplies || (a.handleSeconds ?? -1) - (b.handleSeconds ?? -1));
  return {
    id: r[0] as number,
    status: r[1] as ScoringTicket["status"],
    lineCode: lineId !== null ? (ctx.lineCode.get(lineId) ?? null) : null,
    skillGroupId: r[3] as number | null,
    solvedAt: solvedMs === null ? null : new Date(solvedMs),
    isMerged: r[5] as boolean,
    isDeleted: r[6] as boolean,
    isSpam: r[7] as boolean,
    solvedByAutomation: r[8] as boolean,
    events,
    engineerIds,
    rating,
    contributors: mapped,
    solverEngineerId,
    assigneeEngineerId,
    priority: r[11] as string | null,
    ticketType: r[12] as string | null,
  };
}

/** Whether a ticket has a solve at all (its field or its history). */
export const everSolved = (t: ScoringTicket) => t.solvedAt !== null || t.events.some((e) => SOLVE_STATES.has(e.to));
