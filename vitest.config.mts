import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/shared/**/*.test.ts',
      'test/main/**/*.test.ts',
      'test/renderer/**/*.test.{ts,tsx}',
      'test/lint/**/*.test.ts',
    ],
    setupFiles: ['test/setup/indexeddb.ts'],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'forks',
  },
});
