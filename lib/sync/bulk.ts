import { Param, getTableColumns, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";

/**
 * Bulk writes as one array parameter per column, unnested into rows. A page writes thousands of
 * rows (tickets, status events, ledger); a few parameters instead of tens of thousands is several
 * times faster on both PostgreSQL and PGlite, and never hits the 65 535-parameter limit. Arrays,
 * not one JSON document of objects (json_to_recordset): PostgreSQL spent three times as much CPU
 * matching every row's keys as reading the same values from typed arrays.
 */

type Conflict = { target: string[]; update: string[]; set?: SQL; where?: SQL } | "nothing";

/** The type a column's values are declared with (serial types are not types). */
function recordType(c: PgColumn): string {
  const t = c.getSQLType();
  return t === "bigserial" ? "bigint" : t === "serial" ? "integer" : t;
}

/** A value as PostgreSQL reads it as text: times as ISO strings, JSON columns as JSON text, arrays as array literals. */
function pgText(v: unknown, type: string): string {
  if (v instanceof Date) return v.toISOString();
  if (type === "json" || type === "jsonb") return JSON.stringify(v);
  if (Array.isArray(v)) return `{${v.map((x) => (x === null || x === undefined ? "NULL" : quote(pgText(x, type.slice(0, -2))))).join(",")}}`;
  return String(v);
}

// Most values hold neither a quote nor a backslash: no regex pass over them.
const quote = (t: string) => (t.includes('"') || t.includes("\\") ? `"${t.replace(/["\\]/g, "\\$&")}"` : `"${t}"`);

/**
 * One column of `rows` as a PostgreSQL array literal. An array-typed column (text[]) cannot be
 * an array of arrays (they must be rectangular): its values travel as text and are cast per row.
 */
function columnLiteral(rows: Record<string, unknown>[], key: string, type: string): string {
  const parts = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const v = rows[i]![key];
    parts[i] = v === null || v === undefined ? "NULL" : typeof v === "number" || typeof v === "boolean" ? String(v) : quote(pgText(v, type));
  }
  return `{${parts.join(",")}}`;
}

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
  const types = keys.map((k) => recordType(col(k)));
  const arrays = keys.map((k, j) => {
    const isArray = types[j]!.endsWith("[]");
    return sql`${new Param(columnLiteral(rows, k, types[j]!))}::text::${sql.raw(isArray ? "text" : types[j]!)}[]`;
  });
  // Array-typed columns arrive as text (see columnLiteral) and are cast back here.
  const values = keys.map((k, j) => (types[j]!.endsWith("[]") ? sql`x.${names[j]!}::${sql.raw(types[j]!)}` : sql`x.${names[j]!}`));

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
    sql`insert into ${table} (${sql.join(names, sql`, `)}) select ${sql.join(values, sql`, `)} from unnest(${sql.join(arrays, sql`, `)}) as x(${sql.join(names, sql`, `)})${conflict}${returning}`,
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
