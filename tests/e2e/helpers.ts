import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "podium-demo";
export const ACCOUNTS = {
  engineer: "engineer@podium.demo",
  lead: "lead@podium.demo",
  director: "director@podium.demo",
  admin: "admin@podium.demo",
} as const;

/** Signs in through the real form, as a person would. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD, then = "/leaderboard") {
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(then)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`${then.replace(/[/?]/g, "\\$&")}`));
}
