import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { aggregateSql, STAT_COLUMNS } from "@/lib/rollups/aggregate";
import type { LedgerDays } from "@/lib/rollups/ledger-days";
import { announceRollupWrite } from "@/lib/runtime/shared-read";
import { openCopy, rawRows } from "./raw";

/**
 * The fresh-table rebuild's rollups (lib/sync/rebuild.ts), built beside the ledger instead of after
 * it: the rebuild's transaction spends its last seconds on the new ledger's indexes and keys, on one
 * backend, while the second core idles. So, on ANOTHER connection and in its own transaction,
 * `engineer_day_stats_next` is filled from the ledger days summed while scoring (plus the ratings)
 * and indexed, and committed — nobody reads that name. The rebuild's transaction then adds its
 * foreign key (one join; it holds the engineers' lock such a key needs, which the other connection
 * could not take) and swaps it in with the ledger, in the same exclusive step: readers see the old
 * ledger and rollups, or the new ones. On failure the rebuild rolls back and the committed next
 * table is left over, harmless; the next rebuild replaces it.
 */

export const STATS = "engineer_day_stats";
export const STATS_NEXT = "engineer_day_stats_next";
export const STATS_RETIRED = "engineer_day_stats_retired";

export type StatsShape = {
  indexes: { name: string; def: string; constraint: string | null }[];
  foreignKeys: { name: string; def: string }[];
};

const nextName = (name: string) => `${name}__next`;

/** engineer_day_stats' indexes (primary key with its constraint definition) and foreign keys. */
async function statsShape(db: Db): Promise<StatsShape> {
  const indexes = (await rawRows(
    db,
    `select i.indexname, i.indexdef, (select pg_get_constraintdef(c.oid) from pg_constraint c where c.conname = i.indexname and c.conrelid = '${STATS}'::regclass)
       from pg_indexes i where i.schemaname = current_schema() and i.tablename = '${STATS}' order by i.indexname`,
  )) as [string, string, string | null][];
  const fks = (await rawRows(
    db,
    `select conname, pg_get_constraintdef(oid) from pg_constraint where contype = 'f' and conrelid = '${STATS}'::regclass order by conname`,
  )) as [string, string][];
  return {
    indexes: indexes.map(([name, def, constraint]) => ({ name, def, constraint })),
    foreignKeys: fks.map(([name, def]) => ({ name, def })),
  };
}

// The ledger half as LedgerDays.copyText writes it.
const DAY_COLUMNS =
  "engineer_id integer, day date, points numeric, tickets integer, reopened integer, cross_skill integer, hard_points numeric, resolution_seconds bigint, resolved integer";

/** Builds and commits engineer_day_stats_next on its own connection (`db` is the pool). */
export async function buildNextRollups(db: Db, days: LedgerDays): Promise<StatsShape> {
  return db.transaction(async (tx) => {
    for (const q of ["set local jit = off", "set local work_mem = '64MB'", "set local maintenance_work_mem = '64MB'"]) await rawRows(tx, q);
    const shape = await statsShape(tx);
    await rawRows(tx, `drop table if exists ${STATS_NEXT}`);
    await rawRows(tx, `create table ${STATS_NEXT} (like ${STATS} including defaults including constraints including storage including comments)`);
    await rawRows(tx, `create temp table ledger_days (${DAY_COLUMNS}) on commit drop`);
    const copy = await openCopy(tx, "ledger_days", DAY_COLUMNS.split(", ").map((c) => c.split(" ")[0]).join(", "));
    await copy.write(days.copyText());
    await copy.end();
    const cols = sql.raw(["engineer_id", "day", ...STAT_COLUMNS].join(", "));
    // In key order: the primary key is then built from sorted input, and the table is laid out by engineer.
    await tx.execute(
      sql`insert into ${sql.identifier(STATS_NEXT)} (${cols}) select * from (${aggregateSql({ kind: "all", ledgerDays: "ledger_days" })}) a order by 1, 2`,
    );
    for (const ix of shape.indexes) {
      if (ix.constraint) await rawRows(tx, `alter table ${STATS_NEXT} add constraint "${nextName(ix.name)}" ${ix.constraint}`);
      else await rawRows(tx, renameIndexDef(ix.def, ix.name));
    }
    await rawRows(tx, `analyze ${STATS_NEXT}`);
    return shape;
  });
}

function renameIndexDef(def: string, name: string): string {
  return def.replace(/^(CREATE (?:UNIQUE )?INDEX )(\S+)( ON (?:ONLY )?)(\S+)( USING )/, (_, a: string, _n: string, b: string, t: string, c: string) => {
    const table = t.replace(new RegExp(`(^|\\.)${STATS}$`), `$1${STATS_NEXT}`);
    if (table === t) throw new Error(`unexpected index definition: ${def}`);
    return `${a}"${nextName(name)}"${b}${table}${c}`;
  });
}

/**
 * In the rebuild's transaction, with engineer_day_stats locked ACCESS EXCLUSIVE (by the ledger
 * swap's lock statement) and the engineers SHARE ROW EXCLUSIVE: the next table gets the foreign
 * keys and the names, the old one becomes `engineer_day_stats_retired_<ms>` (emptied, dropped after
 * the commit with the retired ledger).
 */
export async function swapInNextRollups(tx: Db, shape: StatsShape, now = Date.now()): Promise<void> {
  for (const fk of shape.foreignKeys) await rawRows(tx, `alter table ${STATS_NEXT} add constraint "${fk.name}" ${fk.def}`);
  const retired = `${STATS_RETIRED}_${now}`;
  await rawRows(tx, `alter table ${STATS} rename to ${retired}`);
  await rawRows(tx, `truncate ${retired}`);
  for (const ix of shape.indexes) {
    if (ix.constraint) await rawRows(tx, `alter table ${retired} drop constraint "${ix.name}"`);
    else await rawRows(tx, `drop index "${ix.name}"`);
  }
  await rawRows(tx, `alter table ${STATS_NEXT} rename to ${STATS}`);
  for (const ix of shape.indexes) {
    if (ix.constraint) await rawRows(tx, `alter table ${STATS} rename constraint "${nextName(ix.name)}" to "${ix.name}"`);
    else await rawRows(tx, `alter index "${nextName(ix.name)}" rename to "${ix.name}"`);
  }
  await announceRollupWrite(tx);
}
