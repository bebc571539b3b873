import assert from "node:assert/strict";
import { test } from "node:test";
import { eq } from "drizzle-orm";
import { badges, challenges, crowns, digestChannels, teams, users } from "@/db/schema";
import { runAction } from "@/lib/actions/define";
import { challengeCreateDefinition } from "@/lib/actions/index";
import { generateKey } from "@/lib/crypto/secrets";
import { listChannels, listDeliveries, previewDigest, processDueDeliveries, saveChannel, sendTestDigest, MAX_ATTEMPTS } from "@/lib/digest/service";
import { ChannelInputSchema } from "@/lib/digest/schemas";
import { resetEnvCache } from "@/lib/env";
import { recordCrowns } from "@/lib/crowns/record";
import { runSync } from "@/lib/sync/run-sync";
import { listJobs } from "@/jobs/index";
import { runJob } from "@/jobs/runner";
import { openTestDb, TEST_DB_KINDS } from "../helpers/db";
import { startHttpReceiver } from "../helpers/http-receiver";
import { TEST_NOW, createDemoOrg } from "../helpers/org";
import { startSmtpSink } from "../helpers/smtp-sink";
import { makeViewer } from "../helpers/viewers";

const job = (id: string) => listJobs().find((j) => j.id === id)!;
const channel = (raw: Record<string, string>) => ChannelInputSchema.parse({ enabled: "on", sendAt: "18:00", ...raw });

for (const kind of TEST_DB_KINDS) {
  test(`${kind}: daily digest to Slack, Teams, Telegram and SMTP; once a day; retries with backoff; quarter close twice changes nothing`, async () => {
    const receiver = await startHttpReceiver();
    const sink = await startSmtpSink();
    process.env.PODIUM_ENCRYPTION_KEY = generateKey();
    process.env.PODIUM_TELEGRAM_API_BASE = receiver.url;
    resetEnvCache();
    const h = await openTestDb(kind);
    try {
      const org = await createDemoOrg(h.db, { historyDays: 8 });
      assert.equal((await runSync(h, org.connectionId, { trigger: "backfill", now: TEST_NOW, maxPages: 1000 })).status, "succeeded");
      const falcons = org.teamIds["Falcons"]!;
      await h.db.update(teams).set({ timeZone: "Europe/Moscow" }).where(eq(teams.id, falcons));
      const lead = await makeViewer(h.db, "lead", { teamId: falcons });
      const otherLead = await makeViewer(h.db, "lead", { teamId: org.teamIds["Комета"]! });
      const made = await runAction(challengeCreateDefinition, lead, { name: "Five stars in Q1", teamId: String(falcons), scope: "team", metric: "five_star_count", target: "400", minCount: "0", periodStart: "2025-01-01", periodEnd: "2025-03-31" }, h);
      assert.ok(made.ok, JSON.stringify(made));

      const slackUrl = `${receiver.url}/services/T000/B000/slack-secret-path`;
      await saveChannel(h.db, lead, channel({ teamId: String(falcons), kind: "slack", name: "Slack #support", url: slackUrl }));
      await saveChannel(h.db, lead, channel({ teamId: String(falcons), kind: "teams", name: "Teams", url: `${receiver.url}/webhookb2/teams-secret-path` }));
      await saveChannel(h.db, lead, channel({ teamId: String(falcons), kind: "telegram", name: "Telegram", botToken: "123456:SECRETtokenABCDEF", chatId: "-1001234567890" }));
      await saveChannel(h.db, lead, channel({ teamId: String(falcons), kind: "email", name: "Email", host: "127.0.0.1", port: String(sink.port), user: "digest", password: "smtp-secret-pw", from: "podium@example.com", to: "team@example.com, lead@example.com" }));
      await assert.rejects(saveChannel(h.db, otherLead, channel({ teamId: String(falcons), kind: "slack", name: "Hijack", url: slackUrl })), { name: "AuthError" });

      // Secrets are encrypted at rest and never in what the UI gets.
      const raw = JSON.stringify(await h.db.select().from(digestChannels));
      const shown = JSON.stringify(await listChannels(h.db, lead, falcons));
      for (const secret of ["slack-secret-path", "teams-secret-path", "SECRETtoken", "smtp-secret-pw"]) {
        assert.ok(!raw.includes(secret), `${secret} at rest`);
        assert.ok(!shown.includes(secret), `${secret} shown`);
      }
      await assert.rejects(listChannels(h.db, otherLead, falcons), { name: "AuthError" });

      // Preview: days left, progress, today's contributors.
      const preview = await previewDigest(h.db, lead, falcons, TEST_NOW);
      assert.match(preview.text, /🎯 Five stars in Q1: 30 days left/);
      assert.match(preview.text, /Progress: \d+ of 400 five-star ratings/);
      assert.match(preview.text, /Today:\n   • /);

      // The digest speaks its team's language, its lead's: Russian once the lead reads Russian.
      await h.db.update(users).set({ locale: "ru" }).where(eq(users.id, lead.userId));
      const ru = await previewDigest(h.db, lead, falcons, TEST_NOW);
      assert.match(ru.subject, /^Falcons: ежедневная сводка /);
      assert.match(ru.text, /🎯 Five stars in Q1: осталось 30 дней — /);
      assert.match(ru.text, /Прогресс: пятизвёздочные оценки: \d+ из 400/);
      assert.match(ru.text, /Сегодня:\n   • /);
      await h.db.update(users).set({ locale: "en" }).where(eq(users.id, lead.userId));

      // 17:00 in Moscow (14:00 UTC) is before 18:00: nothing goes out; at 18:05 Moscow all four do.
      const before = await runJob(h, job("digest"), new Date("2025-03-01T14:00:00Z"));
      assert.equal(before.detail?.queued, 0);
      const at = new Date("2025-03-01T15:05:00Z");
      const sent = await runJob(h, job("digest"), at);
      assert.deepEqual(sent.detail, { queued: 4, sent: 4, failed: 0, retrying: 0 });
      const slack = receiver.received.find((r) => r.url === "/services/T000/B000/slack-secret-path")!;
      assert.match(JSON.parse(slack.body).text, /Falcons — daily digest, 2025-03-01/);
      const tg = receiver.received.find((r) => r.url.endsWith("/sendMessage"))!;
      assert.equal(tg.url, "/bot123456:SECRETtokenABCDEF/sendMessage");
      assert.equal(JSON.parse(tg.body).chat_id, "-1001234567890");
      assert.ok(receiver.received.some((r) => r.url === "/webhookb2/teams-secret-path"));
      assert.equal(sink.messages.length, 1);
      assert.deepEqual(sink.messages[0]!.to, ["team@example.com", "lead@example.com"]);
      assert.equal(sink.messages[0]!.auth, "\0digest\0smtp-secret-pw");
      assert.match(sink.messages[0]!.data, /Subject: Falcons: daily digest 2025-03-01/);
      assert.match(sink.messages[0]!.data, /Five stars in Q1/);
      // Once a day, however often the job runs.
      assert.equal((await runJob(h, job("digest"), new Date("2025-03-01T16:00:00Z"))).detail?.queued, 0);
      assert.equal(receiver.received.length, 3);

      // "Send a test" that fails is retried after 1 minute, then succeeds.
      const [slackCh] = await h.db.select().from(digestChannels).where(eq(digestChannels.kind, "slack"));
      receiver.failNext(1, 503);
      const t0 = new Date("2025-03-01T15:10:00Z");
      const first = await sendTestDigest(h.db, lead, slackCh!.id, t0);
      assert.equal(first.status, "pending");
      assert.match(first.error ?? "", /answered 503/);
      assert.ok(!(first.error ?? "").includes("secret"), "the error does not echo the webhook URL");
      assert.deepEqual(await processDueDeliveries(h.db, new Date(t0.getTime() + 30_000)), { sent: 0, failed: 0, retrying: 0 });
      assert.deepEqual(await processDueDeliveries(h.db, new Date(t0.getTime() + 61_000)), { sent: 1, failed: 0, retrying: 0 });
      const shownDeliveries = await listDeliveries(h.db, lead, falcons);
      assert.equal(shownDeliveries[0]!.status, "sent");
      assert.equal(shownDeliveries[0]!.attempts, 2);

      // SMTP refusing every time: attempts at +1, +4, +16, +64 minutes, then failed and shown so.
      const [mailCh] = await h.db.select().from(digestChannels).where(eq(digestChannels.kind, "email"));
      sink.rejectNext(100);
      let t = new Date("2025-03-01T16:00:00Z");
      const r1 = await sendTestDigest(h.db, lead, mailCh!.id, t);
      assert.equal(r1.status, "pending");
      assert.match(r1.error ?? "", /451/);
      for (const minutes of [1, 4, 16, 64]) {
        t = new Date(t.getTime() + minutes * 60_000 + 1000);
        await processDueDeliveries(h.db, t);
      }
      const [failed] = await listDeliveries(h.db, lead, falcons);
      assert.equal(failed!.status, "failed");
      assert.equal(failed!.attempts, MAX_ATTEMPTS);
      assert.equal(sink.messages.length, 1);

      // Quarter close: an ended challenge (team goal achieved) and a personal one.
      const ended = { teamId: String(falcons), metric: "five_star_count", target: "1", minCount: "0", periodStart: "2025-02-21", periodEnd: "2025-02-27" };
      assert.ok((await runAction(challengeCreateDefinition, lead, { ...ended, name: "One five-star this week", scope: "team" }, h)).ok);
      assert.ok((await runAction(challengeCreateDefinition, lead, { ...ended, name: "Each: one five-star", scope: "engineer" }, h)).ok);
      const snapshot = async () =>
        JSON.stringify([
          await h.db.select().from(challenges).orderBy(challenges.id),
          await h.db.select().from(badges).orderBy(badges.id),
          await h.db.select().from(crowns).orderBy(crowns.id),
        ]);
      const closeAt = new Date("2025-04-01T00:20:00Z");
      const firstClose = await runJob(h, job("quarter-close"), closeAt);
      assert.equal(firstClose.status, "succeeded", firstClose.error);
      // The Q1 challenge ended 31 Mar too: three closed.
      assert.equal(firstClose.detail?.closedChallenges, 3);
      assert.ok(Number(firstClose.detail?.challengeBadges) >= 2, JSON.stringify(firstClose.detail));
      const rows = await h.db.select().from(challenges).orderBy(challenges.id);
      assert.ok(rows.every((c) => c.status === "archived" && c.closedAt && c.result));
      assert.equal((rows[1]!.result as { state: string }).state, "achieved");
      assert.ok((await h.db.select().from(crowns)).every((c) => c.finalAt !== null));
      const afterFirst = await snapshot();
      const secondClose = await runJob(h, job("quarter-close"), new Date("2025-04-02T00:20:00Z"));
      assert.deepEqual(secondClose.detail, { closedChallenges: 0, challengeBadges: 0, finalCrowns: 0, crownBadges: 0 });
      assert.equal(await snapshot(), afterFirst);
    } finally {
      await h.close();
      await receiver.close();
      await sink.close();
    }
  });

  test(`${kind}: crowns the boards' job already made final still earn their badges at quarter close, once`, async () => {
    const h = await openTestDb(kind);
    try {
      const org = await createDemoOrg(h.db, { historyDays: 8 });
      assert.equal((await runSync(h, org.connectionId, { trigger: "backfill", now: TEST_NOW, maxPages: 1000 })).status, "succeeded");
      // The crowns job runs every 15 minutes: just after the quarter ends it makes Q1's crowns final.
      await recordCrowns(h.db, new Date("2025-04-01T00:05:00Z"));
      const q1 = await h.db.select().from(crowns).where(eq(crowns.periodStart, "2025-01-01"));
      const finalQ1 = q1.filter((c) => c.periodKind === "quarter" && c.finalAt !== null && (c.teamId !== null || c.engineerId !== null));
      assert.ok(finalQ1.length >= 2, JSON.stringify(q1));
      const first = await runJob(h, job("quarter-close"), new Date("2025-04-01T00:20:00Z"));
      assert.equal(first.status, "succeeded", first.error);
      assert.equal(first.detail?.finalCrowns, 0, "final crowns are kept as the boards' job made them");
      assert.equal(first.detail?.crownBadges, finalQ1.length);
      const crownBadges = await h.db.select().from(badges).where(eq(badges.kind, "quarter_crown"));
      assert.deepEqual(
        crownBadges.map((b) => b.subject).sort(),
        finalQ1.map((c) => (c.engineerId ? `engineer:${c.engineerId}` : `team:${c.teamId}`)).sort(),
      );
      const second = await runJob(h, job("quarter-close"), new Date("2025-04-02T00:20:00Z"));
      assert.equal(second.detail?.crownBadges, 0);
      assert.equal((await h.db.select().from(badges).where(eq(badges.kind, "quarter_crown"))).length, crownBadges.length);
    } finally {
      await h.close();
    }
  });
}
