import { defineConfig } from 'vitest/config';

// Two projects: fast unit/integration tests run in parallel; browser end-to-end tests share one
// Chromium per file and run one file at a time so two cores are not oversubscribed.
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'packages/*/src/**/*.test.ts',
            'apps/*/src/**/*.test.ts',
            'apps/*/test/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 240_000,
          fileParallelism: false,
          // Every browser assertion waits (expect.poll or a locator's waitFor). vitest's default poll gives
          // up after 1 s, too short for a screen change on a loaded 2-core machine; 30 s is Playwright's
          // own default wait for an element.
          expect: { poll: { timeout: 30_000, interval: 100 } },
        },
      },
    ],
  },
});
