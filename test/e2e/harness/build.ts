// Builds the renderer once when it is missing, so `npm run test:e2e` and the preview work on
// a fresh clone; `npm test` builds before e2e anyway.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { RENDERER_DIR, REPO_ROOT } from './server';

export function ensureRendererBuilt(force = false): void {
  if (!force && existsSync(path.join(RENDERER_DIR, 'index.html'))) return;
  execFileSync(
    process.execPath,
    [path.join(REPO_ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
    {
      cwd: REPO_ROOT,
      stdio: 'inherit',
    },
  );
}
