// Signing (the platform's side: the demo generator and tests) and verifying (verify CLI, batch)
// the compact signed certificate record. Node crypto Ed25519 over the DSSE PAE, like every
// other signed document here. New records are version 2; version 1 texts still verify.
import { sign, verify } from 'node:crypto';
import { preAuthEncoding } from '../../../src-shared/wire/envelope';
import {
  CERTIFICATE_RECORD_TYPES,
  decodeCertificatePayload,
  encodeCertificateFacts,
  formatCertificateText,
  parseCertificateText,
  type CertificateFacts,
  type CertificateRecord,
} from '../../../src-shared/certificates/signedRecord';
import { publicKeyFromRaw, type SigningKey, type TrustedKeys } from '../crypto/ed25519';

export function signCertificateRecord(facts: CertificateFacts, key: SigningKey): string {
  const payload = encodeCertificateFacts(facts);
  const signature = sign(
    null,
    preAuthEncoding(CERTIFICATE_RECORD_TYPES[2], payload),
    key.privateKey,
  );
  return formatCertificateText({
    version: 2,
    keyidPrefix: key.keyid.slice(0, 16),
    payload,
    signature: new Uint8Array(signature),
  });
}

export type CertificateCheck =
  | { ok: true; record: CertificateRecord; keyid: string }
  | {
      ok: false;
      code: 'malformed' | 'unknown-key' | 'bad-signature' | 'invalid-record';
      message: string;
      /** For support only: the signing key's id prefix as the record carries it. */
      detail?: string;
    };

export function verifyCertificateText(text: string, trusted: TrustedKeys): CertificateCheck {
  const parsed = parseCertificateText(text);
  if (!parsed.ok) return { ok: false, code: 'malformed', message: parsed.message };
  const { version, keyidPrefix, payload, signature } = parsed.value;
  const candidates = [...trusted].filter(([id]) => id.startsWith(keyidPrefix));
  if (candidates.length === 0)
    return {
      ok: false,
      code: 'unknown-key',
      message: '证书记录不是由本机信任的平台密钥签发的',
      detail: `证书记录中的签名密钥指纹前缀：${keyidPrefix}`,
    };
  // The payload type names the version, so a version 1 signature never vouches for a text
  // relabelled as version 2 or the other way round.
  const pae = preAuthEncoding(CERTIFICATE_RECORD_TYPES[version], payload);
  const match = candidates.find(([, raw]) =>
    verify(null, pae, publicKeyFromRaw(raw), Buffer.from(signature)),
  );
  if (!match)
    return {
      ok: false,
      code: 'bad-signature',
      message: '证书记录的签名校验失败：内容被改动过或不是平台签发',
    };
  const decoded = decodeCertificatePayload(version, payload);
  if (!decoded.ok) return { ok: false, code: 'invalid-record', message: decoded.message };
  return { ok: true, record: decoded.record, keyid: match[0] };
}
