import { expect, test } from "@playwright/test";
import { ACCOUNTS, signIn } from "./helpers";

/** An admin previews a CSV with mistakes, sees each one by row, fixes it and imports; a push token is shown once. */
test("upload with dry-run preview: row errors in plain words, then a clean import", async ({ page }, info) => {
  await signIn(page, ACCOUNTS.admin);
  await page.getByTestId("nav-import").click();
  await expect(page).toHaveURL(/\/admin\/import/);
  const name = `Legacy helpdesk ${Date.now()}`;
  await page.getByTestId("import-connection-name").fill(name);
  await page.getByTestId("import-connection-create").click();
  const card = page.getByTestId("import-connection").filter({ hasText: name });
  await expect(card).toBeVisible();

  const header = "external_id,subject,status,group,assignee,created_at,solved_at";
  const bad = [
    header,
    "E2E-1,Printer jam,solved,Billing,engineer@podium.demo,2025-03-05T09:00:00Z,2025-03-05T10:00:00Z",
    "E2E-2,Password reset,solved,Billing,engineer@podium.demo,2025-03-05T09:00:00Z,yesterday",
    "E2E-3,VPN,done,Network,engineer@podium.demo,2025-03-06T09:00:00Z,",
  ].join("\n");
  await card.getByTestId("import-file").setInputFiles({ name: "tickets.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  await card.getByTestId("import-preview").click();
  const outcome = card.getByTestId("import-outcome");
  await expect(outcome).toContainText("2 of 3 rows have problems");
  await expect(card.getByTestId("import-error")).toHaveText([
    "row 3: solved_at 'yesterday' is not a date (use ISO 8601, e.g. 2025-03-01T14:30:00Z)",
    "row 4: status 'done' is not one of new, open, pending, solved, closed, deleted",
  ]);
  await page.screenshot({ path: info.outputPath("import-preview.png"), fullPage: true });

  // Import refuses the same file: nothing is half-written.
  await card.getByTestId("import-run").click();
  await expect(outcome).toContainText("Nothing was written");

  const good = [header, "E2E-1,Printer jam,solved,Billing,engineer@podium.demo,2025-03-05T09:00:00Z,2025-03-05T10:00:00Z"].join("\n");
  await card.getByTestId("import-file").setInputFiles({ name: "tickets-fixed.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
  await card.getByTestId("import-preview").click();
  await expect(outcome).toContainText("all 1 rows are valid");
  await card.getByTestId("import-file").setInputFiles({ name: "tickets-fixed.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
  await card.getByTestId("import-run").click();
  await expect(card.getByTestId("import-outcome")).toContainText("Imported tickets-fixed.csv: 1 tickets stored");

  await card.getByTestId("token-name").fill("nightly script");
  await card.getByTestId("token-create").click();
  await expect(card.getByTestId("token-value")).toContainText(/podium_push_\d+_/);
  const token = (await card.getByTestId("token-value").locator("code").textContent())!;
  const connectionId = await card.getAttribute("data-connection-id");
  const pushed = await page.request.post(`/api/push/${connectionId}/tickets`, {
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    data: [{ external_id: "E2E-9", status: "open", created_at: "2025-03-07T09:00:00Z" }],
  });
  expect(pushed.status()).toBe(200);
  await page.reload();
  // After a reload the token is gone from the page: only its prefix is listed.
  await expect(page.getByTestId("import-connection").filter({ hasText: name }).getByTestId("push-token-row")).toContainText("nightly script");
  await expect(page.locator("body")).not.toContainText(token);
  await page.screenshot({ path: info.outputPath("import-after.png"), fullPage: true });

  // On the sync page an import connection offers its upload page, not a "Sync now" with nothing to pull.
  await page.getByTestId("nav-sync").click();
  const status = page.getByTestId("connection").filter({ hasText: name });
  await expect(status.getByRole("link", { name: /Import/ })).toHaveAttribute("href", "/admin/import");
  await expect(status.getByTestId("sync-now")).toHaveCount(0);
});
