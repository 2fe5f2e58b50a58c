import { defineConfig } from 'vitest/config';

/** End-to-end tests in headless Chromium (`npm run test:e2e`); skipped when /usr/bin/chromium is absent. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
