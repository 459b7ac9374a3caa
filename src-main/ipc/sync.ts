// Result bundles out, receipts back. Main signs (the key never leaves it), keeps the outbox and
// verifies receipts; it answers with the record ids a verified receipt acknowledges, which is
// the only way the renderer may mark a record acknowledged.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { QihangHandlers } from '../../src-shared/ipc/contract';
import { fail, failWith, ok } from '../../src-shared/ipc/result';
import type { ReceiptOutcome, UploadDone } from '../../src-shared/ipc/sync';
import { RESULT_BUNDLE_EXTENSION } from '../../src-shared/bundle/resultBundle';
import {
  acceptReceipt,
  loadOutbox,
  pendingBundle,
  prepareBundle,
  type ReceiptAccepted,
} from '../services/bundles/outbox';
import { checkPlatformUrl, syncPendingBundle, type RetryOptions } from '../services/bundles/upload';
import { platformTrust } from '../services/keys/enrollment';
import type { MainContext } from './context';
import { keysDir, outboxDir, readSmallFile, type KeyOptions } from './keyFiles';
import { isDemoProfile } from '../services/packages/profileKinds';
import { exportNameFor } from '../services/profiles/exportName';
import { Uploads, type UploadEnd } from '../services/sync/uploads';
import { createJobEmitter, noEvents } from './jobEvents';
import { sessionsFor } from './sessions';
import { bundleSigners } from '../services/panel/chairSigners';
import type { Failure } from '../../src-shared/failure';

export interface SyncOptions extends KeyOptions {
  /** Tests shorten the backoff; production uses the upload defaults. */
  retry?: Omit<RetryOptions, 'onAttempt'>;
}

const DEFAULT_MAX_ATTEMPTS = 6;

async function outcomeOf(
  dir: string,
  profileId: string,
  accepted: ReceiptAccepted,
): Promise<ReceiptOutcome | Failure> {
  const loaded = await loadOutbox(dir, profileId);
  if (!loaded.ok) return loaded;
  const entry = loaded.state.acknowledged.find((a) => a.bundleId === accepted.receipt.bundleId);
  return {
    receiptId: accepted.receipt.receiptId,
    bundleId: accepted.receipt.bundleId,
    counter: accepted.receipt.counter,
    // Always the receipt's full list, also on a re-import: if the renderer's write was lost
    // after main recorded the receipt, importing the same receipt again completes it.
    acceptedRecordIds: accepted.receipt.acceptedRecordIds,
    sentRecordIds: entry?.recordIds ?? accepted.receipt.acceptedRecordIds,
    alreadyAcknowledged: accepted.alreadyAcknowledged,
  };
}

export function syncHandlers(ctx: MainContext, opts: SyncOptions = {}): QihangHandlers['sync'] {
  const sessions = sessionsFor(ctx, opts);
  const dir = outboxDir(ctx);
  const now = () => opts.now?.() ?? new Date();
  const maxAttempts = opts.retry?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const events = createJobEmitter(ctx.sendEvent ?? noEvents);
  const uploads = new Uploads({
    maxAttempts,
    onProgress: (jobId, progress) => events.progress('upload', jobId, progress),
  });

  /** After the upload loop: the receipt's outcome for the page, or why there is none. */
  async function finishUpload(
    profileId: string,
    ended: UploadEnd<Awaited<ReturnType<typeof syncPendingBundle>>>,
  ): Promise<{ ok: true; value: UploadDone } | Failure> {
    if (!ended.ok) return ended;
    const synced = ended.value;
    if (!synced.ok) return synced;
    if ('nothingPending' in synced)
      return { ok: false, code: 'nothing-pending', message: '没有待发送的结果包，请先生成结果包' };
    const outcome = await outcomeOf(dir, profileId, synced);
    if ('ok' in outcome) return outcome;
    return { ok: true, value: { ...outcome, attempts: ended.attempts } };
  }

  async function trustFor(profileId: string) {
    return platformTrust(keysDir(ctx), profileId, now());
  }

  return {
    status: async ({ profileId }) => {
      const loaded = await loadOutbox(dir, profileId);
      if (!loaded.ok) return fail(loaded.code, loaded.message);
      const { pending, acknowledged, lastAcknowledged } = loaded.state;
      return ok({
        pending: pending
          ? {
              bundleId: pending.bundleId,
              bundleHash: pending.bundleHash,
              counter: pending.counter,
              recordIds: pending.recordIds,
              createdAt: pending.createdAt,
            }
          : null,
        acknowledged: acknowledged.map((a) => ({
          bundleId: a.bundleId,
          bundleHash: a.bundleHash,
          counter: a.counter,
          recordIds: a.recordIds,
          createdAt: a.createdAt,
          receiptId: a.receiptId,
          acknowledgedAt: a.acknowledgedAt,
          acceptedRecordIds: a.acceptedRecordIds,
        })),
        nextCounter: pending ? pending.counter : (lastAcknowledged?.counter ?? 0) + 1,
      });
    },

    checkUrl: ({ url }) => {
      const checked = checkPlatformUrl(url.trim());
      return checked.ok ? ok({ url: url.trim() }) : fail(checked.code, checked.message, 'url');
    },

    prepare: async ({
      profileId,
      passphrase,
      records,
      auditLogHead,
      workPackageIds,
      chairs,
      evidence,
    }) => {
      const unlocked = await sessions.signerFor(profileId, passphrase);
      if (!unlocked.ok) return fail(unlocked.code, unlocked.message, 'passphrase');
      const demo = await isDemoProfile(keysDir(ctx), profileId);
      // Panel decisions need the chair's signature too, or the platform refuses the bundle.
      const signers = bundleSigners(records, chairs ?? [], unlocked.signer, demo);
      if (!signers.ok) return fail(signers.code, signers.message);
      const built = await prepareBundle(
        {
          dir,
          profileId,
          records,
          evidence: (evidence ?? []).map(({ dataBase64, ...f }) => ({
            ...f,
            data: new Uint8Array(Buffer.from(dataBase64, 'base64')),
          })),
          auditLogHead,
          workPackageIds,
          demo,
          now: now(),
        },
        signers.signers,
      );
      if (!built.ok) return fail(built.code, built.message);
      return ok({
        bundleId: built.manifest.bundleId,
        bundleHash: built.bundleHash,
        counter: built.manifest.counter,
        recordIds: built.records.map((r) => r.id),
        createdAt: built.manifest.createdAt,
        fileName: built.fileName,
      });
    },

    exportPending: async ({ profileId, profileName }) => {
      const pending = await pendingBundle(dir, profileId);
      if (!pending.ok) return fail(pending.code, pending.message);
      if (!pending.pending) return fail('nothing-pending', '没有待发送的结果包，请先生成结果包');
      const { sent, bytes } = pending.pending;
      const target = await ctx.dialogs.saveFile({
        title: '导出结果包',
        // N is main's own outbox counter: the bundle's place in the signed chain.
        defaultName: await exportNameFor(keysDir(ctx), profileId, {
          kind: 'result-bundle',
          person: profileName,
          date: sent.createdAt,
          sequence: sent.counter,
        }),
        filters: [{ name: '启航结果包', extensions: [RESULT_BUNDLE_EXTENSION.slice(1)] }],
      });
      if (target === null) return ok({ path: null, bundleId: sent.bundleId });
      try {
        await writeFile(target, bytes);
      } catch (e) {
        return fail('io-error', `无法写入结果包 ${path.basename(target)}：${(e as Error).message}`);
      }
      return ok({ path: target, bundleId: sent.bundleId });
    },

    upload: async ({ profileId, url }) => {
      if (uploads.isRunning(profileId))
        return fail('upload-running', '结果包正在上传，请等待本次上传结束');
      const urlOk = checkPlatformUrl(url.trim());
      if (!urlOk.ok) return fail(urlOk.code, urlOk.message, 'url');
      const trust = await trustFor(profileId);
      if (!trust.ok) return fail(trust.code, trust.message);
      const started = uploads.start(profileId, ({ onAttempt, signal }) =>
        syncPendingBundle({
          ...opts.retry,
          maxAttempts,
          dir,
          profileId,
          url: url.trim(),
          platformKeys: trust.keys,
          now: now(),
          onAttempt,
          signal,
        }),
      );
      if (!started.ok) return fail(started.code, started.message);
      const { jobId } = started;
      void started.ended
        .then((ended) => finishUpload(profileId, ended))
        .then((end) =>
          end.ok ? events.done('upload', jobId, end.value) : events.failed('upload', jobId, end),
        );
      return ok({ jobId });
    },

    cancelUpload: ({ jobId }) => ok({ cancelled: uploads.cancel(jobId) }),

    importReceipt: async ({ profileId }) => {
      // Trust first: without pinned platform keys no receipt can be checked, so say so up front.
      const trust = await trustFor(profileId);
      if (!trust.ok) return fail(trust.code, trust.message);
      const file = await ctx.dialogs.openFile({
        title: '导入回执',
        filters: [{ name: '平台回执（JSON）', extensions: ['json'] }],
      });
      if (file === null) return ok({ path: null });
      const read = await readSmallFile(file, '回执文件');
      if (!read.ok) return fail(read.code, read.message);
      const accepted = await acceptReceipt({
        dir,
        profileId,
        text: read.bytes,
        platformKeys: trust.keys,
        now: now(),
      });
      if (!accepted.ok)
        return failWith({ ...accepted, message: `${path.basename(file)}：${accepted.message}` });
      const outcome = await outcomeOf(dir, profileId, accepted);
      if ('ok' in outcome) return fail(outcome.code, outcome.message);
      return ok({ ...outcome, path: file });
    },
  };
}
