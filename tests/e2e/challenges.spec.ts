import fs from "node:fs";
import { expect, test, type Browser } from "@playwright/test";
import { ACCOUNTS, signIn } from "./helpers";

async function pageAs(browser: Browser, role: keyof typeof ACCOUNTS, then = "/leaderboard") {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, ACCOUNTS[role], undefined, then);
  return { page, close: () => context.close() };
}

test("a lead creates a challenge with the suggested target; an engineer cannot create one but sees the team's progress", async ({ browser }) => {
  test.setTimeout(120_000);
  const name = `Five stars ${Date.now()}`;
  const lead = await pageAs(browser, "lead");
  await lead.page.getByTestId("nav-challenges").click();
  await lead.page.getByTestId("new-challenge").click();
  await expect(lead.page).toHaveURL(/\/challenges\/new/);
  // Validation: an empty form names each problem beside its field.
  await lead.page.getByTestId("challenge-submit").click();
  await expect(lead.page.getByTestId("challenge-form")).toContainText("Give the challenge a name of at least 3 characters.");
  await expect(lead.page.getByTestId("challenge-form")).toContainText("An average CSAT target is between 1 and 5.");

  // The suggestion for five-star ratings, with the history it comes from.
  await lead.page.getByTestId("challenge-metric").selectOption("five_star_count");
  const suggestion = lead.page.getByTestId("suggestion");
  await expect(suggestion).toContainText("Suggested target:");
  await expect(suggestion).toContainText("Best past quarter:");
  await expect(lead.page.getByTestId("suggestion-history").locator("tbody tr")).toHaveCount(6);
  const suggested = (await suggestion.locator("strong").innerText()).replace(/\D+/g, "");
  await lead.page.getByTestId("use-suggestion").click();
  await expect(lead.page.getByTestId("challenge-target")).toHaveValue(suggested);
  await lead.page.getByTestId("challenge-name-input").fill(name);
  await lead.page.screenshot({ path: "test-results/challenge-form.png", fullPage: true });
  await lead.page.getByTestId("challenge-submit").click();
  await expect(lead.page).toHaveURL(/\/challenges\/\d+$/);
  await expect(lead.page.getByTestId("challenge-name")).toHaveText(name);
  await expect(lead.page.getByTestId("burnup-chart").getByRole("application")).toBeVisible();
  await expect(lead.page.getByTestId("burnup-chart").locator(".recharts-line-curve")).toHaveCount(3);
  const url = lead.page.url();
  await lead.page.screenshot({ path: "test-results/challenge-page.png", fullPage: true });
  await lead.close();

  const engineer = await pageAs(browser, "engineer");
  await engineer.page.getByTestId("nav-challenges").click();
  await expect(engineer.page.getByTestId("new-challenge")).toHaveCount(0);
  const res = await engineer.page.goto("/challenges/new");
  expect(res?.status()).toBe(403);
  await engineer.page.goto(url);
  await expect(engineer.page.getByTestId("challenge-name")).toHaveText(name);
  await expect(engineer.page.getByTestId("days-left")).toHaveText(/^\d+$/);
  await expect(engineer.page.getByTestId("challenge-progress")).toContainText(` / ${suggested}`);
  await expect(engineer.page.getByTestId("what-it-takes")).toContainText(/five-star ratings|Target reached/);
  await expect(engineer.page.getByTestId("challenge-state")).toHaveText(/On track|At risk|Achieved/);
  await expect(engineer.page.getByTestId("edit-challenge")).toHaveCount(0);
  await engineer.close();
});

test("a director sees all teams and exports a table as CSV", async ({ browser }) => {
  test.setTimeout(90_000);
  const director = await pageAs(browser, "director");
  await director.page.getByTestId("nav-directors").click();
  await expect(director.page.getByTestId("directors-teams").locator("tbody tr").first()).toBeVisible();
  await expect(director.page.getByTestId("directors-comparison")).toContainText(/ in Q\d \d{4}/);
  await director.page.screenshot({ path: "test-results/directors.png", fullPage: true });
  const [download] = await Promise.all([director.page.waitForEvent("download"), director.page.getByTestId("csv-teams").click()]);
  expect(download.suggestedFilename()).toMatch(/^teams-\d{4}-Q[1-4]\.csv$/);
  const csv = fs.readFileSync((await download.path())!, "utf8");
  const lines = csv.trimEnd().split("\r\n");
  expect(lines[0]).toBe("team,ratings,average_csat,five_star_share,solved,reopen_rate,median_resolution_hours,rating_response_rate");
  const rows = await director.page.getByTestId("directors-teams").locator("tbody tr").count();
  expect(lines.length).toBe(rows + 1);
  // Drill-down into the first team.
  await director.page.getByTestId("directors-teams").locator("tbody tr a").first().click();
  await expect(director.page.getByTestId("drilldown-engineers").locator("tbody tr").first()).toBeVisible();
  await director.page.screenshot({ path: "test-results/directors-team.png", fullPage: true });
  await director.close();

  // Engineers get 403 from the page and the export.
  const engineer = await pageAs(browser, "engineer");
  expect((await engineer.page.goto("/directors"))?.status()).toBe(403);
  expect((await engineer.page.request.get("/api/directors/export?table=teams")).status()).toBe(403);
  await engineer.close();
});

test("a lead previews the digest, adds a Slack webhook and sends a test; the webhook URL never comes back to the page", async ({ browser }) => {
  test.setTimeout(90_000);
  const { startHttpReceiver } = await import("../helpers/http-receiver");
  const receiver = await startHttpReceiver();
  try {
    const lead = await pageAs(browser, "lead");
    await lead.page.getByTestId("nav-digest").click();
    await expect(lead.page.getByTestId("digest-preview")).toContainText("daily digest");
    await expect(lead.page.getByTestId("digest-preview")).toContainText("Today:");
    const secretPath = `/services/T0/B0/e2e-secret-${Date.now()}`;
    await lead.page.getByTestId("channel-name").fill("#support (e2e)");
    await lead.page.getByTestId("channel-url").fill("not a url");
    await lead.page.getByTestId("channel-submit").click();
    await expect(lead.page.getByTestId("channel-form")).toContainText("The webhook URL must be a full URL");
    await lead.page.getByTestId("channel-url").fill(`${receiver.url}${secretPath}`);
    await lead.page.getByTestId("channel-submit").click();
    const row = lead.page.getByTestId("channels").locator("tr", { hasText: "#support (e2e)" }).last();
    await expect(row).toContainText("saved, hidden");
    await row.getByTestId("send-test").click();
    await expect(row.getByTestId("send-test-result")).toHaveText("Sent.");
    expect(receiver.received.some((r) => r.url === secretPath && JSON.parse(r.body).text.includes("[Test]"))).toBe(true);
    await lead.page.reload();
    await expect(lead.page.getByTestId("deliveries")).toContainText("sent");
    expect(await lead.page.content()).not.toContain("e2e-secret-");
    await lead.page.screenshot({ path: "test-results/digest.png", fullPage: true });
    await lead.close();
  } finally {
    await receiver.close();
  }
});
