import assert from "node:assert/strict";
import { test } from "node:test";
import type { DbHandle } from "@/db/client";
import { SafeError, defineAction, runAction } from "@/lib/actions/define";
import { connectionFieldRuleSaveDefinition, connectionSaveDefinition, connectionTestDefinition } from "@/lib/actions/connections-definitions";
import { wallboardCreateDefinition } from "@/lib/actions/boards-definitions";
import { SaveConnectionSchema } from "@/lib/connections/manage";
import { ChallengeInputSchema } from "@/lib/challenges/schemas";
import { describeContributor } from "@/lib/challenges/contributors";
import { describeValue, emptyTotals, evaluateChallenge, whatItTakes, type Totals } from "@/lib/challenges/evaluate";
import { describeFrozenResult, readFrozenResult } from "@/lib/challenges/frozen";
import { suggestTarget } from "@/lib/challenges/suggest";
import type { ChallengeSpec } from "@/lib/challenges/types";
import { ConnectorAuthError } from "@/lib/connectors/types";
import { ConnectorHttpError, describeTestFailure } from "@/lib/connectors/http";
import { buildDigest } from "@/lib/digest/format";
import { SetGoalSchema } from "@/lib/goals/goals";
import { localizeMessage, localizeResult, msg } from "@/lib/i18n/messages";
import { word } from "@/lib/i18n/plural";
import type { Viewer } from "@/lib/auth/policy";

/** The texts built in lib/ reach a Russian viewer in Russian, and stay as they were in English. */

const viewer = (locale: string): Viewer => ({ userId: 1, email: "a@example.com", name: "Анна", role: "admin", engineerId: 1, teamId: 1, locale });
const noDb = {} as DbHandle;
const goal = defineAction({ id: "test-goal", schema: SetGoalSchema, authorize: () => true, handler: async () => "ok" });

test("i18n messages: a goal validation error reaches a Russian viewer in Russian, an English one in English", async () => {
  const bad = { engineerId: "3", period: "week", points: "-5" };
  const ru = await runAction(goal, viewer("ru"), bad, noDb);
  assert.equal(ru.ok, false);
  assert.equal(!ru.ok && ru.error, "Исправьте отмеченные поля.");
  assert.deepEqual(!ru.ok && ru.fieldErrors?.points, ["Цель должна быть больше 0 баллов."]);
  const en = await runAction(goal, viewer("en"), bad, noDb);
  assert.deepEqual(!en.ok && en.fieldErrors?.points, ["The goal must be more than 0 points."]);
  const nan = await runAction(goal, viewer("ru"), { engineerId: "x", period: "day", points: "lots" }, noDb);
  assert.deepEqual(!nan.ok && nan.fieldErrors, { engineerId: ["Выберите инженера."], period: ["Выберите неделю или квартал."], points: ["Цель — число баллов."] });
});

test("i18n messages: challenge form errors (refinements and dates) in Russian", () => {
  const r = ChallengeInputSchema.safeParse({ name: "Q", scope: "team", metric: "avg_csat", target: "7", periodStart: "2026-10-01", periodEnd: "2026-09-01" });
  assert.ok(!r.success);
  const byPath = Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), localizeMessage("ru", i.message)]));
  assert.equal(byPath.name, "Дайте челленджу название не короче 3 символов.");
  assert.equal(byPath.target, "Цель по средней оценке — от 1 до 5.");
  assert.equal(byPath.periodEnd, "Дата окончания не может быть раньше даты начала.");
  const date = ChallengeInputSchema.safeParse({ name: "Quarter", scope: "team", metric: "points", target: "10", periodStart: "01.10.2026", periodEnd: "2026-12-31" });
  assert.equal(localizeMessage("ru", date.error!.issues[0]!.message), "Дата начала — в виде ГГГГ-ММ-ДД.");
  assert.equal(date.error!.issues[0]!.message, "The start date must be a date (YYYY-MM-DD).");
});

test("i18n messages: SafeError and AuthError texts, exact and with vars; unknown texts stay English", async () => {
  const throws = (e: Error) => defineAction({ id: `test-throw-${e.message}`, schema: SetGoalSchema.pick({ period: true }), authorize: () => true, handler: async () => { throw e; } });
  const r1 = await runAction(throws(new SafeError("No such connection.", 404)), viewer("ru"), { period: "week" }, noDb);
  assert.deepEqual(r1, { ok: false, status: 404, error: "Такого подключения нет." });
  const r2 = await runAction(throws(new SafeError({ key: "err.rules.twice", vars: { name: "L3" } })), viewer("ru"), { period: "week" }, noDb);
  assert.equal(!r2.ok && r2.error, "«L3» указано дважды.");
  const r3 = await runAction(throws(new SafeError({ key: "err.rules.twice", vars: { name: "L3" } })), viewer("en"), { period: "week" }, noDb);
  assert.equal(!r3.ok && r3.error, "“L3” is listed twice.");
  const anon = await runAction(goal, null, {}, noDb);
  assert.equal(!anon.ok && anon.error, "Sign in first.");
  const forbidden = await runAction(defineAction({ id: "test-forbidden", schema: SetGoalSchema, authorize: () => false, handler: async () => 1 }), viewer("ru"), {}, noDb);
  assert.equal(!forbidden.ok && forbidden.error, "У вас нет доступа к этому.");
  // A text with a {var} matches as a pattern; a text the dictionaries do not know is left alone.
  assert.equal(localizeMessage("ru", msg("err.conn.zendeskEndUser", { email: "u@x.io" })), "Пользователь u@x.io — конечный пользователь; Podium нужен агент или администратор.");
  assert.equal(localizeMessage("ru", "Invalid input: expected string"), "Invalid input: expected string");
});

test("i18n messages: a failed 'Test connection' in Russian, the helpdesk's own detail kept", () => {
  const auth = describeTestFailure(new ConnectorAuthError("Zendesk refused the credentials (HTTP 401) for /api/v2/users/me: check the credentials."), "Zendesk");
  assert.equal(auth.message, "Zendesk refused the credentials (HTTP 401) for /api/v2/users/me: check the credentials.");
  assert.equal(
    localizeResult("ru", auth).message,
    "Zendesk не принял учётные данные: проверьте их. (Zendesk refused the credentials (HTTP 401) for /api/v2/users/me: check the credentials.)",
  );
  const domain = describeTestFailure(new ConnectorHttpError("Freshdesk answered HTTP 404 for /api/v2/agents/me", 404, "https://x.freshdesk.com"), "Freshdesk");
  assert.equal(domain.ok === false && domain.problem, "domain");
  assert.equal(domain.message, "Freshdesk has no account at this address: check the domain. (Freshdesk answered HTTP 404 for /api/v2/agents/me)");
  assert.equal(localizeResult("ru", domain).message, "В Freshdesk нет учётной записи по этому адресу: проверьте домен. (Freshdesk answered HTTP 404 for /api/v2/agents/me)");
  assert.equal(localizeResult("en", domain), domain);
  const down = describeTestFailure(new ConnectorHttpError("Freshdesk could not be reached (ENOTFOUND): /api/v2/agents/me", null, "u"), "Freshdesk");
  assert.match(localizeResult("ru", down).message, /^Freshdesk недоступен: проверьте адрес и сеть\./);
  const ok = localizeResult("ru", { ok: true as const, message: "Connected as a@x.io (admin).", i18n: { key: "connTest.connectedAsRole" as const, vars: { who: "a@x.io", role: "admin" } } });
  assert.equal(ok.message, "Подключено как a@x.io (admin).");
  assert.equal(connectionTestDefinition.id, "connection-test");
});

const spec = (s: Partial<ChallengeSpec>): ChallengeSpec => ({ metric: "points", target: 1000, minCount: 0, periodStart: "2026-11-01", periodEnd: "2026-11-30", ...s });
const totals = (t: Partial<Totals>): Totals => ({ ...emptyTotals(), ...t });

test("i18n messages: 'what it takes' and the progress value in Russian, with Russian plurals and decimal commas", () => {
  const behind = { spec: spec({}), totals: totals({ points: 300 }), daysLeft: 15, finished: false };
  assert.equal(whatItTakes(behind), "700 more points, about 46.7 a day over the 15 days left.");
  assert.equal(whatItTakes(behind, "ru"), "Ещё 700 баллов, примерно 46,7 в день, до конца 15 дней.");
  assert.equal(whatItTakes({ ...behind, totals: totals({ points: 998 }), daysLeft: 1 }, "ru"), "Ещё 2 балла, примерно 2 в день, до конца 1 день.");
  const csat = { spec: spec({ metric: "avg_csat", target: 4.9, minCount: 100 }), totals: totals({ ratings: 86, ratingSum: 86 * 5 - 1 }), daysLeft: 3, finished: false };
  assert.equal(describeValue(csat.spec, csat.totals, "ru"), "4,988 (86 оценок, нужно не меньше 100)");
  assert.equal(describeValue(csat.spec, csat.totals), "4.988 over 86 ratings (at least 100 needed)");
  assert.match(whatItTakes(csat, "ru"), /^Ещё 14 оценок, ниже пяти звёзд — не больше 9 баллов в сумме \(например, 9 четвёрки, остальные пятёрки\), примерно 4,7 в день, до конца 3 дня\.$/);
  assert.equal(whatItTakes({ ...csat, finished: true }, "ru"), "Не достигнуто: 4,988 (86 оценок, нужно не меньше 100).");
  assert.equal(whatItTakes({ spec: spec({ metric: "reopen_rate_max", target: 0 }), totals: totals({ solved: 3, reopened: 1 }), daysLeft: 3, finished: false }, "ru"), "Недостижимо: переоткрытая заявка уже исключает 0 % переоткрытий.");
  assert.equal(word("ru", 21, "unit.day"), "день");
  assert.equal(word("ru", 1.5, "unit.rating"), "оценки");
});

test("i18n messages: the suggested target sentence in Russian", () => {
  const s = suggestTarget("avg_csat", [{ label: "Q2 2026", value: 4.89, count: 120 }], "ru")!;
  assert.equal(s.target, 4.92);
  assert.equal(
    s.explanation,
    "Лучший прошлый квартал: Q2 2026 — 4,89 (120 оценок). Средняя не бывает выше 5, поэтому предложение сокращает разрыв до 5 на 25 %: 4,92, минимум 120 оценок (как в самом загруженном прошлом квартале).",
  );
  assert.match(suggestTarget("avg_csat", [{ label: "Q2 2026", value: 4.89, count: 120 }])!.explanation, /^Best past quarter: Q2 2026 with 4.89 over 120 ratings\./);
  assert.equal(suggestTarget("median_resolution_max", [{ label: "Q1 2026", value: 8, count: 42 }], "ru")!.explanation, "Лучший прошлый квартал: Q1 2026 — 8 ч. Чем меньше, тем лучше, поэтому предложение на 25 % ниже: 6 ч, минимум 42 решённые заявки.");
});

test("i18n messages: the daily digest in Russian", () => {
  const d = buildDigest(
    {
      teamName: "Соколы",
      day: "2026-11-24",
      challenges: [{ name: "Пятёрки", daysLeft: 2, state: "at_risk", progress: "пятизвёздочные оценки: 40 из 80", whatItTakes: "Ещё 40 пятизвёздочных оценок." }],
      contributors: [{ engineerId: 1, name: "Анна", ratings: 1.5, fiveStars: 1.5, points: 12, tickets: [{ ticketRef: "812", score: 5, share: 0.5, others: ["Борис"] }] } as never],
      awards: [],
    },
    "ru",
  );
  assert.equal(d.subject, "Соколы: ежедневная сводка 2026-11-24");
  assert.equal(
    d.text,
    [
      "Соколы — ежедневная сводка, 2026-11-24",
      "",
      "🎯 Пятёрки: осталось 2 дня — под угрозой",
      "   Прогресс: пятизвёздочные оценки: 40 из 80",
      "   Что нужно: Ещё 40 пятизвёздочных оценок.",
      "",
      "Сегодня:",
      "   • Анна: 1,5 оценки (#812 ★5, общая, 50 % — с Борис), 12 баллов",
    ].join("\n"),
  );
  assert.equal(describeContributor({ engineerId: 2, name: "Boris", ratings: 1, fiveStars: 1, points: 1, tickets: [{ ticketRef: "9", score: 5, share: 1, others: [] }] } as never), "Boris: 1 rating (#9 ★5), 1 point");
  assert.match(buildDigest({ teamName: "Falcons", day: "2025-03-01", challenges: [], contributors: [], awards: [] }).text, /^Falcons — daily digest, 2025-03-01\n\nNo challenge is running\.\n\nToday:\n   No ratings or points yet today\.$/);
});

test("i18n messages: a stored sync error on /admin/sync says what kind of problem it is in Russian", async () => {
  const { describeSyncError } = await import("@/lib/connectors/http/sync-error");
  const stored = "Zendesk refused the credentials (HTTP 401) for /api/v2/incremental/tickets/cursor.json: check the credentials.";
  assert.equal(describeSyncError("en", stored), stored);
  assert.equal(describeSyncError("ru", stored), `Хелпдеск не принял учётные данные: проверьте их на странице «Подключения». (${stored})`);
  assert.match(describeSyncError("ru", "Freshdesk did not answer within 30 s: /api/v2/tickets"), /^Хелпдеск недоступен или не ответил вовремя\. \(/);
  assert.equal(describeSyncError("ru", "something new"), "something new");
  assert.equal(describeSyncError("ru", null), "");
});

test("i18n messages: texts with a value inside (rules editor, closed proposals) match as patterns", () => {
  assert.equal(localizeMessage("ru", "Enter a weight for “vip”, or clear its name."), "Введите вес для «vip» или очистите название.");
  assert.equal(localizeMessage("ru", "That proposal was already accepted."), "Это предложение уже закрыто (accepted).");
  // An exact text wins over a pattern that would also match it.
  assert.equal(localizeMessage("ru", "Choose a metric."), "Выберите метрику.");
});

test("i18n messages: every err.* text is still written somewhere in lib (a changed English text would lose its translation silently)", async () => {
  const { readdirSync, readFileSync } = await import("node:fs");
  const path = await import("node:path");
  const { en } = await import("@/lib/i18n/en");
  const root = path.join(import.meta.dirname, "../../lib");
  const sources = (readdirSync(root, { recursive: true }) as string[])
    .filter((f) => f.endsWith(".ts") && !f.startsWith("i18n"))
    .map((f) => readFileSync(path.join(root, f), "utf8"))
    .join("\n");
  const orphans = (Object.keys(en) as (keyof typeof en)[])
    .filter((k) => k.startsWith("err.") && !en[k].includes("{"))
    .filter((k) => !sources.includes(en[k]) && !sources.includes(`"${k}"`));
  assert.deepEqual(orphans, []);
});

test("i18n messages: a closed challenge's frozen result in the reader's language, from its stored facts; an old row's English text as stored", () => {
  const day = (date: string, f: Partial<Totals>) => ({ ...emptyTotals(), date, ...f });
  const csat = spec({ metric: "avg_csat", target: 4.9, minCount: 100, periodStart: "2026-10-01", periodEnd: "2026-10-31" });
  const e = evaluateChallenge(csat, [day("2026-10-02", { ratings: 50, ratingSum: 249 }), day("2026-10-20", { ratings: 36, ratingSum: 180 })], "2026-11-01");
  // What the quarter close stores, through JSON as the database gives it back.
  const stored = readFrozenResult(JSON.parse(JSON.stringify({ state: e.state, value: e.value, progress: e.progress, whatItTakes: e.whatItTakes, facts: e.facts })))!;
  assert.equal(stored.state, "missed");
  assert.equal(describeFrozenResult(csat, stored, "ru"), "Не достигнуто: 4,988 (86 оценок, нужно не меньше 100).");
  assert.equal(describeFrozenResult(csat, stored, "en"), e.whatItTakes);
  assert.equal(e.whatItTakes, "Missed: 4.988 over 86 ratings (at least 100 needed).");
  // The median of many resolution times is kept as one number, which says the same.
  const fast = spec({ metric: "median_resolution_max", target: 8, minCount: 3, periodStart: "2026-10-01", periodEnd: "2026-10-31" });
  const m = evaluateChallenge(fast, [day("2026-10-05", { solved: 4, resolutionHours: [2, 3.5, 9, 30] })], "2026-11-01");
  const frozen = { state: m.state, whatItTakes: m.whatItTakes, facts: m.facts };
  assert.equal(describeFrozenResult(fast, frozen, "en"), m.whatItTakes);
  assert.equal(describeFrozenResult(fast, frozen, "ru"), evaluateChallenge(fast, [day("2026-10-05", { solved: 4, resolutionHours: [2, 3.5, 9, 30] })], "2026-11-01", "ru").whatItTakes);
  assert.equal(describeFrozenResult(fast, frozen, "ru"), "Достигнуто: медиана 6,3 ч (4 решённые заявки).");
  // Closed before the facts were stored: the English sentence, as it was.
  const old = readFrozenResult({ state: "achieved", value: 12, progress: 12, whatItTakes: "Achieved: 12 of 10 five-star ratings.", series: [] })!;
  assert.equal(describeFrozenResult(spec({ metric: "five_star_count", target: 10 }), old, "ru"), "Achieved: 12 of 10 five-star ratings.");
  assert.equal(readFrozenResult(null), null);
});

test("i18n messages: settings and connection form errors that fell back to zod's English now have texts of their own", async () => {
  const ru = viewer("ru");
  const screen = await runAction(wallboardCreateDefinition, ru, { name: "x".repeat(81), teamId: "" }, noDb);
  assert.deepEqual(!screen.ok && screen.fieldErrors, { name: ["Название — короче 80 символов."] });
  const conn = await runAction(connectionSaveDefinition, ru, { kind: "freshdesk", name: "x".repeat(101), domain: "acme_support", backfillStart: "2025-02-31" }, noDb);
  assert.deepEqual(!conn.ok && conn.fieldErrors, {
    name: ["Название — короче 100 символов."],
    domain: ["Введите домен Freshdesk, например acme.freshdesk.com."],
    backfillStart: ["Такой даты начала загрузки истории не бывает."],
  });
  // What the connector accepts, the form accepts (it trims the scheme and path itself).
  assert.ok(SaveConnectionSchema.safeParse({ kind: "freshdesk", name: "Support", domain: "https://acme.freshdesk.com/", backfillStart: "2024-02-29" }).success);
  const rule = await runAction(connectionFieldRuleSaveDefinition, ru, { connectionId: "1", kind: "field", fieldKey: "k".repeat(201), fieldValue: "v".repeat(501), skillGroupId: "1", lineId: "", position: "20000" }, noDb);
  assert.deepEqual(!rule.ok && rule.fieldErrors, {
    fieldKey: ["Тег или название поля — короче 200 символов."],
    fieldValue: ["Значение поля — короче 500 символов."],
    position: ["Позиция — целое число от 0 до 10 000."],
  });
  const en = await runAction(connectionFieldRuleSaveDefinition, viewer("en"), { connectionId: "1", kind: "tag", fieldKey: "vip", skillGroupId: "1", lineId: "", position: "1.5" }, noDb);
  assert.deepEqual(!en.ok && en.fieldErrors, { position: ["The position is a whole number from 0 to 10,000."] });
});

test("i18n messages: the rule editor's fields and a version's changes in Russian; English as before", async () => {
  const { localRuleFields } = await import("@/lib/rules-editor/labels");
  const { describeRuleChanges } = await import("@/lib/rules-editor/changes");
  const { RULE_FIELDS, RuleConfigSchema } = await import("@/lib/scoring/rules");
  const ru = localRuleFields("ru");
  assert.equal(ru.length, RULE_FIELDS.length);
  const gate = ru.find((f) => f.key === "csatGate")!;
  assert.deepEqual([gate.label, gate.unit, gate.groupLabel], ["Порог CSAT", "звёзд", "Оценки"]);
  assert.deepEqual(ru.find((f) => f.key === "creditMode")!.options!.map((o) => o.value), RULE_FIELDS.find((f) => f.key === "creditMode")!.options!.map((o) => o.value));
  assert.deepEqual(localRuleFields("en").map((f) => [f.label, f.help, f.unit]), RULE_FIELDS.map((f) => [f.label, f.help, f.unit]));

  const a = RuleConfigSchema.parse({});
  const b = RuleConfigSchema.parse({ basePointsByLine: { ...a.basePointsByLine, L1: 3 }, csatGate: 3.5, creditMode: "solver", priorityWeights: { urgent: 1.5 } });
  assert.deepEqual(describeRuleChanges(a, b, {}, "ru"), [
    "Базовые баллы по линиям, баллов: L1 0,5 → 3",
    "Вес приоритета: urgent 1,5 (новое)",
    "Порог CSAT, звёзд: 4 → 3,5",
    "Баллы за общие заявки: Поровну между участниками → Инженеру, который решил заявку",
  ]);
  assert.deepEqual(describeRuleChanges(a, b), [
    "Base points per line: L1 0.5 → 3 points",
    "Weight per priority: urgent 1.5 (new)",
    "CSAT gate 4 → 3.5 stars",
    "Credit for shared tickets: Split equally between contributors → The engineer who solved it",
  ]);
  assert.deepEqual(describeRuleChanges(null, a, {}, "ru"), ["Первая версия."]);
});
