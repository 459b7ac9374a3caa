import { defineConfig } from 'vitest/config';

// The e2e specs share one built renderer and start one Chromium each; running them one file
// at a time keeps a 2-core machine from timing out.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.spec.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    // Every assertion on the page polls until its condition holds. A second is vitest's default;
    // a loaded 2-core machine can take longer to render, so the wait is long and the test still
    // fails (with the last value seen) when the condition never comes.
    expect: { poll: { timeout: 20_000, interval: 100 } },
    globalSetup: ['test/e2e/harness/global-setup.ts'],
  },
});
