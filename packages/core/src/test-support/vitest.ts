// The unit test run every TypeScript package shares: its tests beside the code, a timeout for the
// slower database tests, and a JSON report (test-report.json) beside the console output.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 20_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-report.json' },
  },
});
