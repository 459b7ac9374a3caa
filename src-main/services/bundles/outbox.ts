// The workstation's outbox, per profile, on disk: the chain position, the one pending bundle
// (its file kept so it can be re-sent byte for byte) and the acknowledged history. Records are
// reported synced only through acceptReceipt, once, when a matching signed receipt arrives.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  acknowledge,
  emptyOutbox,
  nextChainPosition,
  outboxStateSchema,
  sentBundleFor,
  withPending,
  type OutboxState,
} from '../../../src-shared/bundle/outbox';
import { matchReceipt, type Receipt } from '../../../src-shared/bundle/receipt';
import type { AuditHead, ResultRecord } from '../../../src-shared/bundle/resultBundle';
import type { TrustedKeys } from '../crypto/ed25519';
import { readJsonFile, writeFileAtomic } from '../../common/atomicFile';
import type { Signer } from '../keys/signer';
import { buildResultBundle, type BuiltBundle, type EvidenceInput } from './build';
import { openReceipt } from './receipts';
import type { Failure } from '../../../src-shared/failure';

export type OutboxError = Failure;

export function profileDir(dir: string, profileId: string): string {
  return path.join(
    dir,
    `profile-${createHash('sha256').update(profileId).digest('hex').slice(0, 32)}`,
  );
}
const stateFile = (dir: string, profileId: string) =>
  path.join(profileDir(dir, profileId), 'outbox.json');
const bundleFile = (dir: string, profileId: string, bundleHash: string) =>
  path.join(profileDir(dir, profileId), `${bundleHash}.qhres`);

export async function loadOutbox(
  dir: string,
  profileId: string,
): Promise<{ ok: true; state: OutboxState } | OutboxError> {
  try {
    const raw = await readJsonFile(stateFile(dir, profileId));
    if (raw === null) return { ok: true, state: emptyOutbox(profileId) };
    const parsed = outboxStateSchema.safeParse(raw);
    if (parsed.success && parsed.data.profileId === profileId)
      return { ok: true, state: parsed.data };
  } catch {
    // fall through: unreadable is reported like malformed
  }
  return {
    ok: false,
    code: 'outbox-corrupt',
    message: '同步记录文件已损坏，请联系技术支持（不要删除该文件）',
  };
}

async function saveOutbox(dir: string, state: OutboxState): Promise<void> {
  await writeFileAtomic(stateFile(dir, state.profileId), JSON.stringify(state, null, 2));
}

export interface PrepareBundleInput {
  /** Outbox folder (e.g. userData/outbox). */
  dir: string;
  profileId: string;
  /** Everything not yet acknowledged, as the renderer holds it. */
  records: ResultRecord[];
  evidence?: EvidenceInput[];
  auditLogHead: AuditHead | null;
  workPackageIds?: string[];
  demo?: boolean;
  /** Replace a pending bundle that never reached the platform (a lost USB stick). */
  supersede?: boolean;
  now?: Date;
}

/** Builds and signs the next bundle and records it as pending. Refuses while one is pending. */
export async function prepareBundle(
  input: PrepareBundleInput,
  signers: readonly Signer[],
): Promise<BuiltBundle | OutboxError> {
  const loaded = await loadOutbox(input.dir, input.profileId);
  if (!loaded.ok) return loaded;
  const pos = nextChainPosition(loaded.state, input.supersede ?? false);
  if (!pos.ok) return pos;
  if (input.records.length === 0)
    return { ok: false, code: 'nothing-to-send', message: '没有需要发送的新记录' };
  const built = await buildResultBundle(
    {
      profileId: input.profileId,
      counter: pos.counter,
      previousBundleHash: pos.previousBundleHash,
      auditLogHead: input.auditLogHead,
      records: input.records,
      ...(input.evidence ? { evidence: input.evidence } : {}),
      ...(input.workPackageIds ? { workPackageIds: input.workPackageIds } : {}),
      ...(input.demo ? { demo: true } : {}),
      ...(input.now ? { now: input.now } : {}),
    },
    signers,
  );
  if (!built.ok) return built;
  try {
    await writeFileAtomic(bundleFile(input.dir, input.profileId, built.bundleHash), built.bytes);
    await saveOutbox(
      input.dir,
      withPending(loaded.state, {
        bundleId: built.manifest.bundleId,
        bundleHash: built.bundleHash,
        profileId: input.profileId,
        counter: built.manifest.counter,
        recordIds: built.records.map((r) => r.id),
        createdAt: built.manifest.createdAt,
      }),
    );
  } catch (e) {
    return { ok: false, code: 'io-error', message: `无法保存结果包：${(e as Error).message}` };
  }
  return built;
}

/** The pending bundle and its exact bytes, to upload or export again; null when nothing is pending. */
export async function pendingBundle(
  dir: string,
  profileId: string,
): Promise<
  | { ok: true; pending: { sent: NonNullable<OutboxState['pending']>; bytes: Uint8Array } | null }
  | OutboxError
> {
  const loaded = await loadOutbox(dir, profileId);
  if (!loaded.ok) return loaded;
  const p = loaded.state.pending;
  if (!p) return { ok: true, pending: null };
  try {
    return {
      ok: true,
      pending: {
        sent: p,
        bytes: new Uint8Array(await readFile(bundleFile(dir, profileId, p.bundleHash))),
      },
    };
  } catch {
    return {
      ok: false,
      code: 'bundle-file-missing',
      message: `待确认结果包 ${p.bundleId} 的文件丢失`,
    };
  }
}

export interface AcceptReceiptInput {
  dir: string;
  profileId: string;
  /** The receipt file's content or the upload's answer body. */
  text: string | Uint8Array;
  /** Platform keys pinned and valid now (platformTrust). */
  platformKeys: TrustedKeys;
  now?: Date;
}

export type ReceiptAccepted = {
  ok: true;
  receipt: Receipt;
  /** Record ids to mark synced now; empty when this receipt was already applied. */
  newlyAcknowledged: string[];
  alreadyAcknowledged: boolean;
};

/** Verifies a receipt against pinned keys and the sent bundle, then records the acknowledgement once. */
export async function acceptReceipt(
  input: AcceptReceiptInput,
): Promise<ReceiptAccepted | OutboxError> {
  const opened = openReceipt(input.text, input.platformKeys);
  if (!opened.ok) return opened;
  const loaded = await loadOutbox(input.dir, input.profileId);
  if (!loaded.ok) return loaded;
  const sent = sentBundleFor(loaded.state, opened.receipt.bundleId);
  if (!sent)
    return {
      ok: false,
      code: 'receipt-unexpected',
      message: '回执对应的结果包不是本档案发出的',
      detail: `回执中的结果包编号：${opened.receipt.bundleId}`,
    };
  const matched = matchReceipt(opened.receipt, sent);
  if (!matched.ok) return matched;
  const acked = acknowledge(loaded.state, opened.receipt, input.now ?? new Date());
  if (!acked.ok) return acked;
  if (!acked.alreadyAcknowledged) {
    try {
      await saveOutbox(input.dir, acked.state);
    } catch (e) {
      return { ok: false, code: 'io-error', message: `无法保存同步记录：${(e as Error).message}` };
    }
  }
  return {
    ok: true,
    receipt: opened.receipt,
    newlyAcknowledged: acked.newlyAcknowledged,
    alreadyAcknowledged: acked.alreadyAcknowledged,
  };
}
