// Ed25519 through Node's crypto (BoringSSL in Electron has it); keys are handled as raw
// 32-byte public keys and PKCS#8 private keys so they serialise without PEM ambiguity.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import {
  envelopeSchema,
  payloadTypeName,
  preAuthEncoding,
  type Envelope,
} from '../../../src-shared/wire/envelope';

// An Ed25519 SubjectPublicKeyInfo is this fixed 12-byte prefix followed by the raw key.
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

// Node's base64 is native; the shared pure-JS codec is far slower on multi-megabyte payloads.
function bytesToBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
function base64ToBytes(b64: string): Uint8Array {
  return new Uint8Array(Buffer.from(b64, 'base64'));
}

export interface SigningKey {
  keyid: string;
  publicKeyRaw: Uint8Array;
  privateKey: KeyObject;
}

export function keyIdOf(publicKeyRaw: Uint8Array): string {
  return createHash('sha256').update(publicKeyRaw).digest('hex');
}

export function publicKeyFromRaw(raw: Uint8Array): KeyObject {
  if (raw.length !== 32) throw new Error('Ed25519 public key must be 32 bytes');
  return createPublicKey({
    key: Buffer.concat([SPKI_PREFIX, Buffer.from(raw)]),
    format: 'der',
    type: 'spki',
  });
}

// Building a KeyObject costs more than the Ed25519 verification it serves, and the same few
// trusted keys check every bundle, receipt and package: each raw key is turned into one once.
// Bounded so that a stream of never-seen keys cannot grow it without end.
const verifyingKeys = new Map<string, KeyObject>();
const MAX_VERIFYING_KEYS = 1024;

function verifyingKey(raw: Uint8Array): KeyObject {
  const id = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('hex');
  let key = verifyingKeys.get(id);
  if (!key) {
    key = publicKeyFromRaw(raw);
    if (verifyingKeys.size >= MAX_VERIFYING_KEYS) verifyingKeys.clear();
    verifyingKeys.set(id, key);
  }
  return key;
}

export function rawPublicKey(key: KeyObject): Uint8Array {
  const der = key.export({ format: 'der', type: 'spki' });
  return new Uint8Array(der.subarray(der.length - 32));
}

export function generateSigningKey(): SigningKey {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicKeyRaw = rawPublicKey(publicKey);
  return { keyid: keyIdOf(publicKeyRaw), publicKeyRaw, privateKey };
}

export function signingKeyFromPkcs8(pkcs8Der: Uint8Array): SigningKey {
  const privateKey = createPrivateKey({ key: Buffer.from(pkcs8Der), format: 'der', type: 'pkcs8' });
  const publicKeyRaw = rawPublicKey(createPublicKey(privateKey));
  return { keyid: keyIdOf(publicKeyRaw), publicKeyRaw, privateKey };
}

export function exportPkcs8(key: SigningKey): Uint8Array {
  return new Uint8Array(key.privateKey.export({ format: 'der', type: 'pkcs8' }));
}

/** Signs payload bytes into a new envelope, or adds a signature to an existing one. */
export function signEnvelope(
  payloadType: string,
  payload: Uint8Array,
  keys: SigningKey[],
): Envelope {
  const pae = preAuthEncoding(payloadType, payload);
  return {
    payloadType,
    payload: bytesToBase64(payload),
    signatures: keys.map((k) => ({
      keyid: k.keyid,
      sig: bytesToBase64(sign(null, pae, k.privateKey)),
    })),
  };
}

/** One detached signature over precomputed PAE bytes (several signers share one PAE). */
export function signPae(pae: Uint8Array, key: SigningKey): { keyid: string; sig: string } {
  return { keyid: key.keyid, sig: bytesToBase64(sign(null, pae, key.privateKey)) };
}

export function addSignature(envelope: Envelope, key: SigningKey): Envelope {
  const pae = preAuthEncoding(envelope.payloadType, base64ToBytes(envelope.payload));
  return {
    ...envelope,
    signatures: [
      ...envelope.signatures,
      { keyid: key.keyid, sig: bytesToBase64(sign(null, pae, key.privateKey)) },
    ],
  };
}

export type TrustedKeys = ReadonlyMap<string, Uint8Array>;

export type EnvelopeCheck =
  | { ok: true; payload: Uint8Array; signedBy: string[] }
  | {
      ok: false;
      code: 'malformed' | 'wrong-type' | 'unknown-key' | 'bad-signature';
      message: string;
      /** For support only (the untrusted key's full id); callers name the signer in the sentence. */
      detail?: string;
    };

/** 详情 text for a key that is not trusted: the full id, which support can compare. */
export function untrustedKeyDetail(keyid: string): string {
  return `未受信任的签名密钥指纹：${keyid}`;
}

/**
 * Verifies an envelope against trusted raw public keys by keyid. Every signature present must
 * verify with a trusted key (stricter than DSSE's threshold: a forged or unknown extra signature
 * is an attack, not noise), and no key may sign twice.
 */
export function verifyEnvelope(
  raw: unknown,
  expectedType: string,
  trusted: TrustedKeys,
): EnvelopeCheck {
  const parsed = envelopeSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, code: 'malformed', message: '签名信封格式不正确' };
  return verifyParsedEnvelope(parsed.data, expectedType, trusted);
}

/** verifyEnvelope for an envelope already checked against envelopeSchema (skips a second pass over a large payload). */
export function verifyParsedEnvelope(
  env: Envelope,
  expectedType: string,
  trusted: TrustedKeys,
): EnvelopeCheck {
  if (env.payloadType !== expectedType) {
    return {
      ok: false,
      code: 'wrong-type',
      // The person picked the wrong file: say which document it is, not its content type.
      message: `所选文件是${payloadTypeName(env.payloadType)}，不是${payloadTypeName(expectedType)}`,
    };
  }
  // The same key twice must not pass for two people (an expert and a chair): refused in every
  // document, before any signature is checked.
  const keyids = env.signatures.map((s) => s.keyid);
  if (new Set(keyids).size !== keyids.length)
    return { ok: false, code: 'malformed', message: '签名信封含有同一密钥的重复签名' };
  const payload = base64ToBytes(env.payload);
  const pae = preAuthEncoding(env.payloadType, payload);
  const signedBy: string[] = [];
  for (const s of env.signatures) {
    const pub = trusted.get(s.keyid);
    if (!pub)
      return {
        ok: false,
        code: 'unknown-key',
        // Who should have signed is the caller's to say (平台, 该专家…); the id is for support.
        message: '签名所用的密钥不在本机信任的密钥中',
        detail: untrustedKeyDetail(s.keyid),
      };
    if (!verify(null, pae, verifyingKey(pub), Buffer.from(base64ToBytes(s.sig)))) {
      return {
        ok: false,
        code: 'bad-signature',
        message: '签名校验失败，内容可能被篡改',
      };
    }
    signedBy.push(s.keyid);
  }
  return { ok: true, payload, signedBy };
}
