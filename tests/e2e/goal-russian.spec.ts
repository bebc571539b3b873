import fs from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { ACCOUNTS, signIn } from "./helpers";

/**
 * Issue #5, engineer page and languages: the personal goal (refused input, then saved and drawn on
 * the daily progress chart beside the quota), one quota presentation, badges; engineers never
 * open another engineer's ledger; and the Russian interface on the signed-in pages, with
 * screenshots in test-results/russian/ to look at.
 */

const SHOTS = "test-results/russian";
fs.mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string, fullPage = true) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage });

async function asUser(browser: Browser, email: string, then = "/leaderboard") {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await signIn(page, email, undefined, then);
  return { ctx, page };
}

async function setLocale(page: Page, locale: "en" | "ru") {
  await page.goto("/settings");
  await page.getByTestId("locale-select").selectOption(locale);
  await page.getByTestId("locale-form").getByRole("button").click();
  await expect(page.getByTestId("locale-form-result")).toHaveText("✓");
}

test.describe.configure({ mode: "serial" });

test("engineer page: personal goal on the progress chart, one quota, badges; no one else's ledger", async ({ browser }) => {
  const eng = await asUser(browser, ACCOUNTS.engineer);
  try {
    await eng.page.getByTestId("nav-my-page").click();
    const chart = eng.page.getByTestId("progress-chart");
    await expect(chart.locator(".recharts-surface")).toBeVisible();
    // One presentation of the weekly quota: the stat line and the chart's quota line, no bars.
    await expect(eng.page.getByTestId("quota-state")).toHaveCount(1);
    await expect(eng.page.locator(".quota-days")).toHaveCount(0);
    const quota = Number(await chart.getAttribute("data-quota"));
    expect(quota).toBeGreaterThan(0);
    await expect(chart.locator(".recharts-reference-line")).toHaveCount(1);
    await expect(eng.page.getByTestId("goal-state")).toHaveText("No personal goal set.");

    // A refused goal says why and changes nothing.
    await eng.page.getByTestId("goal-points").fill("0");
    await eng.page.getByTestId("goal-submit").click();
    await expect(eng.page.getByTestId("goal-result")).toContainText("The goal must be more than 0 points.");
    await expect(eng.page.getByTestId("goal-state")).toHaveAttribute("data-goal", "");

    // A weekly goal: saved, stated, and drawn as a second line on the chart.
    await eng.page.getByTestId("goal-points").fill("80");
    await eng.page.getByTestId("goal-period").selectOption("week");
    await eng.page.getByTestId("goal-submit").click();
    await expect(eng.page.getByTestId("goal-result")).toHaveText("Saved.");
    await expect(eng.page.getByTestId("goal-state")).toHaveAttribute("data-goal", "week:80");
    await expect(eng.page.getByTestId("goal-state")).toContainText("80 a week");
    await expect(chart).toHaveAttribute("data-goal", "80");
    await expect(chart.locator(".recharts-reference-line")).toHaveCount(2);
    await expect(chart).toContainText("Goal 80");
    await expect(eng.page.getByTestId("badges")).toContainText("Crowns won");
    await shot(eng.page, "engineer-goal-en", false);

    // Engineers never open another engineer's ledger: the page is refused with 403, no rows.
    // (Engineers get no links to others' pages; the demo's engineer ids are consecutive.)
    const ownId = Number((await eng.page.getByTestId("nav-my-page").getAttribute("href"))!.split("/").pop());
    const href = `/engineers/${ownId > 1 ? ownId - 1 : ownId + 1}`;
    const res = await eng.page.goto(href!);
    expect(res?.status()).toBe(403);
    await expect(eng.page.getByTestId("access-denied")).toBeVisible();
    await expect(eng.page.getByTestId("ledger-row")).toHaveCount(0);
  } finally {
    await eng.ctx.close();
  }
});

test("the Russian interface on the signed-in pages", async ({ browser }) => {
  test.setTimeout(180_000);
  const eng = await asUser(browser, ACCOUNTS.engineer);
  const lead = await asUser(browser, ACCOUNTS.lead);
  const admin = await asUser(browser, ACCOUNTS.admin);
  try {
    for (const u of [eng, lead, admin]) await setLocale(u.page, "ru");
    const h1 = (p: Page) => p.getByRole("heading", { level: 1 });

    // Engineer page: headings, stat labels, period labels, goal, ledger columns.
    await eng.page.getByTestId("nav-my-page").click();
    await expect(eng.page.getByTestId("points-quarter")).toContainText("Этот квартал");
    await expect(eng.page.getByTestId("points-quarter")).toContainText(/\d кв\. \d{4}/);
    await expect(eng.page.getByTestId("points-week")).toContainText("неделя с");
    await expect(eng.page.getByRole("heading", { name: "Прогресс за неделю" })).toBeVisible();
    await expect(eng.page.getByTestId("goal-state")).toContainText("в неделю");
    await expect(eng.page.getByTestId("progress-chart")).toContainText("Норма");
    await expect(eng.page.getByRole("heading", { name: "Значки и короны" })).toBeVisible();
    await expect(eng.page.getByRole("columnheader", { name: "Почему" })).toBeVisible();
    // The ledger's rows: the state badge and the reason in Russian words, and the Dispute box.
    const firstRow = eng.page.getByTestId("ledger-row").first();
    await expect(firstRow.getByTestId("state-badge")).toHaveText(/^(ожидает|засчитано|отозвано)$/);
    await expect(firstRow.getByTestId("state-badge")).toHaveAttribute("title", /переоткры/);
    await expect(firstRow.getByTestId("ledger-why")).toContainText(/(база \d|баллы отозваны|порог CSAT).*\(правила v\d+\)/);
    await expect(eng.page.getByTestId("ledger")).not.toContainText(/base \d|pending until|reopen window|rules v\d/);
    await expect(eng.page.getByTestId("dispute-control").first().locator("summary")).toHaveText("Оспорить");
    await expect(eng.page).toHaveTitle("Инженер · Podium");
    await expect(eng.page.getByTestId("nav-challenges")).toHaveText("Челленджи");
    await shot(eng.page, "engineer-ru", false);

    // Teams: Cyrillic team names, Russian headings and columns, a localised period.
    await eng.page.goto("/teams?period=quarter");
    await expect(h1(eng.page)).toHaveText("Команды");
    await expect(eng.page.getByTestId("period-label")).toHaveText(/^\d кв\. \d{4}$/);
    await expect(eng.page.getByTestId("team-csat").getByRole("columnheader", { name: "С гандикапом" })).toBeVisible();
    await expect(eng.page.getByTestId("team-points")).toContainText("Комета");
    await expect(eng.page.getByTestId("team-points")).toContainText("Байкал");
    await shot(eng.page, "teams-ru");

    await eng.page.goto("/challenges");
    await expect(h1(eng.page)).toHaveText("Челленджи");
    await shot(eng.page, "challenges-ru");
    await eng.page.goto("/honours");
    await expect(h1(eng.page)).toHaveText("Доска почёта");
    // Outside the signed-in pages: a mistyped address and a dead wallboard link in the user's language.
    await eng.page.goto("/no-such-page");
    await expect(eng.page.getByTestId("not-found")).toContainText("Не найдено");
    await expect(eng.page).toHaveTitle("Не найдено · Podium");

    // Lead: disputes, digest, rules, the new-challenge form's heading.
    await lead.page.goto("/disputes");
    await expect(h1(lead.page)).toHaveText("Споры");
    await expect(lead.page).toHaveTitle("Споры · Podium");
    await expect(lead.page.getByRole("heading", { level: 2 }).first()).toHaveText(/^Открытые \(\d+\)$/);
    // Each disputed row's reason, as the engineer sees it, in the lead's language.
    for (const card of await lead.page.getByTestId("dispute").all()) await expect(card).toContainText(/\(правила v\d+\)/);
    await shot(lead.page, "disputes-ru");
    await lead.page.goto("/digest");
    await expect(h1(lead.page)).toContainText("Ежедневная сводка");
    await expect(lead.page.getByRole("heading", { name: "Каналы" })).toBeVisible();
    // The channel form is a client component: its texts come from the page in Russian too.
    await expect(lead.page.getByTestId("channel-submit")).toHaveText("Добавить канал");
    await expect(lead.page.getByTestId("channel-form")).toContainText("Время (в поясе команды)");
    await expect(lead.page.getByTestId("channel-kind").locator("option[value=telegram]")).toHaveText("Бот Telegram");
    await shot(lead.page, "digest-ru");
    await lead.page.goto("/honours");
    await expect(lead.page.getByTestId("nomination-form").locator("option[value=points]")).toHaveText("Больше всего баллов");
    await lead.page.goto("/rules");
    await expect(h1(lead.page)).toHaveText("Правила начисления баллов");
    await expect(lead.page).toHaveTitle("Правила начисления баллов · Podium");
    // A wrong value is named by its Russian label; a valid draft's what-if names the quarter in Russian.
    await lead.page.getByTestId("rule-csatGate").fill("9");
    await lead.page.getByTestId("rule-preview").click();
    await expect(lead.page.getByTestId("error-csatGate")).toHaveText("Порог CSAT: допустимо от 1 до 5 звёзд.");
    await lead.page.getByTestId("rule-csatGate").fill("4");
    await lead.page.getByTestId("rule-name").fill("Проверка");
    await lead.page.getByTestId("rule-preview").click();
    await expect(lead.page.getByTestId("what-if").getByRole("heading", { level: 2 })).toHaveText(/^Что если: \d кв\. \d{4}$/);
    await lead.page.goto("/challenges/new");
    await expect(h1(lead.page)).toHaveText("Новый челлендж");
    const chForm = lead.page.getByTestId("challenge-form");
    await expect(chForm.getByTestId("challenge-submit")).toHaveText("Создать челлендж");
    await expect(chForm).toContainText("Метрика");
    await expect(chForm.getByTestId("challenge-scope").locator("option[value=engineer]")).toHaveText("Каждый инженер (личные цели)");
    await expect(chForm.getByTestId("challenge-metric").locator("option[value=avg_csat]")).toHaveText("Средний CSAT");
    await expect(chForm.getByTestId("suggestion")).toContainText("Рекомендуемая цель:");
    await expect(chForm.getByTestId("suggestion-history").getByRole("columnheader", { name: "Квартал" })).toBeVisible();
    await shot(lead.page, "challenge-new-ru");

    // Admin: directors' view, sync status, import.
    await admin.page.goto("/directors");
    await expect(h1(admin.page)).toHaveText("Все команды");
    await expect(admin.page.getByTestId("directors-quarter")).toHaveText(/^\d кв\. \d{4} \(кварталы по UTC\)$/);
    await expect(admin.page.getByRole("columnheader", { name: "Средний CSAT" })).toBeVisible();
    await expect(admin.page.getByTestId("directors-trend").locator("figcaption")).toHaveText(/ по кварталам\.$/);
    await expect(admin.page.getByTestId("directors-trend").locator(".recharts-xAxis-tick-labels")).toContainText(/\d кв\. \d{4}/);
    await expect(admin.page.getByTestId("directors-trend").locator(".recharts-xAxis-tick-labels")).not.toContainText(/Q\d/);
    await expect(admin.page).toHaveTitle("Для директоров · Podium");
    await shot(admin.page, "directors-ru");
    await admin.page.goto("/admin/sync");
    await expect(h1(admin.page)).toHaveText("Состояние синхронизации");
    await expect(admin.page.getByRole("columnheader", { name: "Длительность" }).first()).toBeVisible();
    await expect(admin.page.getByTestId("sync-now").first()).toHaveText("Синхронизировать сейчас");
    await shot(admin.page, "sync-ru");
    // Helpdesk connections: the page and its client forms (the add form opens empty).
    await admin.page.goto("/admin/connections");
    await expect(h1(admin.page)).toHaveText("Подключения к helpdesk");
    await expect(admin.page.getByTestId("nav-connections")).toHaveText("Подключения");
    await expect(admin.page.getByRole("heading", { name: "Подключить helpdesk" })).toBeVisible();
    await admin.page.getByTestId("add-zendesk").click();
    const newConn = admin.page.getByTestId("connection-form-new-zendesk");
    await expect(newConn.getByTestId("save-connection")).toHaveText("Добавить Zendesk");
    await expect(newConn).toContainText("Поддомен");
    await expect(newConn).toContainText("Загрузить историю с");
    await expect(newConn.getByText("acme для acme.zendesk.com")).toBeVisible();
    for (const card of await admin.page.getByTestId("managed-connection").all()) {
      await expect(card.getByTestId("test-connection")).toHaveText("Проверить подключение");
      await expect(card.getByTestId("sync-now")).toHaveText("Синхронизировать сейчас");
      await expect(card.getByTestId("enabled-badge")).toHaveText(/^(включено|выключено)$/);
      await expect(card.locator("summary").first()).toHaveText("Изменить");
    }
    await shot(admin.page, "connections-ru");
    await admin.page.goto("/admin/import");
    await expect(h1(admin.page)).toHaveText("Импорт");
    await expect(admin.page.getByTestId("nav-sync")).toHaveText("Синхронизация");
    await expect(admin.page.getByTestId("viewer-role")).toContainText("Администратор");
  } finally {
    // Other specs expect these accounts in English.
    for (const u of [eng, lead, admin]) {
      await setLocale(u.page, "en").catch(() => {});
      await u.ctx.close();
    }
  }
});

test("pages without a session follow the browser's language (Accept-Language), English otherwise", async ({ browser }) => {
  const ru = await browser.newContext({ locale: "ru-RU" });
  const en = await browser.newContext({ locale: "en-GB" });
  try {
    const p = await ru.newPage();
    await p.goto("/signin");
    await expect(p).toHaveTitle("Вход · Podium");
    await expect(p.getByLabel("Эл. почта")).toBeVisible();
    await expect(p.getByRole("button", { name: "Войти" })).toBeVisible();
    await p.goto("/tv/1.not-a-real-secret-at-all-0000");
    await expect(p.getByTestId("tv-revoked")).toHaveText("Ссылка на табло недействительна (отозвана или набрана с ошибкой).");
    await expect(p).toHaveTitle("Табло · Podium");
    await p.goto("/no-such-page");
    await expect(p.getByTestId("not-found")).toContainText("Не найдено");
    const q = await en.newPage();
    await q.goto("/signin");
    await expect(q).toHaveTitle("Sign in · Podium");
    await expect(q.getByRole("button", { name: "Sign in" })).toBeVisible();
    await q.goto("/tv/1.not-a-real-secret-at-all-0000");
    await expect(q.getByTestId("tv-revoked")).toHaveText("This wallboard link is not valid (revoked or mistyped).");
    await expect(q).toHaveTitle("Podium wallboard · Podium");
  } finally {
    await ru.close();
    await en.close();
  }
});
