import { expect, test } from "@playwright/test";
import { startZendeskEmulator, type ZendeskEmulator } from "../emulators/zendesk";
import { ACCOUNTS, signIn } from "./helpers";

/** The admin connects a Zendesk account (the emulator), tests it, enables it and syncs it. */

let emu: ZendeskEmulator;
test.beforeAll(async () => {
  emu = await startZendeskEmulator({ tickets: 120, seed: 21 });
});
test.afterAll(async () => {
  await emu?.close();
});

test("an admin adds a Zendesk connection, sees clear test results, enables and syncs it; secrets never come back", async ({ page }) => {
  await signIn(page, ACCOUNTS.admin);
  await page.getByTestId("nav-connections").click();
  await expect(page).toHaveURL(/\/admin\/connections/);
  await page.getByTestId("add-zendesk").click();
  const form = page.getByTestId("connection-form-new-zendesk");
  await form.getByTestId("input-name").fill("Acme Zendesk");
  await form.getByTestId("input-subdomain").fill("acme");
  await form.getByTestId("input-email").fill(emu.account.email);
  await form.getByTestId("input-apiToken").fill("wrong-token-value");
  await form.getByTestId("input-backfillStart").fill("2020-01-01");
  await form.getByTestId("input-apiBaseUrl").fill(emu.url);
  await form.getByTestId("save-connection").click();
  // Saved: the new connection's card appears and the add form closes.
  const card = page.getByTestId("managed-connection").filter({ hasText: "Acme Zendesk" });
  await expect(card).toBeVisible();
  await expect(form).toHaveCount(0);
  await expect(card.getByTestId("enabled-badge")).toHaveText("disabled");
  await card.getByTestId("test-connection").click();
  await expect(card.getByTestId("test-result")).toContainText("refused the credentials");
  await expect(card.getByTestId("test-result")).toHaveAttribute("data-problem", "credentials");

  // Edit: the token field is empty with a "saved" badge; the page never holds the secret.
  await card.getByText("Edit", { exact: true }).click();
  await expect(card.getByTestId("saved-apiToken")).toBeVisible();
  await expect(card.getByTestId("input-apiToken")).toHaveValue("");
  expect(await page.content()).not.toContain("wrong-token-value");
  await card.getByTestId("input-apiToken").fill(emu.account.apiToken);
  await card.getByTestId("save-connection").click();
  await expect(card.getByTestId("save-result")).toHaveText("Saved.");
  await card.getByTestId("test-connection").click();
  await expect(card.getByTestId("test-result")).toContainText(`Connected as ${emu.account.email}`);
  expect(await page.content()).not.toContain(emu.account.apiToken);

  await card.getByTestId("toggle-enabled").click();
  await expect(card.getByTestId("enabled-badge")).toHaveText("enabled");
  await card.getByTestId("sync-now").click();
  await expect(card.getByTestId("sync-now-result")).toContainText(/succeeded/i, { timeout: 45_000 });
  await expect(card.getByTestId("sync-now-result")).toContainText("120 tickets");
  await page.screenshot({ path: "test-results/connections.png", fullPage: true });

  // Mapping: the synced groups and agents are listed with their ticket counts; overriding an
  // agent's engineer saves and rescores that agent's tickets.
  await page.reload();
  const mapping = card.getByTestId("mapping");
  await mapping.locator("summary").click();
  await expect(mapping.getByTestId("group-mapping")).toHaveCount(3);
  const agentRow = mapping.getByTestId("agent-mapping").first();
  await agentRow.getByLabel("Engineer").selectOption({ index: 1 });
  await agentRow.getByRole("button", { name: "Save" }).click();
  await expect(mapping.getByTestId("mapping-result").first()).toContainText(/Saved · \d+ tickets rescored/);
  await expect(agentRow.getByLabel("Engineer")).not.toHaveValue("", { timeout: 5_000 });

  // A tag rule: the preview tells how many stored tickets it matches (every tenth is tagged vip),
  // then saving lists the rule with its count.
  const rule = mapping.getByTestId("field-rule-form");
  await rule.getByLabel("Tag", { exact: true }).fill("vip");
  await rule.getByLabel("Rule skill group").selectOption({ index: 1 });
  await rule.getByRole("button", { name: "Preview" }).click();
  await expect(rule.getByTestId("preview-matched")).toHaveText("12");
  await expect(mapping.getByTestId("field-rule-row")).toHaveCount(0);
  await rule.getByRole("button", { name: "Save rule" }).click();
  await expect(mapping.getByTestId("field-rule-row")).toHaveCount(1);
  await expect(mapping.getByTestId("field-rule-row")).toContainText("12");
  await page.screenshot({ path: "test-results/connections-mapping.png", fullPage: true });
});

test("non-admins cannot open the connections page", async ({ page }) => {
  await signIn(page, ACCOUNTS.lead);
  const r = await page.goto("/admin/connections");
  expect(r?.status()).toBe(403);
});
