// Where the Electron binary is, found the way node_modules/electron/index.js finds it, but
// without its side effect: requiring `electron` from Node starts a download when the binary is
// missing, and machines without network access must get a plain "no binary" instead.
import fs from 'node:fs';
import path from 'node:path';

/** Absolute path of the Electron executable, or null when it was never installed. */
export function findElectronBinary(repoRoot) {
  const pkgDir = path.join(repoRoot, 'node_modules', 'electron');
  const pathFile = path.join(pkgDir, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const full = path.join(override, relative || 'electron');
    return fs.existsSync(full) ? full : null;
  }
  if (!relative) return null;
  const full = path.join(pkgDir, 'dist', relative);
  return fs.existsSync(full) ? full : null;
}

export const NO_ELECTRON_BINARY =
  'no Electron binary: run `npx install-electron`, then `npm run test:electron`';
