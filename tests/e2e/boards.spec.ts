import fs from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { ACCOUNTS, signIn } from "./helpers";

/**
 * Issue #5 boards in Chromium: crown on #1, own row outside the top 10, each privacy mode (in the
 * rendered page AND in the HTML payload), the Russian interface, crowns, the wallboard link
 * (refreshes itself, dies when revoked). Screenshots go to test-results/boards/ to look at.
 */

const SHOTS = "test-results/boards";
fs.mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

async function asUser(browser: Browser, email: string, then = "/leaderboard") {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await signIn(page, email, undefined, then);
  return { ctx, page };
}

async function setPrivacy(lead: Page, mode: string) {
  await lead.goto("/settings");
  const form = lead.locator('[data-testid^="privacy-form-"]').first();
  await form.getByTestId("privacy-select").selectOption(mode);
  await form.getByRole("button").click();
  await expect(form.locator('[role="status"]')).toHaveText("✓");
}

test.describe.configure({ mode: "serial" });

test("boards: crown, own row, privacy modes in page and payload, Russian, crowns, wallboard", async ({ browser }) => {
  test.setTimeout(240_000);
  const lead = await asUser(browser, ACCOUNTS.lead, "/settings");
  const eng = await asUser(browser, ACCOUNTS.engineer);
  const board = "/leaderboard?period=quarter";

  // Full mode: learn who is where (names of #1 and of someone ranked below 10 who is not the viewer).
  await setPrivacy(lead.page, "full");
  await eng.page.goto(board);
  const rows = eng.page.getByTestId("leaderboard-row");
  const total = await rows.count();
  expect(total).toBeGreaterThan(20);
  await expect(rows.first()).toHaveAttribute("data-rank", "1");
  await expect(rows.first().getByTestId("crown")).toBeVisible();
  const firstName = (await rows.first().locator("td.name a, td.name").first().innerText()).trim();
  const own = eng.page.locator('[data-testid="leaderboard-row"][data-own="true"]');
  const ownRank = Number(await own.getAttribute("data-rank"));
  expect(ownRank).toBeGreaterThan(10);
  const lowRow = eng.page.locator('[data-testid="leaderboard-row"]:not([data-own])').nth(15);
  const lowName = (await lowRow.locator("td.name").innerText()).trim();
  await shot(eng.page, "leaderboard-full");

  // Top 10 + me: ten rows, then the viewer's own row below a gap.
  await setPrivacy(lead.page, "top_and_me");
  await eng.page.goto(board);
  await expect(eng.page.getByTestId("leaderboard-row")).toHaveCount(11);
  await expect(eng.page.getByTestId("leaderboard-own").locator('[data-own="true"]')).toBeVisible();
  expect(await (await eng.page.request.get(board)).text()).not.toContain(lowName);
  await shot(eng.page, "leaderboard-top-and-me");

  // Neighbours: own ± 2 only; #1's name is not even in the HTML.
  await setPrivacy(lead.page, "neighbours");
  await eng.page.goto(board);
  const n = eng.page.getByTestId("leaderboard-row");
  await expect(n).toHaveCount(5);
  await expect(eng.page.locator('[data-testid="leaderboard-row"][data-own="true"]')).toHaveAttribute("data-rank", String(ownRank));
  await expect(eng.page.getByTestId("privacy-note")).toHaveAttribute("data-privacy", "neighbours");
  expect(await (await eng.page.request.get(board)).text()).not.toContain(firstName);
  await shot(eng.page, "leaderboard-neighbours");

  // Names hidden below the top 10: every row, but no name (nor link, nor id) below 10 except mine.
  await setPrivacy(lead.page, "names_hidden");
  await eng.page.goto(board);
  await expect(eng.page.getByTestId("leaderboard-row")).toHaveCount(total);
  await expect(eng.page.locator('[data-testid="leaderboard-row"][data-hidden="true"]')).toHaveCount(total - 11);
  const html = await (await eng.page.request.get(board)).text();
  expect(html).not.toContain(lowName);
  expect(html).toContain(firstName);
  await shot(eng.page, "leaderboard-names-hidden");
  await setPrivacy(lead.page, "top_and_me");

  // Russian interface, chosen by the user.
  await eng.page.goto("/settings");
  await eng.page.getByTestId("locale-select").selectOption("ru");
  await eng.page.getByTestId("locale-form").getByRole("button").click();
  await expect(eng.page.getByTestId("locale-form-result")).toHaveText("✓");
  await eng.page.goto(board);
  await expect(eng.page.getByRole("heading", { level: 1 })).toHaveText("Рейтинг бомбардиров");
  await expect(eng.page.getByTestId("nav-teams")).toHaveText("Команды");
  await expect(eng.page.getByRole("columnheader", { name: "Баллы" })).toBeVisible();
  await shot(eng.page, "leaderboard-ru");
  await eng.page.goto("/settings");
  await eng.page.getByTestId("locale-select").selectOption("en");
  await eng.page.getByTestId("locale-form").getByRole("button").click();
  await expect(eng.page.getByTestId("locale-form-result")).toHaveText("✓");

  // Other pages, for the eye.
  await eng.page.goto("/teams");
  await expect(eng.page.getByTestId("crown").first()).toBeVisible();
  await shot(eng.page, "teams");
  await eng.page.goto("/leaderboard?period=custom&from=2020-01-01&to=2030-01-01");
  await expect(eng.page.getByTestId("leaderboard-row").first()).toHaveAttribute("data-rank", "1");
  await eng.page.getByTestId("nav-my-page").click();
  await expect(eng.page.getByTestId("crowns-won")).toBeVisible();
  await shot(eng.page, "engineer");
  // The crowns job runs every minute in the e2e server.
  await expect(async () => {
    await eng.page.goto("/crowns");
    await expect(eng.page.getByTestId("crown-current").first()).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 90_000 });
  await shot(eng.page, "crowns");

  // Wallboard: a lead creates a read-only link; it opens without a session and reloads itself.
  await lead.page.goto("/settings");
  await lead.page.getByTestId("wallboard-create").getByRole("textbox").fill("Support floor TV");
  await lead.page.getByTestId("wallboard-create").getByRole("button").click();
  const url = await lead.page.getByTestId("wallboard-url").getAttribute("href");
  expect(url).toMatch(/^\/tv\/\d+\.[A-Za-z0-9_-]+$/);
  await shot(lead.page, "settings");
  const tvCtx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const tv = await tvCtx.newPage();
  await tv.goto(`${url}?reload=5&rotate=4`);
  await expect(tv.getByTestId("tv-row").first()).toBeVisible();
  await expect(tv.locator('[data-active="true"]').getByTestId("crown")).toBeVisible();
  await shot(tv, "wallboard");
  const stamp = await tv.getByTestId("tv-updated").innerText();
  await expect(tv.getByTestId("tv-updated")).not.toHaveText(stamp, { timeout: 20_000 });
  // Revoked: the next reload shows no board.
  const id = url!.split("/")[2]!.split(".")[0];
  await lead.page.reload();
  await lead.page.getByTestId(`wallboard-revoke-${id}`).getByRole("button").click();
  await expect(tv.getByTestId("tv-revoked")).toBeVisible({ timeout: 20_000 });
  expect(await (await tvCtx.request.get(url!)).text()).not.toContain(firstName);
  await Promise.all([lead.ctx.close(), eng.ctx.close(), tvCtx.close()]);
});
