import { defineConfig } from '@playwright/test';

// The browser tests drive the built apps as `npm start` runs them, on their own ports and data folder.
// Ports can be moved (EPI_E2E_ADMIN_PORT, EPI_E2E_PUBLIC_PORT) when another run holds them.
const adminPort = process.env.EPI_E2E_ADMIN_PORT ?? '3300';
const publicPort = process.env.EPI_E2E_PUBLIC_PORT ?? '4400';
export const ADMIN_URL = `http://localhost:${adminPort}`;
export const PUBLIC_URL = `http://localhost:${publicPort}`;

export default defineConfig({
  testDir: 'test',
  testMatch: '*.e2e.ts',
  fullyParallel: false,
  workers: 1,
  timeout: 180_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'e2e-report.json' }]],
  use: {
    baseURL: ADMIN_URL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: 'rm -rf .e2e-data && node build/index.js',
    url: `${ADMIN_URL}/login`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      EPI_DEMO: '1',
      EPI_DATA_DIR: '.e2e-data',
      EPI_DATABASE_URL: 'sqlite:.e2e-data/epi.sqlite',
      EPI_PUBLIC_APP_DIR: '../public',
      PORT: adminPort,
      BODY_SIZE_LIMIT: '8M',
      EPI_PUBLIC_PORT: publicPort,
      ASTRO_TELEMETRY_DISABLED: '1',
      // Scheduled publication is tested by moving the clock forward instead of waiting.
      EPI_TEST_CLOCK: '1',
    },
  },
});
