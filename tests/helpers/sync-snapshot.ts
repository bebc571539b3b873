import type { DbHandle } from "@/db/client";
import { stableJson } from "@/lib/sync/stable-json";

/**
 * What a sync left in a database, in terms that do not depend on row ids, so two databases
 * (or one before and after) can be compared with deepEqual.
 */

export async function counts(h: Pick<DbHandle, "query">) {
  const [row] = await h.query<Record<string, number>>(`
    select
      (select count(*)::int from tickets) as tickets,
      (select count(distinct (connection_id, external_id))::int from tickets) as "distinctTickets",
      (select count(*)::int from ticket_status_events) as events,
      (select count(*)::int from ticket_contributors) as contributors,
      (select count(*)::int from ratings) as ratings,
      (select count(*)::int from ratings where ticket_id is null) as "unlinkedRatings",
      (select count(*)::int from engineer_identities) as identities,
      (select count(*)::int from points_ledger) as "ledgerRows",
      (select count(*)::int from points_ledger where state = 'pending') as pending,
      (select count(*)::int from points_ledger where state = 'confirmed') as confirmed,
      (select count(*)::int from points_ledger where state = 'revoked') as revoked,
      (select coalesce(sum(points), 0)::float8 from points_ledger) as "ledgerTotal"`);
  return row!;
}

/** Every ledger row as (ticket external id, engineer email, points, state, reasons, dates, rule version). */
export async function ledgerSnapshot(h: Pick<DbHandle, "query">): Promise<string[]> {
  const rows = await h.query<Record<string, unknown>>(`
    select t.external_id, lower(e.email) as engineer, l.points::float8 as points, l.state, l.breakdown,
           l.earned_at, l.confirm_after, r.version
      from points_ledger l
      join tickets t on t.id = l.ticket_id
      join engineers e on e.id = l.engineer_id
      join rule_sets r on r.id = l.rule_set_id
     order by t.external_id, engineer`);
  return rows.map((r) =>
    stableJson({
      ...r,
      earned_at: new Date(r.earned_at as string).toISOString(),
      confirm_after: new Date(r.confirm_after as string).toISOString(),
      breakdown: typeof r.breakdown === "string" ? JSON.parse(r.breakdown) : r.breakdown,
    }),
  );
}
