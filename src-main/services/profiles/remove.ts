// Deleting a profile in main: its sealed key, its pinned platform keys, its outbox (signed
// bundles kept for re-sending) and its demo/normal record. Bundles already sent are safe at the
// platform; nothing else of the person's stays on this machine once the renderer also deletes
// the profile's database.
import { rm } from 'node:fs/promises';
import { profileDir } from '../bundles/outbox';
import { trustFile } from '../keys/enrollment';
import { keyFile } from '../keys/keystore';
import { verifiedCacheFile } from '../media/verifiedCache';
import { forgetProfileKind } from '../packages/profileKinds';
import type { Failure } from '../../../src-shared/failure';

export async function removeProfileMaterial(dirs: {
  keysDir: string;
  outboxDir: string;
  /** Where the per-profile verified-media caches live (they name the person's media files). */
  mediaCacheDir?: string;
  profileId: string;
}): Promise<{ ok: true } | Failure> {
  const { keysDir, outboxDir, profileId } = dirs;
  try {
    await rm(keyFile(keysDir, profileId), { force: true });
    await rm(trustFile(keysDir, profileId), { force: true });
    await rm(profileDir(outboxDir, profileId), { recursive: true, force: true });
    if (dirs.mediaCacheDir) {
      await rm(verifiedCacheFile(dirs.mediaCacheDir, profileId), { force: true });
    }
    await forgetProfileKind(keysDir, profileId);
    return { ok: true };
  } catch (e) {
    return {
      ok: false,
      code: 'io-error',
      message: `无法删除该用户的密钥或发送记录：${(e as Error).message}`,
    };
  }
}
