// Signed JSON documents (receipts, enrollment files, bundle manifests): verify the envelope
// first, and only then parse the payload — no byte is trusted before its signature is.
import type { z } from 'zod';
import { base64ToBytes, envelopeSchema, type Envelope } from '../../../src-shared/wire/envelope';
import { describeIssue } from '../../../src-shared/bundle/resultBundle';
import { decodeStrictUtf8 } from '../../common/utf8';
import { verifyParsedEnvelope, type TrustedKeys } from './ed25519';

export type SignedJsonError = {
  ok: false;
  code:
    'unreadable' | 'malformed' | 'wrong-type' | 'unknown-key' | 'bad-signature' | 'invalid-payload';
  message: string;
  detail?: string;
};

/** Parses envelope JSON text or bytes into an envelope (shape only, nothing verified). */
export function parseEnvelopeText(
  text: string | Uint8Array,
  what: string,
): { ok: true; envelope: Envelope } | SignedJsonError {
  let raw: unknown;
  try {
    raw = JSON.parse(typeof text === 'string' ? text : decodeStrictUtf8(text));
  } catch {
    return { ok: false, code: 'unreadable', message: `${what}不是有效的 JSON 文件` };
  }
  const parsed = envelopeSchema.safeParse(raw);
  if (!parsed.success)
    return { ok: false, code: 'malformed', message: `${what}不是有效的签名信封` };
  return { ok: true, envelope: parsed.data };
}

/** Decodes a payload without verifying it: only to learn which keys to verify with. */
export function peekPayload<S extends z.ZodType>(envelope: Envelope, schema: S): z.infer<S> | null {
  try {
    const parsed = schema.safeParse(JSON.parse(decodeStrictUtf8(base64ToBytes(envelope.payload))));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function openSignedJson<S extends z.ZodType>(
  envelope: Envelope,
  payloadType: string,
  trusted: TrustedKeys,
  schema: S,
  what: string,
  /** Who must have signed, in the reader's words (平台的签名密钥…): named when the key is unknown. */
  signer?: string,
): { ok: true; value: z.infer<S>; payload: Uint8Array; signedBy: string[] } | SignedJsonError {
  const checked = verifyParsedEnvelope(envelope, payloadType, trusted);
  if (!checked.ok) {
    const message =
      checked.code === 'unknown-key' && signer !== undefined
        ? `${what}不是由${signer}签名的，已拒绝`
        : `${what}：${checked.message}`;
    return {
      ok: false,
      code: checked.code,
      message,
      ...(checked.detail !== undefined ? { detail: checked.detail } : {}),
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(decodeStrictUtf8(checked.payload));
  } catch {
    return { ok: false, code: 'invalid-payload', message: `${what}的内容不是有效的 UTF-8 JSON` };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    return { ok: false, code: 'invalid-payload', message: describeIssue(parsed.error, what) };
  return { ok: true, value: parsed.data, payload: checked.payload, signedBy: checked.signedBy };
}
