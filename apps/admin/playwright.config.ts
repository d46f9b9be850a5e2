import { defineConfig } from '@playwright/test';
import { CHROMIUM } from './test/chromium.ts';

// The browser tests drive the built console as `npm start` runs it. Each spec file gets a system of
// its own, started by the `system` fixture (test/fixtures.ts, test/system.ts): its own data folder,
// database, public portal and test clock, fresh from the demo data, on ports EPI_E2E_ADMIN_PORT /
// EPI_E2E_PUBLIC_PORT (3300 / 4400).

export default defineConfig({
  testDir: 'test',
  testMatch: '*.e2e.ts',
  globalSetup: './test/global-setup.ts',
  // The tests of a file run in order on the file's system; files are independent of each other but
  // run one at a time: two public-site builds from the same checkout at once fail.
  fullyParallel: false,
  workers: 1,
  timeout: 180_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'e2e-report.json' }]],
  use: {
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    launchOptions: CHROMIUM,
  },
});
