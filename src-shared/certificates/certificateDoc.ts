// A certificate batch as data: pages of positioned text and QR codes, in millimetres from the
// top-left corner of the sheet. The PDF writer (src-main/services/documents/certificatePdf.ts)
// turns it into bytes and the screen draws page 1 from the same data, so the preview shows
// what will print.
import { ONLINE_EDITION_ZH } from '../records/records';
import type { CertificateRecord } from './signedRecord';
import {
  certificateFieldNames,
  NO_OFFSET,
  type Calibration,
  type CertificateFieldName,
  type CertificateTemplate,
  type TextSpec,
} from './template';

export interface DocText {
  kind: 'text';
  /** Which field this is ('title' for the certificate name), for preflight messages. */
  field: CertificateFieldName | 'title' | 'grid';
  text: string;
  xMm: number;
  /** Baseline, from the top of the sheet. */
  yMm: number;
  sizePt: number;
  align: 'left' | 'center';
}

export interface DocQr {
  kind: 'qr';
  payload: string;
  xMm: number;
  yMm: number;
  sizeMm: number;
}

export interface DocLine {
  kind: 'line';
  x1Mm: number;
  y1Mm: number;
  x2Mm: number;
  y2Mm: number;
  widthPt: number;
}

export type DocItem = DocText | DocQr | DocLine;

export interface DocPage {
  widthMm: number;
  heightMm: number;
  /** Whose certificate this page is (absent on a calibration page). */
  traineeId?: string;
  name?: string;
  number?: string;
  items: DocItem[];
}

export interface CertificateDoc {
  title: string;
  fonts: string[];
  pages: DocPage[];
}

/** One certificate to print: the platform's record and the QR text it came in. */
export interface CertificateEntry {
  /** The package's trainee id: names the trainee in messages (a version 2 record has none). */
  traineeId: string;
  record: CertificateRecord;
  signedRecord: string;
  /** The program as the policy pack names it (e.g. 创业基础培训). */
  programName: string;
}

export function maskIdNumber(id: string, keepStart: number, keepEnd: number): string {
  const chars = [...id];
  if (chars.length <= keepStart + keepEnd) return id;
  return (
    chars.slice(0, keepStart).join('') +
    '*'.repeat(chars.length - keepStart - keepEnd) +
    chars.slice(chars.length - keepEnd).join('')
  );
}

/** 2024-11-04 → 2024年11月4日, as certificates write dates. */
export function zhDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

function fmt(hours: number): string {
  return Number.isInteger(hours) ? String(hours) : hours.toFixed(2);
}

export function certificateFields(
  entry: CertificateEntry,
  template: CertificateTemplate,
): Record<CertificateFieldName, string> {
  const r = entry.record;
  const edition = r.onlineEdition ? `（${ONLINE_EDITION_ZH[r.onlineEdition]}）` : '';
  return {
    name: r.name,
    idNumber: maskIdNumber(r.idNumberMasked, template.idMask.keepStart, template.idMask.keepEnd),
    program: `${entry.programName}${edition}`,
    hours: `${fmt(r.hours)} 课时`,
    classDates: `${zhDate(r.startDate)} 至 ${zhDate(r.endDate)}`,
    organizer: r.organizer,
    issuer: r.issuer,
    issuedOn: zhDate(r.issuedOn),
    number: r.number,
  };
}

function text(field: DocText['field'], spec: TextSpec, value: string, off: Calibration): DocText {
  return {
    kind: 'text',
    field,
    text: spec.label + value,
    xMm: spec.x + off.dxMm,
    yMm: spec.y + off.dyMm,
    sizePt: spec.size,
    align: spec.align,
  };
}

export function certificatePage(
  entry: CertificateEntry,
  template: CertificateTemplate,
  off: Calibration = NO_OFFSET,
): DocPage {
  const values = certificateFields(entry, template);
  const items: DocItem[] = [text('title', template.title, template.certificateName, off)];
  for (const f of certificateFieldNames) items.push(text(f, template.fields[f], values[f], off));
  items.push({
    kind: 'qr',
    payload: entry.signedRecord,
    xMm: template.qr.x + off.dxMm,
    yMm: template.qr.y + off.dyMm,
    sizeMm: template.qr.sizeMm,
  });
  return {
    widthMm: template.page.widthMm,
    heightMm: template.page.heightMm,
    traineeId: entry.traineeId,
    name: entry.record.name,
    number: entry.record.number,
    items,
  };
}

export function certificateDoc(
  entries: readonly CertificateEntry[],
  template: CertificateTemplate,
  off: Calibration = NO_OFFSET,
): CertificateDoc {
  return {
    title: template.certificateName,
    fonts: template.fonts,
    pages: entries.map((e) => certificatePage(e, template, off)),
  };
}

/**
 * A millimetre grid (a line every 5 mm, heavier and numbered every 10) on the template's page,
 * plus a cross where each field starts, shifted by the station's offset: printed on the
 * pre-printed paper it shows how far the printer's placement is off.
 */
export function calibrationDoc(
  template: CertificateTemplate,
  off: Calibration = NO_OFFSET,
): CertificateDoc {
  const { widthMm: w, heightMm: h } = template.page;
  const items: DocItem[] = [];
  for (let x = 0; x <= w; x += 5)
    items.push({
      kind: 'line',
      x1Mm: x,
      y1Mm: 0,
      x2Mm: x,
      y2Mm: h,
      widthPt: x % 10 === 0 ? 0.5 : 0.15,
    });
  for (let y = 0; y <= h; y += 5)
    items.push({
      kind: 'line',
      x1Mm: 0,
      y1Mm: y,
      x2Mm: w,
      y2Mm: y,
      widthPt: y % 10 === 0 ? 0.5 : 0.15,
    });
  for (let x = 10; x < w; x += 10)
    items.push({
      kind: 'text',
      field: 'grid',
      text: String(x),
      xMm: x + 0.5,
      yMm: 4,
      sizePt: 6,
      align: 'left',
    });
  for (let y = 10; y < h; y += 10)
    items.push({
      kind: 'text',
      field: 'grid',
      text: String(y),
      xMm: 1,
      yMm: y - 0.5,
      sizePt: 6,
      align: 'left',
    });
  const anchors = [template.title, ...certificateFieldNames.map((f) => template.fields[f])];
  for (const a of anchors) {
    const x = a.x + off.dxMm;
    const y = a.y + off.dyMm;
    items.push({ kind: 'line', x1Mm: x - 3, y1Mm: y, x2Mm: x + 3, y2Mm: y, widthPt: 1 });
    items.push({ kind: 'line', x1Mm: x, y1Mm: y - 3, x2Mm: x, y2Mm: y + 3, widthPt: 1 });
  }
  items.push({
    kind: 'text',
    field: 'grid',
    text: `校准页：${template.certificateName}\u3000偏移 X ${off.dxMm} mm，Y ${off.dyMm} mm`,
    xMm: 20,
    yMm: h - 8,
    sizePt: 10,
    align: 'left',
  });
  return {
    title: `校准页 ${template.certificateName}`,
    fonts: template.fonts,
    pages: [{ widthMm: w, heightMm: h, items }],
  };
}

/** Every character the batch draws, once each: what the batch's font subset must hold. */
export function docCharacters(doc: CertificateDoc): string {
  const set = new Set<string>();
  for (const p of doc.pages)
    for (const i of p.items) if (i.kind === 'text') for (const ch of i.text) set.add(ch);
  return [...set].sort().join('');
}
