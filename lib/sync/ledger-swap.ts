import type { Db } from "@/db/client";
import { rawRows } from "./raw";
import { STATS_RETIRED } from "./rollups-swap";

/**
 * The whole-ledger rebuild's fresh-table path on PostgreSQL (lib/sync/rebuild.ts): the new rows go
 * into a new table, `points_ledger_next`, with no foreign keys and no indexes while they stream in;
 * then its indexes are built and its foreign keys added (each checked by ONE set-based query instead
 * of three trigger lookups per row, which cost ~18 s of a million-row load); then, in one short
 * exclusive step, it takes the ledger's name, indexes' names, id sequence and the foreign keys that
 * point at it (disputes). All in the rebuild's transaction: readers see the old ledger until the
 * commit, and a failure leaves it untouched.
 *
 * Locks, in this order, to stay out of deadlocks:
 *  - at the start, SHARE ROW EXCLUSIVE on the tables the ledger references (tickets, engineers,
 *    rule_sets), then on the ledger: writers wait for the rebuild (as they did for the ledger
 *    alone), readers don't. Adding a foreign key needs that lock on the referenced table; taken
 *    late, it would deadlock with a sync page that holds tickets and waits for the ledger.
 *  - at the swap, ACCESS EXCLUSIVE on the ledger and the tables referencing it, with a short
 *    lock_timeout and retries inside a savepoint, so a reader holding one of them and waiting for
 *    another is let through instead of deadlocking.
 *  - the old table, renamed `points_ledger_retired_*`, is dropped after the commit (best effort:
 *    dropping its foreign keys needs ACCESS EXCLUSIVE on tickets, engineers and rule_sets); a
 *    leftover is dropped by the next rebuild.
 */

export const NEXT = "points_ledger_next";
const RETIRED = "points_ledger_retired";

type Fk = { table: string; name: string; def: string };

export type LedgerShape = {
  /** Secondary and primary-key index definitions of the current ledger, with names. */
  indexes: { name: string; def: string; constraint: boolean }[];
  /** Foreign keys from the ledger (to tickets, engineers, rule_sets). */
  outgoing: Fk[];
  /** Foreign keys into the ledger (disputes). */
  incoming: Fk[];
  /** The id column's sequence. */
  sequence: string;
};

export async function ledgerShape(tx: Db): Promise<LedgerShape> {
  const indexes = (await rawRows(
    tx,
    `select i.indexname, i.indexdef, exists (select 1 from pg_constraint c where c.conname = i.indexname and c.conrelid = 'points_ledger'::regclass)
       from pg_indexes i where i.schemaname = current_schema() and i.tablename = 'points_ledger' order by i.indexname`,
  )) as [string, string, boolean][];
  const fks = (await rawRows(
    tx,
    `select c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid), c.conrelid = 'points_ledger'::regclass
       from pg_constraint c where c.contype = 'f' and (c.conrelid = 'points_ledger'::regclass or c.confrelid = 'points_ledger'::regclass)
      order by 1, 2`,
  )) as [string, string, string, boolean][];
  const [[sequence]] = (await rawRows(tx, "select pg_get_serial_sequence('points_ledger', 'id')")) as [[string]];
  return {
    indexes: indexes.map(([name, def, constraint]) => ({ name, def, constraint })),
    outgoing: fks.filter((f) => f[3]).map(([table, name, def]) => ({ table, name, def })),
    incoming: fks.filter((f) => !f[3]).map(([table, name, def]) => ({ table, name, def })),
    sequence,
  };
}

/** The referenced tables, locked before the ledger (see above). */
export async function lockReferencedTables(tx: Db): Promise<void> {
  const rows = (await rawRows(
    tx,
    `select distinct confrelid::regclass::text from pg_constraint
      where contype = 'f' and conrelid = 'points_ledger'::regclass and confrelid <> conrelid order by 1`,
  )) as [string][];
  // With retries too: a sync page may hold one of them (engineers) while waiting for another (tickets).
  if (rows.length) await withLockRetries(tx, `lock table ${rows.map((r) => r[0]).join(", ")} in share row exclusive mode`);
}

/** An empty copy of the ledger's columns, defaults (the id sequence) and checks: no indexes, no foreign keys. */
export async function createNextTable(tx: Db): Promise<void> {
  await rawRows(tx, `drop table if exists ${NEXT}`);
  await rawRows(tx, `create table ${NEXT} (like points_ledger including defaults including constraints including storage including comments)`);
}

const nextName = (name: string) => `${name}__next`;

/** Indexes, primary key and outgoing foreign keys on the loaded table, under temporary names where names must be unique. */
export async function finishNextTable(tx: Db, shape: LedgerShape): Promise<void> {
  await rawRows(tx, "set local maintenance_work_mem = '256MB'");
  for (const ix of shape.indexes) {
    if (ix.constraint) {
      // The primary key: its index is built by the constraint.
      const [[def]] = (await rawRows(tx, `select pg_get_constraintdef(oid) from pg_constraint where conname = $1 and conrelid = 'points_ledger'::regclass`, [ix.name])) as [[string]];
      await rawRows(tx, `alter table ${NEXT} add constraint "${nextName(ix.name)}" ${def}`);
    } else {
      const def = ix.def.replace(/^(CREATE (?:UNIQUE )?INDEX )(\S+)( ON (?:ONLY )?)(\S+)( USING )/, (_, a: string, _n: string, b: string, t: string, c: string) => {
        const table = t.replace(/(^|\.)points_ledger$/, `$1${NEXT}`);
        if (table === t) throw new Error(`unexpected index definition: ${ix.def}`);
        return `${a}"${nextName(ix.name)}"${b}${table}${c}`;
      });
      await rawRows(tx, def);
    }
  }
  // Foreign-key names are per table: the new table takes the same ones. Each is checked by one join.
  for (const fk of shape.outgoing) await rawRows(tx, `alter table ${NEXT} add constraint "${fk.name}" ${fk.def}`);
  await rawRows(tx, `analyze ${NEXT}`);
}

/**
 * The swap: the next table becomes `points_ledger`, the old one `points_ledger_retired_<ms>` (empty,
 * indexes dropped). Incoming foreign keys are moved to the new table (their rows must point at ids
 * that exist in it: the caller removes the others first). `alsoLock`: tables the caller swaps in the
 * same exclusive step (the rollups, lib/sync/rollups-swap.ts), locked by the same statement.
 */
export async function swapInNextTable(tx: Db, shape: LedgerShape, now = Date.now(), alsoLock: string[] = []): Promise<void> {
  const exclusive = ["points_ledger", ...new Set([...shape.incoming.map((f) => f.table), ...alsoLock])];
  await withLockRetries(tx, `lock table ${exclusive.join(", ")} in access exclusive mode`);
  for (const fk of shape.incoming) await rawRows(tx, `alter table ${fk.table} drop constraint "${fk.name}"`);
  const retired = `${RETIRED}_${now}`;
  await rawRows(tx, `alter table points_ledger rename to ${retired}`);
  await rawRows(tx, `truncate ${retired}`);
  for (const ix of shape.indexes) {
    if (ix.constraint) await rawRows(tx, `alter table ${retired} drop constraint "${ix.name}"`);
    else await rawRows(tx, `drop index "${ix.name}"`);
  }
  await rawRows(tx, `alter sequence ${shape.sequence} owned by ${NEXT}.id`);
  await rawRows(tx, `alter table ${NEXT} rename to points_ledger`);
  for (const ix of shape.indexes) {
    if (ix.constraint) await rawRows(tx, `alter table points_ledger rename constraint "${nextName(ix.name)}" to "${ix.name}"`);
    else await rawRows(tx, `alter index "${nextName(ix.name)}" rename to "${ix.name}"`);
  }
  for (const fk of shape.incoming) await rawRows(tx, `alter table ${fk.table} add constraint "${fk.name}" ${fk.def}`);
}

/**
 * Runs a lock statement with a short lock_timeout, retrying (see the header). Each try is a nested
 * transaction (a savepoint): postgres.js fails the whole transaction on any failed statement
 * unless it ran in one of its savepoints, and rolling back to it releases what the try acquired.
 */
async function withLockRetries(tx: Db, statement: string, tries = 20): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      await tx.transaction(async (sp) => {
        await rawRows(sp, "set local lock_timeout = '500ms'");
        await rawRows(sp, statement);
      });
      await rawRows(tx, "set local lock_timeout to default");
      return;
    } catch (e) {
      if (i >= tries || (e as { code?: string }).code !== "55P03") throw e;
      await new Promise((r) => setTimeout(r, 50 * i));
    }
  }
}

/**
 * Drops retired ledger (and rollup, lib/sync/rollups-swap.ts) tables, each in its own short
 * transaction; one still locked is left for the next time.
 */
export async function dropRetiredTables(db: Db): Promise<void> {
  const rows = (await rawRows(
    db,
    `select relname from pg_class where relkind = 'r' and (relname like '${RETIRED}\\_%' or relname like '${STATS_RETIRED}\\_%') and relnamespace = current_schema()::regnamespace`,
  )) as [string][];
  for (const [name] of rows) {
    try {
      await db.transaction(async (tx) => {
        await rawRows(tx, "set local lock_timeout = '1s'");
        await rawRows(tx, `drop table if exists ${name}`);
      });
    } catch {
      // Busy (a long reader of tickets): harmless until then, it is empty.
    }
  }
}
