// One sync round trip as the person sees it, without React: gather the pending records, ask
// for the passphrase, let main sign them into the next bundle, mark them sent, then export or
// upload it, and apply the receipt main verified. Main owns the outbox (the pending bundle and
// the history); Dexie owns the records' syncState. Each step ends in one message to show;
// nothing here throws.
import type { Jobs, QihangApi } from '../../../src-shared/ipc/contract';
import { untilJobEnds } from '../../../src-shared/ipc/events';
import type { IpcError } from '../../../src-shared/ipc/result';
import type { UploadProgress } from '../../../src-shared/ipc/sync';
import type { WorkstationDb } from '../../db/db';
import { t } from '../../app/strings';
import type { ShownError } from '../../components/ErrorNotice';
import type { Ask } from './PassphraseModal';
import { applyReceipt, gatherBundleInput, markSent } from './syncStore';

const s = t.sync;

export type SyncApi = QihangApi['sync'];
/** An error stays a value (code, message, field) so the screen's ErrorNotice can explain it. */
export type SyncMessage =
  { kind: 'ok'; text: string } | { kind: 'error'; text: ShownError | string };

export interface SyncDeps {
  api: SyncApi;
  db: WorkstationDb;
  profileId: string;
  /** The profile's name: the exported bundle's suggested file name carries it. */
  profileName: string;
  /**
   * Asks for the signing passphrase and runs the signing with it; a wrong passphrase keeps the
   * question open. Null when the person cancelled.
   */
  askPassphrase: Ask;
  /** Told once the records are signed into a bundle, before it is saved or uploaded. */
  onPrepared?: (message: SyncMessage) => void;
}

/** What the screen knows about the profile's key (from keys.status). */
export interface KeyFacts {
  hasKey: boolean;
  enrolled: boolean;
}

const failed = (error: IpcError): SyncMessage => ({ kind: 'error', text: error });
/** A refusal the screen words itself (t.sync.codes) before anything reaches main. */
const refused = (code: string): SyncMessage => ({ kind: 'error', text: { code, message: '' } });

type Pending = { ok: true } | { ok: false; message: SyncMessage };

/** Signs the pending records into a new bundle unless one is already waiting for its receipt. */
async function ensurePending(deps: SyncDeps, key: KeyFacts): Promise<Pending> {
  const { api, db, profileId } = deps;
  const status = await api.status({ profileId });
  if (!status.ok) return { ok: false, message: failed(status.error) };
  if (status.value.pending) return { ok: true };
  if (!key.hasKey) return { ok: false, message: refused('no-key') };
  const input = await gatherBundleInput(db, profileId);
  if (!input.ok) {
    const text =
      input.code === 'audit-broken'
        ? s.auditBroken(input.seq, input.message)
        : input.code === 'grab-missing'
          ? s.grabMissing(input.recordId, input.grabId)
          : s.nothingToSend;
    return { ok: false, message: { kind: 'error', text } };
  }
  const prepared = await deps.askPassphrase(s.passphraseForBundle, (passphrase) =>
    api.prepare({
      profileId,
      passphrase,
      records: input.records,
      auditLogHead: input.auditLogHead,
      workPackageIds: input.workPackageIds,
      chairs: input.chairs,
      ...(input.evidence.length > 0 ? { evidence: input.evidence } : {}),
    }),
  );
  if (!prepared) return { ok: false, message: { kind: 'ok', text: s.cancelled } };
  if (!prepared.ok) return { ok: false, message: failed(prepared.error) };
  await markSent(db, profileId, prepared.value);
  deps.onPrepared?.({
    kind: 'ok',
    text:
      s.prepared(prepared.value.counter, prepared.value.recordIds.length) +
      (input.deferred > 0 ? s.deferred(input.deferred) : ''),
  });
  return { ok: true };
}

/** Runs one step to its message; an unexpected throw (a lost database) becomes a message too. */
async function settle(step: () => Promise<SyncMessage>): Promise<SyncMessage> {
  try {
    return await step();
  } catch (error) {
    return {
      kind: 'error',
      text: s.unexpected(error instanceof Error ? error.message : String(error)),
    };
  }
}

/** 导出结果包: signs if needed, then saves the pending bundle where the person chooses. */
export function exportBundle(deps: SyncDeps, key: KeyFacts): Promise<SyncMessage> {
  return settle(async () => {
    const pending = await ensurePending(deps, key);
    if (!pending.ok) return pending.message;
    const r = await deps.api.exportPending({
      profileId: deps.profileId,
      profileName: deps.profileName,
    });
    if (!r.ok) return failed(r.error);
    return { kind: 'ok', text: r.value.path ? s.exported(r.value.path) : s.cancelled };
  });
}

export interface UploadDeps extends SyncDeps {
  /** Main's pushed job events and the jobs' cancel (the preload's `api.jobs`). */
  jobs: Pick<QihangApi['jobs'], 'subscribe' | 'cancel'>;
  /** The saved platform address ('' when none is saved). */
  url: string;
  /** Each change of the running upload (tries, the last failure, the next retry). */
  onProgress?: (progress: UploadProgress) => void;
  /** Handed the way to stop the upload once it has started. */
  onStarted?: (cancel: () => void) => void;
}

/** 上传到平台: signs if needed, uploads with retries, applies the receipt main verified. */
export function uploadBundle(deps: UploadDeps, key: KeyFacts): Promise<SyncMessage> {
  return settle(async () => {
    if (!deps.url) return { kind: 'error', text: s.urlMissing };
    // Without pinned platform keys no receipt can be checked: say so before asking to sign.
    if (key.hasKey && !key.enrolled) return refused('not-enrolled');
    const pending = await ensurePending(deps, key);
    if (!pending.ok) return pending.message;
    const { api, profileId } = deps;
    const started = await api.upload({ profileId, url: deps.url });
    if (!started.ok) return failed(started.error);
    const { jobId } = started.value;
    deps.onStarted?.(() => void deps.jobs.cancel('upload', jobId));
    const end = await untilJobEnds<Jobs, 'upload'>(deps.jobs, 'upload', jobId, (p) =>
      deps.onProgress?.(p),
    );
    if (end.type === 'failed') {
      if (end.error.code === 'cancelled') return { kind: 'ok', text: s.uploadCancelled };
      return failed(end.error);
    }
    const applied = await applyReceipt(deps.db, profileId, end.data);
    return { kind: 'ok', text: s.uploaded(applied.acknowledged, end.data.attempts) };
  });
}

/** 导入回执: main verifies the chosen receipt; the records it accepts are marked here. */
export function importReceipt(
  deps: Pick<SyncDeps, 'api' | 'db' | 'profileId'>,
): Promise<SyncMessage> {
  return settle(async () => {
    const r = await deps.api.importReceipt({ profileId: deps.profileId });
    if (!r.ok) return failed(r.error);
    if (r.value.path === null) return { kind: 'ok', text: s.cancelled };
    const applied = await applyReceipt(deps.db, deps.profileId, r.value);
    return {
      kind: 'ok',
      text:
        applied.acknowledged === 0 && r.value.alreadyAcknowledged
          ? s.receiptAgain
          : s.receiptApplied(applied.acknowledged),
    };
  });
}
