// Reading public keys an operator points the verify CLI at: a raw key as base64 or hex (the
// demo key file is base64), a profile trust store, or a workstation's enrollment request.
import { base64ToBytes } from '../../../src-shared/wire/envelope';
import {
  activePlatformKeys,
  enrollmentRequestSchema,
  trustStoreSchema,
} from '../../../src-shared/keys/enrollment';
import { keyIdOf } from '../crypto/ed25519';
import { parseEnvelopeText, peekPayload } from '../crypto/signedJson';

export function keysFromTrustFile(
  text: string,
  now: Date = new Date(),
): { ok: true; keys: Map<string, Uint8Array> } | { ok: false; message: string } {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) {
    const raw = new Uint8Array(Buffer.from(t, 'hex'));
    return { ok: true, keys: new Map([[keyIdOf(raw), raw]]) };
  }
  if (/^[A-Za-z0-9+/]{43}=$/.test(t)) {
    const raw = base64ToBytes(t);
    return { ok: true, keys: new Map([[keyIdOf(raw), raw]]) };
  }
  let json: unknown;
  try {
    json = JSON.parse(t);
  } catch {
    return {
      ok: false,
      message: '不认识的公钥文件：应为 32 字节公钥（base64 或十六进制）、信任文件或注册申请',
    };
  }
  const store = trustStoreSchema.safeParse(json);
  if (store.success) return { ok: true, keys: activePlatformKeys(store.data, now) };
  const env = parseEnvelopeText(t, '公钥文件');
  if (env.ok) {
    const req = peekPayload(env.envelope, enrollmentRequestSchema);
    if (req) {
      const raw = base64ToBytes(req.publicKey);
      if (raw.length === 32 && keyIdOf(raw) === req.keyid)
        return { ok: true, keys: new Map([[req.keyid, raw]]) };
    }
  }
  return {
    ok: false,
    message: '不认识的公钥文件：应为 32 字节公钥（base64 或十六进制）、信任文件或注册申请',
  };
}
