import { defineConfig, devices } from '@playwright/test';
import { chromiumArgs, findChromium } from './browser';

const CI = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';

export default defineConfig({
  testDir: '.',
  // The README's screenshots are made, not checked: they run only when asked (docs/screenshots.md).
  testMatch: process.env.SCREENSHOTS === '1' ? '**/*.shoot.ts' : '**/*.spec.ts',
  globalSetup: './global-setup.ts',
  fullyParallel: false,
  forbidOnly: CI,
  retries: 0,
  // Each worker runs its own sandbox + explorer; two keep a 2-core CI machine busy, not swamped.
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['./summary-reporter.ts']],
  outputDir: '../test-results',
  use: {
    ...devices['Desktop Chrome'],
    browserName: 'chromium',
    launchOptions: { executablePath: findChromium(), args: chromiumArgs() },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    serviceWorkers: 'block',
  },
  projects: [{ name: 'chromium' }],
});
