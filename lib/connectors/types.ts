import type { Msg } from "@/lib/i18n/messages";
import type { RatingScale, TicketStatus } from "@/db/schema";

/**
 * The connector interface every helpdesk implements. A connector only talks to its helpdesk and
 * turns what it gets into these shapes; storing, cursors and scoring belong to lib/sync.
 *
 * Fetching returns raw records so that one malformed record can be rejected with its reason
 * while the rest of the page is stored (see lib/sync/run-sync.ts).
 */

export type SourceAgent = {
  externalId: string;
  name: string;
  email: string | null;
  /** False for end users that a helpdesk lists with its agents. */
  isAgent: boolean;
  groupExternalIds: string[];
};

export type SourceGroup = { externalId: string; name: string };

export type SourceStatusEvent = {
  at: Date;
  from: TicketStatus | null;
  to: TicketStatus;
  actorExternalId: string | null;
  /** An agent replied publicly since the previous status change. */
  publicAgentReply: boolean;
};

export type SourceTicket = {
  externalId: string;
  subject: string;
  status: TicketStatus;
  rawStatus: string;
  groupExternalId: string | null;
  assigneeExternalId: string | null;
  solverExternalId: string | null;
  priority: string | null;
  ticketType: string | null;
  createdAt: Date;
  updatedAt: Date;
  solvedAt: Date | null;
  isMerged: boolean;
  isDeleted: boolean;
  isSpam: boolean;
  solvedByAutomation: boolean;
  /** Whole status history in time order, when the source provides it. */
  events: SourceStatusEvent[];
  /** The helpdesk's tags and custom field values (field id or name → value), for tag/field mappings. */
  tags?: string[];
  customFields?: Record<string, string>;
  contributors: { agentExternalId: string; publicReplies: number; handleSeconds: number | null }[];
};

export type SourceRating = {
  externalId: string;
  ticketExternalId: string;
  ratedAgentExternalId: string | null;
  scale: RatingScale;
  rawValue: string;
  /** For `zero_to_max` scales (GLPI). */
  scaleMax?: number;
  comment: string | null;
  ratedAt: Date;
  updatedAt: Date;
};

export type RawPage = {
  records: unknown[];
  /** Where the next call starts. Saved only after every record before it is stored. */
  nextCursor: string;
  /** False at the end of the stream (for now). */
  hasMore: boolean;
};

export type FetchContext = { now: Date; signal?: AbortSignal };

/**
 * The answer of `testConnection`: ok, or what the admin should fix, in plain words. `message` is
 * English; `i18n`, when given, is the same answer as a dictionary key for the admin's language.
 */
export type ConnectionTestResult =
  | { ok: true; message: string; details?: Record<string, string | number>; i18n?: Msg }
  | { ok: false; problem: "domain" | "credentials" | "permissions" | "unreachable" | "other"; message: string; i18n?: Msg };

/** API use so far in this run, for the backfill progress screen. All optional. */
export type ConnectorProgress = {
  requests: number;
  throttled: number;
  retries: number;
  /** Share of the account's quota in use by us right now (0–1), when the helpdesk tells its quota. */
  budgetUse: number | null;
  /** Total tickets to fetch, when the helpdesk tells it (Zendesk's count, Freshdesk's none). */
  ticketsEstimate?: number | null;
};

export interface Connector {
  readonly kind: string;
  /** Agents and groups: small lists, fetched whole on every run. */
  fetchDirectory(ctx: FetchContext): Promise<{ agents: unknown[]; groups: unknown[] }>;
  /** Tickets changed since `cursor` (null: from the backfill start). */
  fetchTickets(cursor: string | null, ctx: FetchContext): Promise<RawPage>;
  /** Ratings created or changed since `cursor`. */
  fetchRatings(cursor: string | null, ctx: FetchContext): Promise<RawPage>;
  /** Each throws an Error whose message says, in plain words, what is wrong with the record. */
  normalizeAgent(raw: unknown): SourceAgent;
  normalizeGroup(raw: unknown): SourceGroup;
  normalizeTicket(raw: unknown): SourceTicket;
  normalizeRating(raw: unknown): SourceRating;
  /** The external id of a raw record, best effort, for reject reports. */
  externalIdOf(raw: unknown): string | null;
  /** Optional: one cheap call that tells a wrong domain, bad credentials, missing permissions apart. */
  testConnection?(ctx: FetchContext): Promise<ConnectionTestResult>;
  /** Optional: API use so far (requests, throttling, budget), for progress reporting. */
  progress?(): ConnectorProgress;
}

/** What a connector is built from: the connection row with its credentials decrypted. */
export type ConnectorConfig = {
  id: number;
  kind: string;
  settings: Record<string, unknown>;
  credentials: Record<string, string> | null;
};

/** An error a connector raises when the helpdesk refuses us (bad credentials, no permission). */
export class ConnectorAuthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConnectorAuthError";
  }
}
