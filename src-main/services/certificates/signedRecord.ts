// Signing (the platform's side: the demo generator and tests) and verifying (verify CLI, batch)
// the compact signed certificate record. Node crypto Ed25519 over the DSSE PAE, like every
// other signed document here.
import { sign, verify } from 'node:crypto';
import { preAuthEncoding } from '../../../src-shared/bundle/envelope';
import {
  CERTIFICATE_RECORD_TYPE,
  certificateRecordSchema,
  decodeCertificatePayload,
  formatCertificateText,
  parseCertificateText,
  type CertificateRecord,
} from '../../../src-shared/certificates/signedRecord';
import { publicKeyFromRaw, type SigningKey, type TrustedKeys } from '../crypto/ed25519';

export function signCertificateRecord(record: CertificateRecord, key: SigningKey): string {
  const payload = new TextEncoder().encode(JSON.stringify(certificateRecordSchema.parse(record)));
  const signature = sign(null, preAuthEncoding(CERTIFICATE_RECORD_TYPE, payload), key.privateKey);
  return formatCertificateText({
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
    };

export function verifyCertificateText(text: string, trusted: TrustedKeys): CertificateCheck {
  const parsed = parseCertificateText(text);
  if (!parsed.ok) return { ok: false, code: 'malformed', message: parsed.message };
  const { keyidPrefix, payload, signature } = parsed.value;
  const candidates = [...trusted].filter(([id]) => id.startsWith(keyidPrefix));
  if (candidates.length === 0)
    return {
      ok: false,
      code: 'unknown-key',
      message: `证书记录由不受信任的密钥 ${keyidPrefix}… 签名`,
    };
  const pae = preAuthEncoding(CERTIFICATE_RECORD_TYPE, payload);
  const match = candidates.find(([, raw]) =>
    verify(null, pae, publicKeyFromRaw(raw), Buffer.from(signature)),
  );
  if (!match)
    return {
      ok: false,
      code: 'bad-signature',
      message: '证书记录的签名校验失败：内容被改动过或不是平台签发',
    };
  const decoded = decodeCertificatePayload(payload);
  if (!decoded.ok) return { ok: false, code: 'invalid-record', message: decoded.message };
  return { ok: true, record: decoded.record, keyid: match[0] };
}
