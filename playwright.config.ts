import fs from "node:fs";
import { defineConfig } from "@playwright/test";

/**
 * End-to-end tests against `npm start` itself: one server on a fresh embedded data folder (the
 * default a new user gets) and one on a fresh PostgreSQL database. Debian's Chromium is used when
 * present (its download is not possible everywhere); elsewhere Playwright's own browser.
 */
const systemChromium = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

// PODIUM_E2E_PORT lets two checkouts run their end-to-end tests side by side (the postgres server takes the next port).
const portBase = Number(process.env.PODIUM_E2E_PORT ?? 3211);
export const E2E_PORTS = { pglite: portBase, postgres: portBase + 1 } as const;

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    browserName: "chromium",
    // The signed-out pages follow Accept-Language: pin it, so a Russian host does not turn the sign-in form Russian.
    locale: "en-GB",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: systemChromium,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "embedded", use: { baseURL: `http://localhost:${E2E_PORTS.pglite}` } },
    { name: "postgres", use: { baseURL: `http://localhost:${E2E_PORTS.postgres}` }, testMatch: /smoke\.spec\.ts/ },
  ],
  webServer: [
    {
      command: "tsx tests/e2e/serve.ts embedded",
      url: `http://localhost:${E2E_PORTS.pglite}/api/health`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: "tsx tests/e2e/serve.ts postgres",
      url: `http://localhost:${E2E_PORTS.postgres}/api/health`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
