import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');
const firstImport = (file: string) =>
  readFileSync(path.join(root, file), 'utf8')
    .split('\n')
    .find((line) => line.startsWith('import '));

// zod reads `jitless` when a schema is built, so the flag only holds for the contract's
// module-level schemas if the page entries load pageZod before anything else (sync.spec's
// "no uncaught page errors" is the end-to-end proof under the real CSP).
describe('page entries turn off zod compilation before any schema is built', () => {
  it.each([
    ['src-main/preload/index.ts', "import '../../src-shared/ipc/pageZod';"],
    ['test/e2e/harness/browser-preload.ts', "import '../../../src-shared/ipc/pageZod';"],
    ['src-renderer/main.tsx', "import '../src-shared/ipc/pageZod';"],
  ])('%s imports pageZod first', (file, line) => {
    expect(firstImport(file)).toBe(line);
  });
});
