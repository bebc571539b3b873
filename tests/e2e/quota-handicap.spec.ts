import { expect, test } from "@playwright/test";
import { ACCOUNTS, signIn } from "./helpers";

test("an engineer sees this week's quota state on their page, and no handicap settings", async ({ page }) => {
  await signIn(page, ACCOUNTS.engineer);
  await page.getByTestId("nav-my-page").click();
  const quota = page.getByTestId("quota-state");
  await expect(quota).toHaveText(/^(Quota met · [\d.,]+ of 50|[\d.,]+ of 50 this week)$/);
  await page.screenshot({ path: "test-results/quota-engineer-page.png", fullPage: false });
  await page.getByTestId("nav-teams").click();
  await expect(page.getByTestId("team-csat-row").first()).toBeVisible();
  await expect(page.getByTestId("handicap-settings")).toHaveCount(0);
});

test("a lead sets their team's handicap by hand, sees it on the board, and hands it back to the rules", async ({ page }) => {
  await signIn(page, ACCOUNTS.lead);
  await page.getByTestId("nav-teams").click();
  const forms = page.getByTestId("handicap-form");
  // Their own team only.
  await expect(forms).toHaveCount(1);
  const form = forms.first();
  const teamId = await form.getAttribute("data-team-id");
  await form.getByTestId("handicap-mode").selectOption("manual");
  await form.getByTestId("handicap-csat").fill("7");
  await form.getByTestId("handicap-factor").fill("1.1");
  await form.getByTestId("handicap-submit").click();
  await expect(form.getByTestId("handicap-result")).toContainText("between −2 and 2");
  await form.getByTestId("handicap-csat").fill("0.2");
  await form.getByTestId("handicap-submit").click();
  await expect(form.getByTestId("handicap-result")).toHaveText("Saved.");
  const row = page.locator(`[data-testid="team-csat-row"][data-team-id="${teamId}"]`);
  await expect(row).toContainText("+0.2");
  await page.getByTestId("handicap-settings").screenshot({ path: "test-results/handicap-form.png" });
  // Back to the rule set (by hand by default): the values stay what they were, the mode follows the rules.
  await form.getByTestId("handicap-mode").selectOption("rules");
  await form.getByTestId("handicap-submit").click();
  await expect(form.getByTestId("handicap-result")).toHaveText("Saved.");
  await form.getByTestId("handicap-mode").selectOption("manual");
  await form.getByTestId("handicap-csat").fill("0");
  await form.getByTestId("handicap-factor").fill("1");
  await form.getByTestId("handicap-submit").click();
  await expect(form.getByTestId("handicap-result")).toHaveText("Saved.");
});
