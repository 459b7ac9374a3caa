// Receipt verification on the workstation: the signature must come from a platform key pinned
// and valid now, and the receipt must name a bundle we sent, by id and by hash.
import { PAYLOAD_TYPES } from '../../../src-shared/wire/envelope';
import {
  matchReceipt,
  receiptSchema,
  type Receipt,
  type SentBundle,
} from '../../../src-shared/bundle/receipt';
import type { TrustedKeys } from '../crypto/ed25519';
import { openSignedJson, parseEnvelopeText } from '../crypto/signedJson';
import type { Failure } from '../../../src-shared/failure';

export type ReceiptError = Failure;

/** Signature and schema only: who signed it and what it says. */
export function openReceipt(
  text: string | Uint8Array,
  platformKeys: TrustedKeys,
): { ok: true; receipt: Receipt; signedBy: string[] } | ReceiptError {
  const env = parseEnvelopeText(text, '回执文件');
  if (!env.ok) return env;
  const opened = openSignedJson(
    env.envelope,
    PAYLOAD_TYPES.receipt,
    platformKeys,
    receiptSchema,
    '回执文件',
    '本机登记的平台密钥',
  );
  if (!opened.ok) return opened;
  return { ok: true, receipt: opened.value, signedBy: opened.signedBy };
}

/** Signature, schema, and that it acknowledges exactly the given sent bundle. */
export function verifyReceipt(
  text: string | Uint8Array,
  platformKeys: TrustedKeys,
  sent: SentBundle,
): { ok: true; receipt: Receipt } | ReceiptError {
  const opened = openReceipt(text, platformKeys);
  if (!opened.ok) return opened;
  const matched = matchReceipt(opened.receipt, sent);
  return matched.ok ? { ok: true, receipt: opened.receipt } : matched;
}
