// Which bundle goes out next and what a receipt acknowledges, as pure state transitions.
// The chain links acknowledged bundles only: a bundle is numbered lastAcknowledged + 1, and
// while one is pending the workstation re-sends that same bundle (so a lost answer never
// makes the platform see a gap) instead of numbering a new one.
import { z } from 'zod';
import type { Receipt, SentBundle } from './receipt';
import { isoInstant, recordId, sha256Hex } from '../wire/primitives';

const sentBundleSchema = z.object({
  bundleId: recordId,
  bundleHash: sha256Hex,
  profileId: recordId,
  counter: z.number().int().positive(),
  recordIds: z.array(recordId),
  createdAt: isoInstant,
});

export const outboxStateSchema = z.object({
  schemaVersion: z.literal(1),
  profileId: recordId,
  lastAcknowledged: z
    .object({ bundleId: recordId, bundleHash: sha256Hex, counter: z.number().int().positive() })
    .nullable(),
  pending: sentBundleSchema.nullable(),
  acknowledged: z.array(
    sentBundleSchema.extend({
      receiptId: recordId,
      acknowledgedAt: isoInstant,
      acceptedRecordIds: z.array(recordId),
    }),
  ),
});
export type OutboxState = z.infer<typeof outboxStateSchema>;
export type PendingBundle = z.infer<typeof sentBundleSchema>;

export function emptyOutbox(profileId: string): OutboxState {
  return { schemaVersion: 1, profileId, lastAcknowledged: null, pending: null, acknowledged: [] };
}

export type ChainPosition =
  | { ok: true; counter: number; previousBundleHash: string | null }
  | { ok: false; code: 'bundle-pending'; message: string };

/**
 * Position of the next bundle. With a pending bundle this refuses unless `supersede` is set —
 * for a bundle file that was lost before reaching the platform; if it did arrive, the platform
 * will reject the replacement as a conflicting replay, which is the safe outcome.
 */
export function nextChainPosition(state: OutboxState, supersede = false): ChainPosition {
  if (state.pending && !supersede) {
    return {
      ok: false,
      code: 'bundle-pending',
      message: `结果包 ${state.pending.bundleId} 尚未收到回执，请先重新上传或导入其回执`,
    };
  }
  const last = state.lastAcknowledged;
  return {
    ok: true,
    counter: last ? last.counter + 1 : 1,
    previousBundleHash: last ? last.bundleHash : null,
  };
}

export function withPending(state: OutboxState, pending: PendingBundle): OutboxState {
  return { ...state, pending };
}

export type AcknowledgeResult =
  | { ok: true; state: OutboxState; newlyAcknowledged: string[]; alreadyAcknowledged: boolean }
  | { ok: false; code: 'receipt-unexpected'; message: string };

/** Applies a receipt that has been verified and matched (matchReceipt) against the pending bundle. */
export function acknowledge(state: OutboxState, receipt: Receipt, now: Date): AcknowledgeResult {
  const done = state.acknowledged.find(
    (a) => a.bundleId === receipt.bundleId && a.bundleHash === receipt.bundleHash,
  );
  if (done) return { ok: true, state, newlyAcknowledged: [], alreadyAcknowledged: true };
  const p = state.pending;
  if (!p || p.bundleId !== receipt.bundleId || p.bundleHash !== receipt.bundleHash) {
    return {
      ok: false,
      code: 'receipt-unexpected',
      message: `回执对应的结果包 ${receipt.bundleId} 不是待确认的结果包`,
    };
  }
  const next: OutboxState = {
    ...state,
    pending: null,
    lastAcknowledged: { bundleId: p.bundleId, bundleHash: p.bundleHash, counter: p.counter },
    acknowledged: [
      ...state.acknowledged,
      {
        ...p,
        receiptId: receipt.receiptId,
        acknowledgedAt: now.toISOString(),
        acceptedRecordIds: receipt.acceptedRecordIds,
      },
    ],
  };
  return {
    ok: true,
    state: next,
    newlyAcknowledged: [...receipt.acceptedRecordIds],
    alreadyAcknowledged: false,
  };
}

/** The sent-bundle facts a receipt is matched against, for a receipt naming `bundleId`. */
export function sentBundleFor(state: OutboxState, bundleId: string): SentBundle | null {
  if (state.pending?.bundleId === bundleId) return state.pending;
  return state.acknowledged.find((a) => a.bundleId === bundleId) ?? null;
}
