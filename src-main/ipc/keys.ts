// Profile keys and enrollment. The key is opened with the passphrase for each signing action
// and dropped right after, never kept for a session: a key held in memory would sign for
// whoever sits down next. On top of that the profile itself must be unlocked (sessions.ts), so
// a locked profile's key operations are refused even with the right passphrase.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isKeyActive } from '../../src-shared/keys/enrollment';
import type { QihangHandlers } from '../../src-shared/ipc/contract';
import { fail, failWith, ok } from '../../src-shared/ipc/result';
import {
  exportEnrollmentRequest,
  importEnrollmentReply,
  loadTrustStore,
} from '../services/keys/enrollment';
import { MIN_PASSPHRASE_LENGTH, changePassphrase, readPublicKey } from '../services/keys/keystore';
import { checkOsSealer } from '../services/keys/osSealer';
import type { MainContext } from './context';
import { keyStoreConfig, keysDir, readSmallFile, type KeyOptions } from './keyFiles';
import { exportNameFor } from '../services/profiles/exportName';
import { sessionsFor } from './sessions';

export function keysHandlers(ctx: MainContext, opts: KeyOptions = {}): QihangHandlers['keys'] {
  const cfg = keyStoreConfig(ctx, opts);
  const now = () => opts.now?.() ?? new Date();
  const sessions = sessionsFor(ctx, opts);

  return {
    status: async ({ profileId }) => {
      const sealer = checkOsSealer(ctx.sealer);
      const pub = await readPublicKey(cfg, profileId);
      const trust = await loadTrustStore(keysDir(ctx), profileId);
      const problems: string[] = [];
      if (!pub.ok && pub.code !== 'no-key') problems.push(pub.message);
      if (!trust.ok) problems.push(trust.message);
      const store = trust.ok ? trust.store : null;
      return ok({
        sealerAvailable: sealer.ok,
        ...(sealer.ok ? {} : { sealerMessage: sealer.message }),
        minPassphraseLength: MIN_PASSPHRASE_LENGTH,
        key: pub.ok ? { keyid: pub.key.keyid, createdAt: pub.key.createdAt } : null,
        enrollment: store
          ? {
              issuer: store.issuer,
              lastReplyIssuedAt: store.lastReplyIssuedAt,
              platformKeys: store.platformKeys.map((k) => ({
                keyid: k.keyid,
                notBefore: k.notBefore,
                notAfter: k.notAfter,
                active: isKeyActive(k, now()),
              })),
            }
          : null,
        ...(problems.length > 0 ? { problem: problems.join('；') } : {}),
      });
    },

    create: async ({ profileId, passphrase }) => {
      const created = await sessions.create(profileId, passphrase);
      if (!created.ok) return fail(created.code, created.message, 'passphrase');
      return ok({ keyid: created.key.keyid, createdAt: created.key.createdAt });
    },

    changePassphrase: async ({ profileId, oldPassphrase, newPassphrase }) => {
      const open = await sessions.requireUnlocked(profileId);
      if (!open.ok) return fail(open.code, open.message);
      const changed = await changePassphrase(cfg, profileId, oldPassphrase, newPassphrase);
      if (!changed.ok) {
        const field = changed.code === 'weak-passphrase' ? 'newPassphrase' : 'oldPassphrase';
        return fail(changed.code, changed.message, field);
      }
      const pub = await readPublicKey(cfg, profileId);
      if (!pub.ok) return fail(pub.code, pub.message);
      return ok({ keyid: pub.key.keyid });
    },

    exportEnrollmentRequest: async ({ profile, passphrase }) => {
      // Unlock before the dialog: a mistyped passphrase should not cost a file pick.
      const unlocked = await sessions.signerFor(profile.id, passphrase);
      if (!unlocked.ok) return fail(unlocked.code, unlocked.message, 'passphrase');
      const at = now();
      const request = exportEnrollmentRequest(unlocked.signer, profile, at);
      const target = await ctx.dialogs.saveFile({
        title: '保存注册申请',
        defaultName: await exportNameFor(keysDir(ctx), profile.id, {
          kind: 'enrollment-request',
          person: profile.name,
          date: at,
        }),
        filters: [{ name: '注册申请（JSON）', extensions: ['json'] }],
      });
      if (target === null) return ok({ path: null, keyid: unlocked.signer.keyid });
      try {
        await writeFile(target, request.text, 'utf8');
      } catch (e) {
        return fail(
          'io-error',
          `无法写入注册申请 ${path.basename(target)}：${(e as Error).message}`,
        );
      }
      return ok({ path: target, keyid: unlocked.signer.keyid });
    },

    importEnrollmentReply: async ({ profileId, expectedKeyid }) => {
      const open = await sessions.requireUnlocked(profileId);
      if (!open.ok) return fail(open.code, open.message);
      const pub = await readPublicKey(cfg, profileId);
      if (!pub.ok) return fail(pub.code, pub.message);
      const file = await ctx.dialogs.openFile({
        title: '导入注册回复',
        filters: [{ name: '注册回复（JSON）', extensions: ['json'] }],
      });
      if (file === null) return ok({ path: null, issuer: null, added: [], retired: [] });
      const read = await readSmallFile(file, '注册回复文件');
      if (!read.ok) return fail(read.code, read.message);
      const imported = await importEnrollmentReply({
        dir: keysDir(ctx),
        profileId,
        workstationKeyid: pub.key.keyid,
        text: read.bytes,
        now: now(),
        ...(expectedKeyid !== undefined ? { expectedKeyid } : {}),
      });
      if (!imported.ok)
        return failWith({ ...imported, message: `${path.basename(file)}：${imported.message}` });
      return ok({
        path: file,
        issuer: imported.store.issuer,
        added: imported.added,
        retired: imported.retired,
      });
    },
  };
}
