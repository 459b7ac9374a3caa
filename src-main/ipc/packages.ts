import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { fail, ok } from '../../src-shared/ipc/result';
import type { QihangHandlers } from '../../src-shared/ipc/contract';
import { keyIdOf } from '../services/crypto/ed25519';
import { openWorkPackage } from '../services/packages/open';
import type { MainContext } from './context';

export const DEMO_PACKAGE = 'demo/demo.qhpkg';
export const DEMO_KEY = 'demo/demo-platform-key.pub.b64';

async function demoTrust(resourcesDir: string): Promise<Map<string, Uint8Array>> {
  const raw = new Uint8Array(
    Buffer.from((await readFile(path.join(resourcesDir, DEMO_KEY), 'utf8')).trim(), 'base64'),
  );
  return new Map([[keyIdOf(raw), raw]]);
}

export function packagesHandlers(ctx: MainContext): QihangHandlers['packages'] {
  return {
    loadDemo: async () => {
      let trustedKeys: Map<string, Uint8Array>;
      try {
        trustedKeys = await demoTrust(ctx.resourcesDir);
      } catch {
        return fail(
          'demo-missing',
          `找不到演示平台公钥（${DEMO_KEY}），请重新安装或运行 npm run demo:make`,
        );
      }
      const opened = await openWorkPackage(path.join(ctx.resourcesDir, DEMO_PACKAGE), {
        trustedKeys,
        externalMediaDirs: [path.join(ctx.resourcesDir, 'demo', 'media')],
      });
      if (!opened.ok) return fail(opened.code, opened.message);
      return ok({
        manifest: opened.manifest,
        envelopeHash: opened.envelopeHash,
        signedBy: opened.signedBy,
        files: opened.files,
      });
    },
  };
}
