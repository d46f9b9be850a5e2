import { defineConfig } from '@playwright/test';

// The browser tests drive the built apps as `npm start` runs them, on their own ports and data folder.
export const ADMIN_URL = 'http://localhost:3300';
export const PUBLIC_URL = 'http://localhost:4400';

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
      PORT: '3300',
      EPI_PUBLIC_PORT: '4400',
      ASTRO_TELEMETRY_DISABLED: '1',
    },
  },
});
