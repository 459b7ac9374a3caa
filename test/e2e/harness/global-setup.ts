import { ensureRendererBuilt } from './build';
import { findChromium } from './browser';

export default async function setup(): Promise<void> {
  ensureRendererBuilt();
  // Fail once, clearly, before any spec runs when no browser can be found.
  const browser = await findChromium();
  process.stdout.write(`e2e: Chromium from ${browser.source}: ${browser.path}\n`);
}
