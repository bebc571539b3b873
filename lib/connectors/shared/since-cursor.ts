import { z } from "zod";

/**
 * The "changed since" cursor the helpdesk connectors share. A stream reads records sorted by
 * their update time, oldest first, page by page:
 * - after a full page, the next page starts AT the newest time seen (records with that exact
 *   time are read again; storage is idempotent), or, when the whole page shares one time, at the
 *   next page number — so a run always moves forward;
 * - at the end of the stream the cursor "rests" on the newest time seen, and the next run starts
 *   `overlap` earlier, so records committed late with an older time stamp are not missed.
 * Token-paged APIs (Jira) keep their page token and the newest time seen instead of a page number.
 */

const CursorSchema = z.object({
  since: z.iso.datetime({ offset: true }),
  page: z.number().int().min(1).default(1),
  token: z.string().optional(),
  maxSeen: z.iso.datetime({ offset: true }).optional(),
  rest: z.boolean().optional(),
});
export type SinceCursor = z.infer<typeof CursorSchema>;

export function encodeSince(c: SinceCursor): string {
  return JSON.stringify(c);
}

/** Where this fetch starts: the saved cursor (a resting one moved back by `overlapMs`), else the backfill start. */
export function startFrom(cursor: string | null, backfillFrom: Date, overlapMs: number): SinceCursor {
  if (cursor === null) return { since: backfillFrom.toISOString(), page: 1 };
  let parsed: SinceCursor;
  try {
    parsed = CursorSchema.parse(JSON.parse(cursor));
  } catch {
    throw new Error(`The saved sync cursor ${JSON.stringify(cursor.slice(0, 80))} is not one this connector wrote; reset the connection's cursor to sync again from the backfill start.`);
  }
  if (!parsed.rest) return parsed;
  return { since: new Date(Date.parse(parsed.since) - overlapMs).toISOString(), page: 1 };
}

const later = (a: string | undefined, b: Date | undefined) => (b && (!a || b.getTime() > Date.parse(a)) ? b.toISOString() : a);

/** After a page-number page: where the next one starts, and whether there is one. */
export function afterNumberedPage(cur: SinceCursor, updatedAts: Date[], full: boolean): { next: SinceCursor; hasMore: boolean } {
  const newest = updatedAts.reduce<Date | undefined>((m, d) => (!m || d > m ? d : m), undefined);
  if (!full) return { next: { since: later(cur.since, newest)!, page: 1, rest: true }, hasMore: false };
  if (newest && newest.getTime() > Date.parse(cur.since)) return { next: { since: newest.toISOString(), page: 1 }, hasMore: true };
  return { next: { since: cur.since, page: cur.page + 1 }, hasMore: true };
}

/** After a token page: the next token, or at the end a resting cursor on the newest time seen. */
export function afterTokenPage(cur: SinceCursor, updatedAts: Date[], nextToken: string | null): { next: SinceCursor; hasMore: boolean } {
  const maxSeen = updatedAts.reduce<string | undefined>((m, d) => later(m, d), cur.maxSeen);
  if (nextToken) return { next: { since: cur.since, page: 1, token: nextToken, maxSeen }, hasMore: true };
  return { next: { since: later(cur.since, maxSeen ? new Date(maxSeen) : undefined)!, page: 1, rest: true }, hasMore: false };
}
