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
    globalSetup: ['test/e2e/harness/global-setup.ts'],
  },
});
