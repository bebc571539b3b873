import { z } from "zod";

/** zod parsing with a plain-words message naming the record, as lib/sync reports rejects. */
export function parseRecord<S extends z.ZodType>(schema: S, raw: unknown, what: string, ref: string | null): z.infer<S> {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const problems = r.error.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message))
    .join("; ");
  throw new Error(`${what}${ref ? ` ${ref}` : ""} is malformed: ${problems}`);
}

/** Settings or credentials of a connection, or an Error that says which field is wrong. */
export function parseConfig<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  const why = r.error.issues.map((i) => `${i.path.join(".") || "value"}: ${i.message}`).join("; ");
  throw new Error(`The ${what} are invalid: ${why}`);
}

/** Best-effort id of `raw[key]` (or of raw[outer][key]) for reject reports. */
export function idAt(raw: unknown, ...path: string[]): string | null {
  let v: unknown = raw;
  for (const k of path) {
    if (!v || typeof v !== "object") return null;
    v = (v as Record<string, unknown>)[k];
  }
  return typeof v === "string" || typeof v === "number" ? String(v) : null;
}

/** Shared settings fields: where the backfill starts, page size, and the cursor overlap. */
export const commonSettings = {
  baseUrl: z.url({ error: "baseUrl must be the helpdesk's address, e.g. https://helpdesk.example.com" }),
  /** First sync reads changes from this date on (ISO date); default 90 days before the first run. */
  backfillFrom: z.iso.date().optional(),
  pageSize: z.number().int().min(1).max(100).default(50),
  /** Each run re-reads this many seconds before the last change seen (late commits, clock skew). */
  overlapSeconds: z.number().int().min(0).max(86_400).default(300),
};

export function backfillStart(backfillFrom: string | undefined, now: Date): Date {
  return backfillFrom ? new Date(`${backfillFrom}T00:00:00.000Z`) : new Date(now.getTime() - 90 * 86_400_000);
}
