import { expect, test } from "@playwright/test";
import { ACCOUNTS, signIn } from "./helpers";

test("wrong password and unknown email get the same message", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(ACCOUNTS.engineer);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  const message = page.getByTestId("signin-error");
  await expect(message).toBeVisible();
  const wrongPassword = await message.innerText();
  await page.reload(); // a fresh form, so the second answer is seen arriving
  await expect(page.getByTestId("signin-error")).toHaveCount(0);
  await page.getByLabel("Email").fill("nobody@podium.demo");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signin-error")).toHaveText(wrongPassword);
  expect(wrongPassword).toBe("Wrong email or password.");
  await expect(page).toHaveURL(/\/signin/);
});

for (const role of ["engineer", "lead", "director", "admin"] as const) {
  test(`${role} signs in and sees the leaderboard with a crown on #1`, async ({ page }) => {
    await signIn(page, ACCOUNTS[role]);
    await expect(page.getByTestId("viewer-role")).toContainText(new RegExp(role, "i"));
    const first = page.getByTestId("leaderboard-row").first();
    await expect(first).toHaveAttribute("data-rank", "1");
    await expect(first.getByTestId("crown")).toBeVisible();
    await expect(page.getByTestId("nav-sync")).toHaveCount(role === "admin" ? 1 : 0);
  });
}

test("the engineer's own row is shown even outside the top 10", async ({ page }) => {
  await signIn(page, ACCOUNTS.engineer);
  // The quarter board ranks all 60 demo engineers; the demo engineer is a first-line newcomer.
  await page.goto("/leaderboard?period=quarter");
  const own = page.locator('[data-testid="leaderboard-row"][data-own="true"]');
  await expect(own).toHaveCount(1);
  await expect(own).toBeVisible();
  const rank = Number(await own.getAttribute("data-rank"));
  if (rank > 10) await expect(page.getByTestId("leaderboard-own")).toBeVisible();
  else await expect(page.getByTestId("leaderboard-own")).toHaveCount(0);
});

test("filters narrow the board to one team", async ({ page }) => {
  await signIn(page, ACCOUNTS.director);
  await page.goto("/leaderboard?period=quarter");
  await page.getByLabel("Team").selectOption({ label: "Комета" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/team=\d+/);
  const rows = page.getByTestId("leaderboard-row");
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBe(10); // ten engineers per demo team
});

test("teams are ranked by CSAT with a crown on #1", async ({ page }) => {
  await signIn(page, ACCOUNTS.engineer);
  await page.getByTestId("nav-teams").click();
  const rows = page.getByTestId("team-csat-row");
  await expect(rows).toHaveCount(6);
  await expect(rows.first()).toHaveAttribute("data-rank", "1");
  await expect(rows.first().getByTestId("crown")).toBeVisible();
  expect(Number(await rows.first().getByTestId("csat-count").innerText())).toBeGreaterThan(5);
});

test("an engineer opens their own page: chart and the reasons behind each ticket's points", async ({ page }) => {
  await signIn(page, ACCOUNTS.engineer);
  await page.getByTestId("nav-my-page").click();
  await expect(page.getByTestId("engineer-name")).toBeVisible();
  await expect(page.getByTestId("points-chart").locator("svg").first()).toBeVisible();
  const first = page.getByTestId("ledger-row").first();
  await expect(first).toBeVisible();
  await expect(first.getByTestId("ledger-why")).toContainText(/base .* = |revoked|CSAT gate/);
});

test("an engineer is refused another engineer's page and the admin pages", async ({ page }) => {
  await signIn(page, ACCOUNTS.engineer);
  const ownHref = await page.getByTestId("nav-my-page").getAttribute("href");
  const other = await page.locator('[data-testid="leaderboard-row"]:not([data-own="true"])').first().getAttribute("data-engineer-id");
  expect(`/engineers/${other}`).not.toBe(ownHref);
  const res = await page.goto(`/engineers/${other}`);
  expect(res?.status()).toBe(403);
  await expect(page.getByTestId("access-denied")).toBeVisible();
  const admin = await page.goto("/admin/sync");
  expect(admin?.status()).toBe(403);
  await expect(page.getByTestId("access-denied")).toBeVisible();
});

test("a lead opens the page of an engineer of their team", async ({ page }) => {
  await signIn(page, ACCOUNTS.lead);
  await page.goto("/leaderboard?period=quarter");
  await page.getByLabel("Team").selectOption({ label: "Falcons" });
  await page.getByRole("button", { name: "Apply" }).click();
  await page.locator('[data-testid="leaderboard-row"]:not([data-own="true"]) a').first().click();
  await expect(page.getByTestId("engineer-name")).toBeVisible();
  await expect(page.getByTestId("ledger-row").first()).toBeVisible();
});
