import { bigserial, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { connections } from "./helpdesk";

/** Operations: sync runs and cursors, job runs, and small facts about this installation. */

export const syncRunStatusEnum = pgEnum("sync_run_status", ["running", "succeeded", "partial", "failed"]);

export type SyncReject = { stream: string; externalId: string | null; reason: string };

/** Where a running sync is, written with each committed page (see lib/sync/progress.ts). */
export type SyncRunProgress = {
  stream: "tickets" | "ratings";
  /** When this was written. */
  at: string;
  ticketsSoFar: number;
  ratingsSoFar: number;
  /** The newest change time stored on the stream so far (how far the export has come). */
  position: string | null;
  /** Estimated seconds left on the current stream; null until the pace is known. */
  etaSeconds: number | null;
  /** Share of the account's API quota in use in the current window (0–1), from its headers. */
  budgetUse: number | null;
  requests: number;
  throttled: number;
};

export const syncRuns = pgTable(
  "sync_runs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    connectionId: integer("connection_id")
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    /** schedule | manual | webhook | backfill */
    trigger: text("trigger").notNull(),
    status: syncRunStatusEnum("status").notNull().default("running"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    pages: integer("pages").notNull().default(0),
    ticketsStored: integer("tickets_stored").notNull().default(0),
    ratingsStored: integer("ratings_stored").notNull().default(0),
    agentsStored: integer("agents_stored").notNull().default(0),
    ticketsRescored: integer("tickets_rescored").notNull().default(0),
    rejected: integer("rejected").notNull().default(0),
    /** The first rejected records with their reasons (bounded, see lib/sync/run-sync.ts). */
    rejects: jsonb("rejects").$type<SyncReject[]>().notNull().default([]),
    error: text("error"),
    /** While running (and after): tickets so far, time left, API budget use. */
    progress: jsonb("progress").$type<SyncRunProgress>(),
  },
  (t) => [index("sync_runs_connection_idx").on(t.connectionId, t.startedAt)],
);

/** Where each stream of a connection stopped; saved in the same transaction as the page it follows. */
export const syncCursors = pgTable(
  "sync_cursors",
  {
    connectionId: integer("connection_id")
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    /** tickets | ratings | agents */
    stream: text("stream").notNull(),
    cursor: text("cursor").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.stream] })],
);

export const jobRuns = pgTable(
  "job_runs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    jobId: text("job_id").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    /** running | succeeded | failed | skipped (another process held the lock) */
    status: text("status").notNull(),
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
    error: text("error"),
  },
  (t) => [index("job_runs_job_idx").on(t.jobId, t.startedAt)],
);

export const appMeta = pgTable("app_meta", {
  key: text("key").primaryKey(),
  value: jsonb("value").$type<unknown>().notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export type SyncRun = typeof syncRuns.$inferSelect;
