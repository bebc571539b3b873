import type { z } from "zod";

/** Shared by connectors: validate a raw record, or throw a message naming the record and what is wrong. */

export function externalIdOf(raw: unknown): string | null {
  if (raw && typeof raw === "object" && "id" in raw) {
    const v = (raw as { id: unknown }).id;
    if (typeof v === "string" || typeof v === "number") return String(v);
  }
  return null;
}

export function parseRecord<S extends z.ZodType>(schema: S, raw: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const ref = externalIdOf(raw);
  const problems = r.error.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message))
    .join("; ");
  throw new Error(`${what}${ref ? ` ${ref}` : ""} is malformed: ${problems}`);
}

/** Settings or a page envelope: the same, with "settings"/"response" wording. */
export function parseOrThrow<S extends z.ZodType>(schema: S, raw: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const why = r.error.issues.map((i) => `${i.path.join(".") || "value"}: ${i.message}`).join("; ");
  throw new Error(`${what} ${why}`);
}
