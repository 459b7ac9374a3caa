// The platform's signed acknowledgement. It names the bundle by id and by the SHA-256 of the
// envelope payload it received, so a receipt for one version of a bundle cannot acknowledge
// another; only the record ids listed in it count as synced.
import { z } from 'zod';
import { isoInstant, recordId, sha256Hex } from '../wire/primitives';

export const RECEIPT_SCHEMA_VERSION = 1;

export const receiptSchema = z.object({
  schemaVersion: z.literal(RECEIPT_SCHEMA_VERSION),
  receiptId: recordId,
  issuer: z.string().min(1).max(200),
  bundleId: recordId,
  bundleHash: sha256Hex,
  profileId: recordId,
  counter: z.number().int().positive(),
  acceptedRecordIds: z.array(recordId),
  receivedAt: isoInstant,
});
export type Receipt = z.infer<typeof receiptSchema>;

/** What the workstation remembers about a bundle it sent, to match a receipt against. */
export interface SentBundle {
  bundleId: string;
  bundleHash: string;
  profileId: string;
  counter: number;
  recordIds: readonly string[];
}

export type ReceiptMatch = { ok: true } | { ok: false; code: 'receipt-mismatch'; message: string };

/** Pure check that a (signature-verified) receipt acknowledges exactly this sent bundle. */
export function matchReceipt(receipt: Receipt, sent: SentBundle): ReceiptMatch {
  const fail = (message: string): ReceiptMatch => ({
    ok: false,
    code: 'receipt-mismatch',
    message,
  });
  if (receipt.bundleId !== sent.bundleId)
    return fail(`回执对应的结果包 ${receipt.bundleId} 不是已发送的 ${sent.bundleId}`);
  if (receipt.bundleHash !== sent.bundleHash)
    return fail(`回执中的结果包哈希与已发送的 ${sent.bundleId} 不一致`);
  if (receipt.profileId !== sent.profileId)
    return fail(`回执的用户档案 ${receipt.profileId} 与结果包不符`);
  if (receipt.counter !== sent.counter)
    return fail(`回执序号 ${receipt.counter} 与结果包序号 ${sent.counter} 不符`);
  const sentIds = new Set(sent.recordIds);
  const stray = receipt.acceptedRecordIds.find((id) => !sentIds.has(id));
  if (stray !== undefined) return fail(`回执确认了结果包中没有的记录 ${stray}`);
  return { ok: true };
}
