import { and, desc, eq, gte, inArray, isNull, lt, lte, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, challenges, crowns, digestChannels, digestDeliveries, engineers, nominationWinners, nominations, teams, users } from "@/db/schema";
import { t as tr, toLocale, type Locale } from "@/lib/i18n";
import { SafeError } from "@/lib/actions/define";
import { AuthError, canManageTeam, requireViewer, type Viewer } from "@/lib/auth/policy";
import { describeValue, addFacts, emptyTotals } from "@/lib/challenges/evaluate";
import { loadDayFacts } from "@/lib/challenges/facts";
import { challengeBounds, evaluateStoredChallenge, loadContributors, specOf, type ChallengeRow } from "@/lib/challenges/queries";
import type { CustomSpec } from "@/lib/challenges/types";
import { decryptJson, encryptJson, getEncryptionKey } from "@/lib/crypto/secrets";
import { dayKey, periodContaining, zonedParts } from "@/lib/periods";
import { buildDigest, type DigestChallenge } from "./format";
import type { ChannelInput } from "./schemas";
import { deliver, type ChannelKind, type ChannelSecret, type ChannelSettings } from "./send";

/** The daily digest: channels (secrets encrypted), preview, test send, scheduling and retries. */

export const MAX_ATTEMPTS = 5;
/** 1, 4, 16, 64 minutes between attempts. */
export const backoffMs = (attempts: number) => 60_000 * 4 ** Math.max(0, attempts - 1);

export type ChannelView = {
  id: number;
  teamId: number;
  kind: ChannelKind;
  name: string;
  sendAt: string;
  enabled: boolean;
  settings: ChannelSettings;
  /** What may be shown of the secret: the webhook's host, or "token saved". Never the secret. */
  secretHint: string;
};

function hint(kind: ChannelKind, secret: ChannelSecret): string {
  if (kind === "slack" || kind === "teams") {
    try {
      return `webhook on ${new URL(secret.url ?? "").host} (saved, hidden)`;
    } catch {
      return "webhook saved";
    }
  }
  if (kind === "telegram") return "bot token saved (hidden)";
  return secret.password ? "password saved (hidden)" : "no password";
}

const readSecret = (envelope: string) => decryptJson<ChannelSecret>(envelope, getEncryptionKey());

function requireTeamManager(viewer: Viewer | null, teamId: number): Viewer {
  const v = requireViewer(viewer);
  if (!canManageTeam(v, teamId)) throw new AuthError(403, "Only the team's lead or an admin manages its digest.");
  return v;
}

export async function listChannels(db: Db, viewer: Viewer | null, teamId: number): Promise<ChannelView[]> {
  requireTeamManager(viewer, teamId);
  const rows = await db.select().from(digestChannels).where(eq(digestChannels.teamId, teamId)).orderBy(digestChannels.id);
  return rows.map((r) => ({
    id: r.id,
    teamId: r.teamId,
    kind: r.kind,
    name: r.name,
    sendAt: r.sendAt,
    enabled: r.enabled,
    settings: r.settings as ChannelSettings,
    secretHint: hint(r.kind, readSecret(r.secretEncrypted)),
  }));
}

export async function saveChannel(db: Db, viewer: Viewer | null, input: ChannelInput): Promise<{ id: number }> {
  const v = requireTeamManager(viewer, input.teamId);
  let secret: ChannelSecret = {};
  if (input.id !== undefined) {
    const [cur] = await db.select().from(digestChannels).where(eq(digestChannels.id, input.id));
    if (!cur || !canManageTeam(v, cur.teamId)) throw new SafeError("No such channel.", 404);
    if (cur.kind === input.kind) secret = readSecret(cur.secretEncrypted);
  }
  // Empty secret fields keep the saved ones.
  if (input.url) secret.url = input.url;
  if (input.botToken) secret.botToken = input.botToken;
  if (input.password) secret.password = input.password;
  if ((input.kind === "slack" || input.kind === "teams") && !secret.url) throw new SafeError("Paste the incoming webhook URL.");
  if (input.kind === "telegram" && !secret.botToken) throw new SafeError("Paste the bot token from @BotFather.");
  const settings: ChannelSettings =
    input.kind === "telegram"
      ? { chatId: input.chatId }
      : input.kind === "email"
        ? { host: input.host, port: input.port, secure: input.secure, user: input.user, from: input.from, to: input.to }
        : {};
  const values = { teamId: input.teamId, kind: input.kind, name: input.name, sendAt: input.sendAt, enabled: input.enabled, settings, secretEncrypted: encryptJson(secret, getEncryptionKey()) };
  return db.transaction(async (tx) => {
    const id =
      input.id !== undefined
        ? (await tx.update(digestChannels).set(values).where(eq(digestChannels.id, input.id)).returning({ id: digestChannels.id }))[0]!.id
        : (await tx.insert(digestChannels).values({ ...values, createdByUserId: v.userId }).returning({ id: digestChannels.id }))[0]!.id;
    // The audit row names the channel, never its secret.
    await tx.insert(auditLog).values({ actorUserId: v.userId, action: input.id ? "digest.channel.update" : "digest.channel.create", entity: "digest_channel", entityId: String(id), details: { kind: input.kind, name: input.name, sendAt: input.sendAt } });
    return { id };
  });
}

/**
 * The language a team's digest is written in: its lead's (the seed's lead wrote the digest by hand,
 * and a channel is read by the team, not by one user); English when the team has no active lead.
 */
export async function teamDigestLocale(db: Db, teamId: number): Promise<Locale> {
  const [lead] = await db
    .select({ locale: users.locale })
    .from(users)
    .where(and(eq(users.teamId, teamId), eq(users.role, "lead"), eq(users.active, true)))
    .orderBy(users.id)
    .limit(1);
  return toLocale(lead?.locale);
}

/** The digest text for a team on the local day containing `now`, in the team's language. No authorization: the job calls it. */
export async function buildTeamDigest(db: Db, teamId: number, now: Date): Promise<{ day: string; subject: string; text: string }> {
  const [team] = await db.select().from(teams).where(eq(teams.id, teamId));
  if (!team) throw new SafeError("No such team.", 404);
  const L = await teamDigestLocale(db, teamId);
  const day = periodContaining("day", now, team.timeZone);
  const today = dayKey(now, team.timeZone);
  const running = await db
    .select()
    .from(challenges)
    .where(and(or(eq(challenges.teamId, teamId), isNull(challenges.teamId)), lte(challenges.periodStart, today), gte(challenges.periodEnd, today), isNull(challenges.closedAt)))
    .orderBy(challenges.periodEnd);
  const items: DigestChallenge[] = [];
  for (const c of running) {
    const row: ChallengeRow = { ...c, teamName: team.name, timeZone: c.teamId === null ? "UTC" : team.timeZone };
    const { evaluation } = await evaluateStoredChallenge(db, row, now, L);
    const { from, to } = challengeBounds(c, row.timeZone);
    const facts = (await loadDayFacts(db, { teamId: c.teamId, by: "team", from, to: now < to ? now : to, timeZone: row.timeZone, custom: c.custom as CustomSpec | null })).get(0) ?? [];
    items.push({ name: c.name, daysLeft: evaluation.daysLeft, state: evaluation.state, progress: describeValue(specOf(c), facts.reduce(addFacts, emptyTotals()), L), whatItTakes: evaluation.whatItTakes });
  }
  const contributors = await loadContributors(db, { teamId, from: day.start, to: day.end });
  const awards = await loadAwards(db, teamId, team.name, day.start, day.end, L);
  const { subject, text } = buildDigest({ teamName: team.name, day: today, challenges: items, contributors, awards }, L);
  return { day: today, subject, text };
}

/** Crowns taken and nominations won today by the team or its engineers (empty until issue #5 fills them). */
async function loadAwards(db: Db, teamId: number, teamName: string, from: Date, to: Date, L: Locale): Promise<string[]> {
  const board = (b: string) => (b === "engineer_points" || b === "team_csat" || b === "team_points" ? tr(L, `digText.board.${b}`) : b);
  const kind = (k: string) => (k === "week" || k === "month" || k === "quarter" || k === "year" ? tr(L, `unit.kind.${k}`) : k);
  const crownRows = await db
    .select({ board: crowns.board, kind: crowns.periodKind, start: crowns.periodStart, engineer: engineers.displayName, teamId: crowns.teamId })
    .from(crowns)
    .leftJoin(engineers, eq(engineers.id, crowns.engineerId))
    .where(and(or(eq(crowns.teamId, teamId), eq(engineers.teamId, teamId)), gte(crowns.heldSince, from), lt(crowns.heldSince, to)));
  const winners = await db
    .select({ nomination: nominations.name, engineer: engineers.displayName })
    .from(nominationWinners)
    .innerJoin(nominations, eq(nominations.id, nominationWinners.nominationId))
    .innerJoin(engineers, eq(engineers.id, nominationWinners.engineerId))
    .where(and(eq(engineers.teamId, teamId), gte(nominationWinners.awardedAt, from), lt(nominationWinners.awardedAt, to)));
  return [
    ...crownRows.map((c) => tr(L, "digText.crown", { who: c.engineer ?? teamName, board: board(c.board), kind: kind(c.kind), start: String(c.start) })),
    ...winners.map((w) => tr(L, "digText.nomination", { who: w.engineer, nomination: w.nomination })),
  ];
}

export async function previewDigest(db: Db, viewer: Viewer | null, teamId: number, now = new Date()) {
  requireTeamManager(viewer, teamId);
  return buildTeamDigest(db, teamId, now);
}

export type DeliveryView = { id: number; channelName: string; day: string; trigger: string; status: string; attempts: number; lastError: string | null; nextAttemptAt: Date; sentAt: Date | null };

export async function listDeliveries(db: Db, viewer: Viewer | null, teamId: number): Promise<DeliveryView[]> {
  requireTeamManager(viewer, teamId);
  return db
    .select({
      id: digestDeliveries.id,
      channelName: digestChannels.name,
      day: digestDeliveries.day,
      trigger: digestDeliveries.trigger,
      status: digestDeliveries.status,
      attempts: digestDeliveries.attempts,
      lastError: digestDeliveries.lastError,
      nextAttemptAt: digestDeliveries.nextAttemptAt,
      sentAt: digestDeliveries.sentAt,
    })
    .from(digestDeliveries)
    .innerJoin(digestChannels, eq(digestChannels.id, digestDeliveries.channelId))
    .where(eq(digestChannels.teamId, teamId))
    .orderBy(desc(digestDeliveries.id))
    .limit(20);
}

/** "Send a test": today's digest to one channel now; a failure is kept and retried like any other. */
export async function sendTestDigest(db: Db, viewer: Viewer | null, channelId: number, now = new Date()) {
  const v = requireViewer(viewer);
  const [ch] = await db.select().from(digestChannels).where(eq(digestChannels.id, channelId));
  if (!ch || !canManageTeam(v, ch.teamId)) throw new SafeError("No such channel.", 404);
  const digest = await buildTeamDigest(db, ch.teamId, now);
  const [d] = await db
    .insert(digestDeliveries)
    .values({ channelId, day: digest.day, trigger: "test", text: `[Test] ${digest.text}`, nextAttemptAt: now })
    .returning({ id: digestDeliveries.id });
  return attemptDelivery(db, d!.id, now);
}

/** Queues today's digest for every enabled channel whose local send time has come. At most one a day (unique index). */
export async function enqueueDueDigests(db: Db, now: Date): Promise<number> {
  const rows = await db
    .select({ id: digestChannels.id, teamId: digestChannels.teamId, sendAt: digestChannels.sendAt, tz: teams.timeZone })
    .from(digestChannels)
    .innerJoin(teams, eq(teams.id, digestChannels.teamId))
    .where(eq(digestChannels.enabled, true));
  let queued = 0;
  const built = new Map<number, Awaited<ReturnType<typeof buildTeamDigest>>>();
  for (const ch of rows) {
    const p = zonedParts(now, ch.tz);
    const hhmm = `${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}`;
    if (hhmm < ch.sendAt) continue;
    const day = dayKey(now, ch.tz);
    const [exists] = await db.select({ id: digestDeliveries.id }).from(digestDeliveries).where(and(eq(digestDeliveries.channelId, ch.id), eq(digestDeliveries.day, day), eq(digestDeliveries.trigger, "scheduled")));
    if (exists) continue;
    let digest = built.get(ch.teamId);
    if (!digest) built.set(ch.teamId, (digest = await buildTeamDigest(db, ch.teamId, now)));
    const ins = await db.insert(digestDeliveries).values({ channelId: ch.id, day, trigger: "scheduled", text: digest.text, nextAttemptAt: now }).onConflictDoNothing().returning({ id: digestDeliveries.id });
    queued += ins.length;
  }
  return queued;
}

/** Sends every pending delivery that is due; bounded per run, the rest waits for the next run. */
export async function processDueDeliveries(db: Db, now: Date, limit = 50): Promise<{ sent: number; failed: number; retrying: number }> {
  const due = await db
    .select({ id: digestDeliveries.id })
    .from(digestDeliveries)
    .where(and(eq(digestDeliveries.status, "pending"), lte(digestDeliveries.nextAttemptAt, now)))
    .orderBy(digestDeliveries.nextAttemptAt)
    .limit(limit);
  const out = { sent: 0, failed: 0, retrying: 0 };
  for (const d of due) {
    const r = await attemptDelivery(db, d.id, now);
    if (r.status === "sent") out.sent++;
    else if (r.status === "failed") out.failed++;
    else out.retrying++;
  }
  return out;
}

/** One attempt; on failure the next one is scheduled with backoff, or the delivery is marked failed. */
export async function attemptDelivery(db: Db, deliveryId: number, now: Date): Promise<{ status: "sent" | "pending" | "failed"; error: string | null; attempts: number }> {
  const [row] = await db
    .select({ d: digestDeliveries, ch: digestChannels, teamName: teams.name })
    .from(digestDeliveries)
    .innerJoin(digestChannels, eq(digestChannels.id, digestDeliveries.channelId))
    .innerJoin(teams, eq(teams.id, digestChannels.teamId))
    .where(eq(digestDeliveries.id, deliveryId));
  if (!row) throw new SafeError("No such delivery.", 404);
  const attempts = row.d.attempts + 1;
  try {
    await deliver(row.ch.kind, readSecret(row.ch.secretEncrypted), row.ch.settings as ChannelSettings, { subject: `${row.teamName}: daily digest ${row.d.day}`, text: row.d.text });
    await db.update(digestDeliveries).set({ status: "sent", attempts, sentAt: now, lastError: null }).where(eq(digestDeliveries.id, deliveryId));
    return { status: "sent", error: null, attempts };
  } catch (e) {
    const error = (e instanceof Error ? e.message : String(e)).slice(0, 300);
    const status = attempts >= MAX_ATTEMPTS ? "failed" : "pending";
    await db
      .update(digestDeliveries)
      .set({ status, attempts, lastError: error, nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)) })
      .where(eq(digestDeliveries.id, deliveryId));
    return { status, error, attempts };
  }
}

/** Teams the viewer may manage digests for. */
export async function listDigestTeams(db: Db, viewer: Viewer | null) {
  const v = requireViewer(viewer);
  if (v.role === "admin") return db.select({ id: teams.id, name: teams.name, timeZone: teams.timeZone }).from(teams).orderBy(teams.name);
  if (v.role === "lead" && v.teamId !== null) return db.select({ id: teams.id, name: teams.name, timeZone: teams.timeZone }).from(teams).where(inArray(teams.id, [v.teamId]));
  return [];
}


