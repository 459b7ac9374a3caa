// Opening a workstation's enrollment request: the one routine the intake enrolls with and the
// verify CLI binds signers to profiles with (`--enrollment`), so both trust the same key for
// the same profile.
import { base64ToBytes, PAYLOAD_TYPES } from '../../../src-shared/wire/envelope';
import {
  enrollmentRequestSchema,
  type EnrollmentRequest,
} from '../../../src-shared/keys/enrollment';
import { keyIdOf } from '../crypto/ed25519';
import { openSignedJson, parseEnvelopeText, peekPayload } from '../crypto/signedJson';
import type { Failure } from '../../../src-shared/failure';

export type OpenedEnrollmentRequest =
  { ok: true; request: EnrollmentRequest; publicKeyRaw: Uint8Array } | Failure;

export function openEnrollmentRequest(text: string | Uint8Array): OpenedEnrollmentRequest {
  const env = parseEnvelopeText(text, '注册申请');
  if (!env.ok) return env;
  const peek = peekPayload(env.envelope, enrollmentRequestSchema);
  if (!peek) return { ok: false, code: 'invalid-payload', message: '注册申请的内容格式不正确' };
  const raw = base64ToBytes(peek.publicKey);
  if (raw.length !== 32 || keyIdOf(raw) !== peek.keyid)
    return { ok: false, code: 'invalid-payload', message: '注册申请中的公钥与指纹不符' };
  // Self-signed: proves the requester holds the private key it asks to be enrolled.
  const opened = openSignedJson(
    env.envelope,
    PAYLOAD_TYPES.enrollmentRequest,
    new Map([[peek.keyid, raw]]),
    enrollmentRequestSchema,
    '注册申请',
    '申请中登记的密钥',
  );
  if (!opened.ok) return opened;
  return { ok: true, request: opened.value, publicKeyRaw: raw };
}
