import { z } from "zod";
import type { Connector, ConnectorConfig, FetchContext, RawPage } from "../types";
import { DEMO_CONTRACTOR, INTERVAL_MS, MAX_SPAN_MS, createdAtOf, generateTicket, groupId, type DemoTimeline } from "./generator";
import { externalIdOf, normalizeAgent, normalizeGroup, normalizeRating, normalizeTicket } from "./normalize";
import { demoGroups, demoRoster } from "./roster";
import { ratingAt, ratingUpdatedAt, ticketAt, ticketUpdatedAt } from "./visible";
import { decodeCursor, encodeCursor, scanWindow, type Position } from "./window";

/**
 * The demo helpdesk as a connector: behaves like a real source (incremental, cursor-based,
 * raw JSON records) over the generated history in ./generator.ts.
 */

export const DemoSettingsSchema = z.object({
  seed: z.number().int(),
  /** Day (or moment) the generated history starts: ticket 0 is created then. */
  historyStart: z.string().refine((s) => !Number.isNaN(Date.parse(s)), "historyStart must be an ISO date"),
  pageSize: z.number().int().min(1).max(5000).default(500),
  /** Test-only: every Nth ticket record comes out malformed, to exercise the reject path. */
  faults: z.object({ malformedEvery: z.number().int().min(1).optional() }).optional(),
});

export type DemoSettings = z.infer<typeof DemoSettingsSchema>;

/** One stream of the demo API: where an item stands at `now`, its id, and its record. */
type Stream = {
  updatedAt: (t: DemoTimeline, now: number) => number | null;
  id: (t: DemoTimeline) => string;
  record: (k: number, now: number) => unknown;
};

/** Generated timelines by index: consecutive pages overlap by the 15-day span (~2 500 tickets), so a small memo saves most regeneration. */
function timelineCache(seed: number, origin: number) {
  const memo = new Map<number, DemoTimeline>();
  return (k: number): DemoTimeline => {
    let t = memo.get(k);
    if (!t) {
      if (memo.size >= 8_000) memo.clear();
      t = generateTicket(seed, origin, k);
      memo.set(k, t);
    }
    return t;
  };
}

/** Spoils a record in one of two ways a real API might: a bad date or an unknown status. */
function spoil(record: object, k: number): Record<string, unknown> {
  return k % 2 === 0 ? { ...record, created_at: "yesterday-ish" } : { ...record, status: "on-fire" };
}

export function createDemoConnector(config: ConnectorConfig): Connector {
  const parsed = DemoSettingsSchema.safeParse(config.settings);
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `${i.path.join(".") || "settings"}: ${i.message}`).join("; ");
    throw new Error(`The demo connection's settings are invalid: ${why}`);
  }
  const s = parsed.data;
  const origin = Date.parse(s.historyStart);
  const timeline = timelineCache(s.seed, origin);
  const createdAt = (k: number) => createdAtOf(s.seed, origin, k);
  const malformedEvery = s.faults?.malformedEvery;

  /** Items whose position can be after `from` were created after `from` minus the longest life. */
  const firstIndex = (from: Position | null) =>
    from === null ? 0 : Math.floor((from.t - MAX_SPAN_MS - origin) / INTERVAL_MS) - 1;

  const page = (cursor: string | null, ctx: FetchContext, stream: Stream): RawPage => {
    ctx.signal?.throwIfAborted();
    const from = decodeCursor(cursor);
    const now = ctx.now.getTime();
    const { items, hasMore } = scanWindow({
      from,
      now,
      pageSize: s.pageSize,
      firstIndex: firstIndex(from),
      createdAt,
      positionOf: (k) => {
        const t = timeline(k);
        const at = stream.updatedAt(t, now);
        return at === null ? null : { t: at, id: stream.id(t) };
      },
    });
    const last = items[items.length - 1];
    return {
      records: items.map((i) => stream.record(i.k, now)),
      nextCursor: last ? encodeCursor(last) : cursor ?? encodeCursor(null),
      hasMore,
    };
  };

  return {
    kind: "demo",
    async fetchDirectory() {
      const agents = [
        ...demoRoster().map((a) => ({
          id: a.externalId,
          name: a.name,
          email: a.email,
          role: "agent",
          group_ids: a.skills.map((sk) => groupId(a.lineCode, sk)),
        })),
        { id: DEMO_CONTRACTOR.externalId, name: DEMO_CONTRACTOR.name, email: DEMO_CONTRACTOR.email, role: "agent", group_ids: [] },
      ];
      const groups = demoGroups().map((g) => ({ id: g.externalId, name: g.name }));
      return { agents, groups };
    },
    async fetchTickets(cursor, ctx) {
      return page(cursor, ctx, {
        updatedAt: ticketUpdatedAt,
        id: (t) => t.id,
        record: (k, now) => {
          const rec = ticketAt(timeline(k), now)!;
          return malformedEvery && (k + 1) % malformedEvery === 0 ? spoil(rec, k) : rec;
        },
      });
    },
    async fetchRatings(cursor, ctx) {
      return page(cursor, ctx, {
        updatedAt: ratingUpdatedAt,
        id: (t) => t.rating!.id,
        record: (k, now) => ratingAt(timeline(k), now),
      });
    },
    normalizeAgent,
    normalizeGroup,
    normalizeTicket,
    normalizeRating,
    externalIdOf,
  };
}
