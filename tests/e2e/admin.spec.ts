import { expect, test } from "@playwright/test";
import { ACCOUNTS, signIn } from "./helpers";

test("an admin sees sync status of the demo connection and runs Sync now", async ({ page }) => {
  await signIn(page, ACCOUNTS.admin);
  await page.getByTestId("nav-sync").click();
  const connection = page.getByTestId("connection").first();
  await expect(connection).toContainText(/demo/i);
  const runs = connection.getByTestId("sync-run-row");
  expect(await runs.count()).toBeGreaterThan(0); // the first start's import
  await expect(runs.first()).toHaveAttribute("data-status", /succeeded|partial/);
  // Manual runs only: the five-minute schedule may add a run of its own at any moment.
  const manual = connection.locator('[data-testid="sync-run-row"][data-trigger="manual"]');
  const before = await manual.count();
  await connection.getByTestId("sync-now").click();
  await expect(page.getByTestId("sync-now-result")).toContainText(/succeeded|partial/i);
  await expect(manual).toHaveCount(before + 1);
});

test("route handlers refuse anonymous callers and wrong roles", async ({ page, playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  const anon = await anonymous.post("/api/connections/1/sync");
  expect(anon.status()).toBe(401);
  await anonymous.dispose();

  for (const role of ["engineer", "lead", "director"] as const) {
    await page.context().clearCookies();
    await signIn(page, ACCOUNTS[role]);
    const r = await page.request.post("/api/connections/1/sync");
    expect(r.status(), role).toBe(403);
  }
  await page.context().clearCookies();
  await signIn(page, ACCOUNTS.admin);
  const ok = await page.request.post("/api/connections/1/sync");
  expect(ok.status()).toBe(200);
  expect((await ok.json()).ok).toBe(true);
});

test("the Sync now server action, replayed by an engineer over HTTP, is refused", async ({ page, browser }) => {
  // Capture the real server-action request the admin's browser sends…
  await signIn(page, ACCOUNTS.admin);
  await page.goto("/admin/sync");
  // Manual runs only: the five-minute schedule may add a run of its own at any moment.
  const runs = page.getByTestId("connection").first().locator('[data-testid="sync-run-row"][data-trigger="manual"]');
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]),
    page.getByTestId("sync-now").first().click(),
  ]);
  await expect(page.getByTestId("sync-now-result")).toBeVisible();
  await page.reload();
  const afterAdmin = await runs.count();

  // …and send it again with an engineer's session.
  const engineer = await browser.newContext({ baseURL: new URL(page.url()).origin });
  const ep = await engineer.newPage();
  await signIn(ep, ACCOUNTS.engineer);
  const replay = await ep.request.post("/admin/sync", {
    headers: { "next-action": request.headers()["next-action"]!, "content-type": request.headers()["content-type"]! },
    data: request.postDataBuffer()!,
  });
  const body = await replay.text();
  expect(body).not.toContain('"ok":true');
  expect(body).toMatch(/"status":40[13]/);
  await engineer.close();
  await page.reload();
  await expect(runs).toHaveCount(afterAdmin); // no sync ran
});
