import { Param, getTableColumns, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";

/**
 * Bulk writes as one JSON parameter unpacked by json_to_recordset. A page writes thousands of
 * rows (tickets, status events, ledger); one parameter instead of tens of thousands is several
 * times faster on both PostgreSQL and PGlite, and never hits the 65 535-parameter limit. `json`,
 * not `jsonb`: the text is read once, so building jsonb's binary form first is wasted work.
 */

type Conflict = { target: string[]; update: string[]; set?: SQL; where?: SQL } | "nothing";

/** The type to declare a column with in json_to_recordset (serial types are not types). */
function recordType(c: PgColumn): string {
  const t = c.getSQLType();
  return t === "bigserial" ? "bigint" : t === "serial" ? "integer" : t;
}

const asJson = (v: unknown) => (v instanceof Date ? v.toISOString() : v);

/** Rows as the driver returns them (postgres-js: an array; PGlite: `{ rows }`). */
export function rowsOf(result: unknown): Record<string, unknown>[] {
  return (Array.isArray(result) ? result : (result as { rows: Record<string, unknown>[] }).rows) ?? [];
}

/**
 * Inserts `rows` (keyed by the table's property names, all with the same keys) into `table`.
 * Returns the `returning` columns keyed by property name, as raw driver values.
 */
export async function bulkInsert<T extends PgTable>(
  db: Db,
  table: T,
  rows: Record<string, unknown>[],
  opts: { conflict?: Conflict; returning?: string[]; /** Also return `inserted`: true for new rows, false for updated ones. */ returningInserted?: boolean } = {},
): Promise<Record<string, unknown>[]> {
  if (rows.length === 0) return [];
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const col = (key: string) => {
    const c = columns[key];
    if (!c) throw new Error(`bulkInsert: ${key} is not a column of the table.`);
    return c;
  };
  const keys = Object.keys(rows[0]!);
  const names = keys.map((k) => sql.identifier(col(k).name));
  const defs = keys.map((k) => sql.raw(`"${col(k).name}" ${recordType(col(k))}`));
  // A plain loop: a sync page writes thousands of rows, and per-row entry arrays cost more than
  // the JSON text itself.
  const sqlNames = keys.map((k) => col(k).name);
  const objects = new Array<Record<string, unknown>>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const o: Record<string, unknown> = {};
    for (let j = 0; j < keys.length; j++) o[sqlNames[j]!] = asJson(r[keys[j]!]);
    objects[i] = o;
  }
  const json = JSON.stringify(objects);

  let conflict = sql``;
  if (opts.conflict === "nothing") conflict = sql` on conflict do nothing`;
  else if (opts.conflict) {
    const c = opts.conflict;
    const sets = c.update.map((k) => sql`${sql.identifier(col(k).name)} = excluded.${sql.identifier(col(k).name)}`);
    if (c.set) sets.push(c.set);
    conflict = sql` on conflict (${sql.join(c.target.map((k) => sql.identifier(col(k).name)), sql`, `)}) do update set ${sql.join(sets, sql`, `)}`;
    if (c.where) conflict = sql`${conflict} where ${c.where}`;
  }
  // xmax is 0 on a row version this statement inserted, the updating transaction's id otherwise.
  const inserted = opts.returningInserted ? sql`, (xmax = 0) as "inserted"` : sql``;
  const returning = opts.returning?.length
    ? sql` returning ${sql.join(opts.returning.map((k) => sql.identifier(col(k).name)), sql`, `)}${inserted}`
    : sql``;
  const result = await db.execute(
    sql`insert into ${table} (${sql.join(names, sql`, `)}) select ${sql.join(names, sql`, `)} from json_to_recordset(${json}::json) as x(${sql.join(defs, sql`, `)})${conflict}${returning}`,
  );
  if (!opts.returning?.length) return [];
  const byName = Object.fromEntries(opts.returning.map((k) => [col(k).name, k]));
  return rowsOf(result).map((r) => Object.fromEntries(Object.entries(r).map(([name, v]) => [byName[name] ?? name, v])));
}

/** `column = any($1)` with the ids as ONE array parameter: cheaper than `in ($1, …, $500)`. */
export function anyOf(column: PgColumn, ids: readonly number[]): SQL {
  return sql`${column} = any(${new Param([...ids])}::${sql.raw(recordType(column))}[])`;
}

/** `column = any($1::text[])` with the values as ONE array parameter. */
export function anyText(column: PgColumn, values: readonly string[]): SQL {
  return sql`${column} = any(${new Param([...values])}::text[])`;
}

/** Splits ids into batches: bounded queries whatever the input size. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
