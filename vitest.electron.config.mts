import { defineConfig } from 'vitest/config';

// The launch spec drives the real Electron binary on the built app (`npm run test:electron`).
// `npm test` runs it only where the binary is installed and says so in its summary otherwise.
export default defineConfig({
  test: {
    include: ['test/electron/**/*.spec.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
