import { expect, test, type Browser } from "@playwright/test";
import { ACCOUNTS, signIn } from "./helpers";

async function pageAs(browser: Browser, role: keyof typeof ACCOUNTS, then = "/leaderboard") {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, ACCOUNTS[role], undefined, then);
  return { page, close: () => context.close() };
}

test("engineers and directors cannot open the disputes page (403)", async ({ browser }) => {
  for (const role of ["engineer", "director"] as const) {
    const { page, close } = await pageAs(browser, role);
    await expect(page.getByTestId("nav-disputes")).toHaveCount(0);
    const res = await page.goto("/disputes");
    expect(res?.status(), role).toBe(403);
    await close();
  }
});

test("an engineer disputes a row, the lead accepts it with an adjustment, the engineer sees the outcome", async ({ browser }) => {
  test.setTimeout(120_000);
  const comment = `E2E ${Date.now()}: I handled this ticket alone`;
  const engineer = await pageAs(browser, "engineer");
  await engineer.page.getByTestId("nav-my-page").click();
  // A row without an open dispute (another run of this test may have disputed the first one).
  const row = engineer.page.locator('[data-testid="ledger-row"]:has([data-testid="dispute-control"])').first();
  const ledgerId = await row.getAttribute("data-ledger-id");
  expect(ledgerId).toBeTruthy();
  const own = engineer.page.locator(`[data-testid="ledger-row"][data-ledger-id="${ledgerId}"]`);
  await own.getByText("Dispute", { exact: true }).click();
  await own.getByTestId("dispute-submit").click();
  await expect(own.locator(".field-error")).toContainText("at least 5 characters");
  await own.getByTestId("dispute-comment").fill(comment);
  await own.getByTestId("dispute-submit").click();
  await expect(own.getByTestId("dispute-outcome")).toHaveAttribute("data-status", "open");
  await expect(own.getByTestId("dispute-control")).toHaveCount(0);
  const pointsBefore = await engineer.page.getByTestId("points-quarter").locator(".stat-value").innerText();

  const lead = await pageAs(browser, "lead");
  await lead.page.getByTestId("nav-disputes").click();
  const card = lead.page.getByTestId("dispute").filter({ hasText: comment });
  await expect(card).toHaveAttribute("data-status", "open");
  await card.getByTestId("resolve-submit").click();
  await expect(card.locator(".field-error").first()).toBeVisible();
  await card.getByTestId("resolve-adjustment").fill("1.5");
  await card.getByTestId("resolve-reason").fill("Agreed, the split was wrong");
  await card.getByTestId("resolve-submit").click();
  await expect(lead.page.getByTestId("dispute").filter({ hasText: comment })).toHaveAttribute("data-status", "accepted");
  await lead.close();

  await engineer.page.reload();
  const outcome = engineer.page.locator(`[data-testid="ledger-row"][data-ledger-id="${ledgerId}"]`).getByTestId("dispute-outcome");
  await expect(outcome).toHaveAttribute("data-status", "accepted");
  await expect(outcome).toContainText("Dispute accepted: +1.5 points");
  await expect(outcome).toContainText("Agreed, the split was wrong");
  const pointsAfter = await engineer.page.getByTestId("points-quarter").locator(".stat-value").innerText();
  expect(Number(pointsAfter.replace(/,/g, ""))).toBeCloseTo(Number(pointsBefore.replace(/,/g, "")) + 1.5, 1);
  await engineer.close();
});
