// "Is this certificate genuine, and what does it certify?" for the verify CLI: the QR code's
// text (typed, pasted or in a file) or a PNG photo/scan of the QR code.
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { ONLINE_EDITION_ZH } from '../../../src-shared/records/records';
import { CERTIFICATE_TEXT_PREFIXES } from '../../../src-shared/certificates/signedRecord';
import { JRSNF_2023_25 } from '../../../src-shared/policy/pack-jrsnf-2023-25';
import type { TrustedKeys } from '../crypto/ed25519';
import { verifyCertificateText } from './signedRecord';

export interface CertificateReport {
  verdict: 'valid' | 'invalid' | 'unreadable';
  lines: string[];
}

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47];

export function looksLikeCertificateText(text: string): boolean {
  const t = text.trim();
  return Object.values(CERTIFICATE_TEXT_PREFIXES).some((p) => t.startsWith(`${p}.`));
}

export function isPng(bytes: Uint8Array): boolean {
  return PNG_MAGIC.every((b, i) => bytes[i] === b);
}

/** The text of the QR code in a PNG, or null when none can be read. */
export function readQrFromPng(bytes: Uint8Array): string | null {
  let img: { width: number; height: number; data: Buffer };
  try {
    img = PNG.sync.read(Buffer.from(bytes));
  } catch {
    return null;
  }
  const found = jsQR(new Uint8ClampedArray(img.data), img.width, img.height);
  return found ? found.data : null;
}

export function inspectCertificateText(text: string, trusted: TrustedKeys): CertificateReport {
  const lines = ['类型：证书二维码（平台签名的证书记录）'];
  const check = verifyCertificateText(text.trim(), trusted);
  if (!check.ok) {
    const verdict = check.code === 'malformed' ? 'unreadable' : 'invalid';
    // The CLI's reader is support: the key prefix stays on its own line.
    const detail = check.detail !== undefined ? [check.detail] : [];
    return { verdict, lines: [...lines, `无效：${check.message}`, ...detail] };
  }
  const r = check.record;
  const program = JRSNF_2023_25.programs[r.program];
  const edition = r.onlineEdition ? `（${ONLINE_EDITION_ZH[r.onlineEdition]}）` : '';
  return {
    verdict: 'valid',
    lines: [
      ...lines,
      `签名 ${check.keyid.slice(0, 16)}…（受信任）`,
      `证书：${program.certificateName}，编号 ${r.number}`,
      // Version 1 records also carried the platform's internal ids; version 2 leaves them out.
      `持证人：${r.name}（身份证号 ${r.idNumberMasked}${r.traineeId ? `，学员编号 ${r.traineeId}` : ''}）`,
      `培训：${program.name}${edition}，${r.classId ? `班级 ${r.classId}，` : ''}${r.startDate} 至 ${r.endDate}，${r.hours} 课时`,
      `培训机构：${r.organizer}；发证机关：${r.issuer}${r.district ? `（${r.district}）` : ''}；发证日期：${r.issuedOn}`,
      `记录格式：第 ${r.v} 版`,
      '有效：由受信任的平台密钥签发，内容未被改动',
    ],
  };
}

export function inspectCertificatePng(bytes: Uint8Array, trusted: TrustedKeys): CertificateReport {
  const text = readQrFromPng(bytes);
  if (text === null) return { verdict: 'unreadable', lines: ['图片中没有找到可识别的二维码'] };
  return inspectCertificateText(text, trusted);
}
