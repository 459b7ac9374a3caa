import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { generateSigningKey } from '../../../src-main/services/crypto/ed25519';
import {
  inspectCertificatePng,
  inspectCertificateText,
} from '../../../src-main/services/certificates/inspectCertificate';
import {
  signCertificateRecord,
  verifyCertificateText,
} from '../../../src-main/services/certificates/signedRecord';
import { makeCertificateCase, recordFor } from '../../fixtures/certificates';

const key = generateSigningKey();
const trusted = new Map([[key.keyid, key.publicKeyRaw]]);
const records = makeCertificateCase();
const record = recordFor(records, records.trainees[0]!.id, 'BJJC-2025-000100');
const text = signCertificateRecord(record, key);

/** The same text with the character at i replaced by another allowed one. */
function changeAt(t: string, i: number): string {
  const alt = t[i] === 'A' ? 'B' : t[i] === '.' ? 'x' : 'A';
  return t.slice(0, i) + alt + t.slice(i + 1);
}

describe('signed certificate records', () => {
  it('verifies and says what the record certifies', () => {
    const r = verifyCertificateText(text, trusted);
    expect(r).toMatchObject({ ok: true, record });
    const report = inspectCertificateText(text, trusted);
    expect(report.verdict).toBe('valid');
    expect(report.lines.join('\n')).toContain('BJJC-2025-000100');
    expect(report.lines.join('\n')).toContain(record.name);
    expect(report.lines.join('\n')).toContain('北京市创业基础培训合格证书');
  });

  it('fails when any single character is changed', () => {
    // Every position of the text: prefix, key id, payload and signature.
    for (let i = 0; i < text.length; i++) {
      const r = verifyCertificateText(changeAt(text, i), trusted);
      expect(r.ok, `position ${i}`).toBe(false);
    }
  });

  it('fails under a key that is not trusted', () => {
    const other = generateSigningKey();
    const r = verifyCertificateText(text, new Map([[other.keyid, other.publicKeyRaw]]));
    expect(r).toMatchObject({ ok: false, code: 'unknown-key' });
  });

  it('reads the record from a PNG of the QR code', async () => {
    const png = await QRCode.toBuffer(text, { errorCorrectionLevel: 'M', scale: 4 });
    const report = inspectCertificatePng(new Uint8Array(png), trusted);
    expect(report.verdict).toBe('valid');
    const tampered = await QRCode.toBuffer(changeAt(text, 60), {
      errorCorrectionLevel: 'M',
      scale: 4,
    });
    expect(inspectCertificatePng(new Uint8Array(tampered), trusted).verdict).toBe('invalid');
  });
});
