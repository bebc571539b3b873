import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

// Runs against both servers: the embedded default and PostgreSQL (see playwright.config.ts).

test("a signed-out visitor is sent to sign-in", async ({ page }) => {
  await page.goto("/leaderboard");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fleaderboard/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
});

test("the first admin (ADMIN_EMAIL/ADMIN_PASSWORD) signs in and sees the demo leaderboard with its crown", async ({ page }) => {
  await signIn(page, "root@podium.test", "e2e-admin-password");
  const rows = page.getByTestId("leaderboard-row");
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThanOrEqual(10);
  await expect(rows.first()).toHaveAttribute("data-rank", "1");
  await expect(rows.first().getByTestId("crown")).toBeVisible();
  // Points are ordered and only rank-1 rows wear the crown.
  const points = (await page.getByTestId("points").allInnerTexts()).map((t) => Number(t.replace(/[^\d.,-]/g, "").replace(",", ".")));
  expect(points[0]).toBeGreaterThan(0);
  expect([...points].sort((a, b) => b - a)).toEqual(points);
  for (const row of await rows.all()) {
    const rank = await row.getAttribute("data-rank");
    await expect(row.getByTestId("crown")).toHaveCount(rank === "1" ? 1 : 0);
  }
});
