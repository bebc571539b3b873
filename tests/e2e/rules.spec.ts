import { expect, test, type Browser } from "@playwright/test";
import { ACCOUNTS, signIn } from "./helpers";

/** A fresh, signed-in page for one role (each role its own cookies). */
async function pageAs(browser: Browser, role: keyof typeof ACCOUNTS, then = "/leaderboard") {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, ACCOUNTS[role], undefined, then);
  return { page, close: () => context.close() };
}

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

test("engineers and directors cannot open the rule editor (403), and see no link to it", async ({ browser }) => {
  for (const role of ["engineer", "director"] as const) {
    const { page, close } = await pageAs(browser, role);
    await expect(page.getByTestId("nav-rules")).toHaveCount(0);
    const res = await page.goto("/rules");
    expect(res?.status(), role).toBe(403);
    await expect(page.getByTestId("access-denied")).toBeVisible();
    await expect(page.getByTestId("rule-form")).toHaveCount(0);
    await close();
  }
});

test("a lead edits a rule, sees the what-if ranks and proposes; an admin saves it; the engineer sees the new reasons", async ({ browser }) => {
  test.setTimeout(120_000);
  const lead = await pageAs(browser, "lead");
  await lead.page.getByTestId("nav-rules").click();
  await expect(lead.page).toHaveURL(/\/rules$/);
  const form = lead.page.getByTestId("rule-form");

  // A wrong value is named beside its field, and nothing is computed.
  await lead.page.getByTestId("rule-csatGate").fill("9");
  await lead.page.getByTestId("rule-preview").click();
  await expect(lead.page.getByTestId("error-csatGate")).toHaveText("CSAT gate must be between 1 and 5 stars");
  await expect(lead.page.getByTestId("what-if")).toHaveCount(0);
  await lead.page.getByTestId("rule-csatGate").fill("4");

  // First-line tickets worth six times more, from two weeks ago: the quarter's board reshuffles.
  await lead.page.getByTestId("rule-basePointsByLine.L1").fill("3");
  await lead.page.getByTestId("rule-name").fill("E2E: L1 worth more");
  await lead.page.getByTestId("rule-effective-from").fill(daysAgo(14));
  await lead.page.getByTestId("rule-preview").click();
  await expect(lead.page.getByTestId("what-if")).toBeVisible();
  await expect(lead.page.getByTestId("what-if-summary")).toContainText(/rescored in memory in \d+ ms/);
  const rows = lead.page.getByTestId("what-if-row");
  expect(await rows.count()).toBeGreaterThanOrEqual(60);
  await expect(lead.page.locator('[data-testid="what-if-row"]:not([data-rank-change="0"])').first()).toBeVisible();
  await expect(lead.page.getByTestId("what-if-change").filter({ hasText: /▲ \d+/ }).first()).toBeVisible();
  await expect(lead.page.getByTestId("what-if-change").filter({ hasText: /▼ \d+/ }).first()).toBeVisible();
  // The form kept what the lead typed.
  await expect(lead.page.getByTestId("rule-basePointsByLine.L1")).toHaveValue("3");

  await lead.page.getByTestId("rule-note").fill("L1 volume is the hard part this quarter");
  await form.getByTestId("rule-save").click();
  await expect(lead.page.getByTestId("rule-result")).toHaveText("Proposal sent: an admin will review it.");
  await expect(lead.page.getByTestId("proposal-row").first()).toHaveAttribute("data-status", "open");
  await lead.close();

  // The admin reviews the proposal in the form and saves it as a new version.
  const admin = await pageAs(browser, "admin", "/rules");
  const proposal = admin.page.getByTestId("proposal-row").filter({ hasText: "E2E: L1 worth more" }).first();
  await proposal.getByTestId("proposal-review").click();
  await expect(admin.page.getByTestId("reviewing-proposal")).toBeVisible();
  await expect(admin.page.getByTestId("rule-basePointsByLine.L1")).toHaveValue("3");
  await admin.page.getByTestId("rule-save").click();
  const saved = admin.page.getByTestId("rule-saved");
  await expect(saved).toHaveText(/Saved as version \d+; \d+ tickets rescored\./, { timeout: 60_000 });
  const version = Number((await saved.innerText()).match(/version (\d+)/)![1]);
  await expect(admin.page.getByTestId("rules-latest")).toHaveText(`version ${version}`);
  // The proposal was applied: it is no longer waiting.
  await expect(admin.page.getByTestId("proposal-row").filter({ hasText: "E2E: L1 worth more" })).toHaveCount(0);
  const history = admin.page.locator(`[data-testid="rule-version-row"][data-version="${version}"]`);
  await expect(history).toContainText("E2E: L1 worth more");
  await expect(history).toContainText("Base points per line: L1 0.5 → 3 points");
  await admin.close();

  // The engineer's latest tickets now give their reasons under the new version.
  const engineer = await pageAs(browser, "engineer");
  await engineer.page.getByTestId("nav-my-page").click();
  await expect(engineer.page.getByTestId("ledger-why").first()).toContainText(`(rules v${version})`);
  await engineer.close();
});
