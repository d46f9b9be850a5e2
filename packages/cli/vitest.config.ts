import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 20_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-report.json' },
  },
});
