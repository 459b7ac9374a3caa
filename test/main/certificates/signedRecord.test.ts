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
import { qrModules, QR_QUIET_MODULES } from '../../../src-shared/certificates/qrMatrix';
import { makeCertificateCase, recordFor } from '../../fixtures/certificates';
import { signV1 } from '../../fixtures/certificatesV1';

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

  it('writes version 2: fixed field order, no key names, district code, payload last', () => {
    expect(text.startsWith(`QHC2.${key.keyid.slice(0, 16)}.`)).toBe(true);
    const payload = text.split('.').slice(3).join('.');
    expect(JSON.parse(payload)).toEqual([
      'BJJC-2025-000100',
      record.name,
      record.idNumberMasked,
      'basic',
      56,
      Number(record.startDate.replace(/-/g, '')),
      Number(record.endDate.replace(/-/g, '')),
      '北京示例培训学校',
      110108,
      20250410,
    ]);
    const r = verifyCertificateText(text, trusted);
    expect(r.ok && r.record).toMatchObject({
      v: 2,
      district: '110108',
      issuer: '北京市海淀区人力资源和社会保障局',
      issuedOn: '2025-04-10',
    });
    expect(r.ok && 'traineeId' in r.record).toBe(false);
  });

  it('keeps a payload that contains dots, and an online edition', () => {
    const dotted = signCertificateRecord(
      { ...record, organizer: '北京 A.B. 培训学校', program: 'online', onlineEdition: 'ecommerce' },
      key,
    );
    const r = verifyCertificateText(dotted, trusted);
    expect(r.ok && r.record).toMatchObject({
      organizer: '北京 A.B. 培训学校',
      onlineEdition: 'ecommerce',
    });
  });

  it('still verifies a version 1 text, and refuses its payload relabelled as version 2', () => {
    const { district: _district, ...facts } = record;
    const v1 = signV1(
      {
        ...facts,
        v: 1,
        traineeId: records.trainees[0]!.id,
        classId: records.classes[0]!.id,
        issuer: '北京市海淀区人力资源和社会保障局',
      },
      key,
    );
    expect(v1.startsWith('QHC1.')).toBe(true);
    const r = verifyCertificateText(v1, trusted);
    expect(r).toMatchObject({ ok: true, record: { v: 1, traineeId: records.trainees[0]!.id } });
    expect(inspectCertificateText(v1, trusted).lines.join('\n')).toContain('学员编号');
    // Same signature, same bytes, other version: the payload type in the PAE differs.
    const [, kid, payload, sig] = v1.split('.');
    const asV2 = `QHC2.${kid}.${sig}.${new TextDecoder().decode(
      Uint8Array.from(atob(payload!.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)),
    )}`;
    expect(verifyCertificateText(asV2, trusted)).toMatchObject({
      ok: false,
      code: 'bad-signature',
    });
  });

  it('refuses a district that is not one of Beijing’s 16, when signing and when reading', () => {
    expect(() => signCertificateRecord({ ...record, district: '110110' }, key)).toThrow();
    const forged = text.replace(/,110108,/, ',110199,');
    expect(verifyCertificateText(forged, trusted).ok).toBe(false);
  });

  it('fits a version 11 QR code at error correction M for a typical record', () => {
    // 61 modules: ~490 bytes a certificate as a 1-bit image (version 1 needed version 19).
    expect(new TextEncoder().encode(text).length).toBeLessThanOrEqual(251);
    expect(qrModules(text).length - 2 * QR_QUIET_MODULES).toBe(61);
  });

  it('fails under a key that is not trusted', () => {
    const other = generateSigningKey();
    const r = verifyCertificateText(text, new Map([[other.keyid, other.publicKeyRaw]]));
    expect(r).toMatchObject({ ok: false, code: 'unknown-key' });
    // Who should have signed, in the operator's words; the key prefix only for 详情.
    if (r.ok) throw new Error('expected a refusal');
    expect(r.message).toBe('证书记录不是由本机信任的平台密钥签发的');
    expect(r.detail).toContain(key.keyid.slice(0, 16));
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
