// `npm run screenshots`: every stop of the e2e walk (every screen of every role, the picker, the
// passphrase form) photographed at 1366×768 into docs/screenshots/<stop>.png, so a reviewer sees
// what a change did to each screen. Rebuilds the renderer first: a stale build would show the
// screens as they were.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ensureRendererBuilt } from './build';
import { REPO_ROOT } from './server';
import { startApp } from './session';
import { VIEWPORT, walk } from '../helpers/walk';

const OUT = path.join(REPO_ROOT, 'docs', 'screenshots');

async function main(): Promise<void> {
  ensureRendererBuilt(!process.argv.includes('--no-build'));
  mkdirSync(OUT, { recursive: true });
  const app = await startApp();
  try {
    await app.page.setViewportSize(VIEWPORT);
    await app.page.goto(app.harness.url);
    for (const stop of walk()) {
      await stop.reach(app.page);
      // The pointer parks in a corner: no hover tint or tooltip in the picture.
      await app.page.mouse.move(VIEWPORT.width - 1, VIEWPORT.height - 1);
      await app.page.screenshot({ path: path.join(OUT, `${stop.name}.png`) });
      process.stdout.write(`docs/screenshots/${stop.name}.png\n`);
    }
  } finally {
    await app.close();
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
