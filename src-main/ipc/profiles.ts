// Unlock, lock and delete a profile (main's half; the renderer opens or deletes the database).
import type { QihangHandlers } from '../../src-shared/ipc/contract';
import { fail, ok } from '../../src-shared/ipc/result';
import { readPublicKey } from '../services/keys/keystore';
import { removeProfileMaterial } from '../services/profiles/remove';
import { mediaCacheDir } from './media';
import type { MainContext } from './context';
import { keyStoreConfig, keysDir, outboxDir, type KeyOptions } from './keyFiles';
import { sessionsFor } from './sessions';

export function profilesHandlers(
  ctx: MainContext,
  opts: KeyOptions = {},
): QihangHandlers['profiles'] {
  const sessions = sessionsFor(ctx, opts);
  const cfg = keyStoreConfig(ctx, opts);
  return {
    unlock: async ({ profileId, passphrase }) => {
      const opened = await sessions.unlock(profileId, passphrase);
      if (!opened.ok) return fail(opened.code, opened.message, 'passphrase');
      return ok({ unlocked: true as const });
    },

    lock: ({ profileId }) => {
      sessions.lock(profileId);
      return Promise.resolve(ok({ locked: true as const }));
    },

    remove: async ({ profileId, passphrase }) => {
      // Deleting is confirmed by the passphrase when there is a key: whoever sits down at an
      // unlocked station must not be able to wipe another person's profile with one click.
      const pub = await readPublicKey(cfg, profileId);
      if (pub.ok) {
        const opened = await sessions.unlock(profileId, passphrase ?? '');
        if (!opened.ok) return fail(opened.code, opened.message, 'passphrase');
      }
      sessions.lock(profileId);
      const removed = await removeProfileMaterial({
        keysDir: keysDir(ctx),
        outboxDir: outboxDir(ctx),
        mediaCacheDir: mediaCacheDir(ctx),
        profileId,
      });
      if (!removed.ok) return fail(removed.code, removed.message);
      // What it verified is no longer served either.
      ctx.media?.forgetProfile(profileId);
      return ok({ removed: true as const });
    },
  };
}
