import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { certificateCandidates } from '../../../src-shared/certificates/eligibility';
import type { TemplateFile } from '../../../src-shared/certificates/template';
import { makeBatch, planBatch } from '../../../src-main/services/certificates/batch';
import { readQrFromPng } from '../../../src-main/services/certificates/inspectCertificate';
import { signCertificateRecord } from '../../../src-main/services/certificates/signedRecord';
import { loadTemplates } from '../../../src-main/services/certificates/templates';
import { loadFont, type CjkFont } from '../../../src-main/services/documents/cjkFont';
import { generateSigningKey } from '../../../src-main/services/crypto/ed25519';
import { DEMO_DOCUMENT_NOTICE, DEMO_MARK } from '../../../src-shared/profiles/demoMark';
import { makeCertificateCase } from '../../fixtures/certificates';

const RESOURCES = path.resolve(__dirname, '../../../resources');
const key = generateSigningKey();
const trusted = new Map([[key.keyid, key.publicKeyRaw]]);
const sign = (r: Parameters<typeof signCertificateRecord>[0]) => signCertificateRecord(r, key);

let font: CjkFont;
let templates: TemplateFile;
beforeAll(async () => {
  font = await loadFont('noto-serif-sc');
  const t = await loadTemplates(RESOURCES);
  if (!t.ok) throw new Error(t.message);
  templates = t.file;
});

function candidates(names: string[]) {
  const records = makeCertificateCase({ names, sign });
  return certificateCandidates(records, { asOf: '2025-06-30' })[0]!.candidates;
}

/** pdftotext with an empty fontconfig: only fonts embedded in the PDF can be used. */
function pdfText(pdf: Uint8Array): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'qh-cert-'));
  const conf = path.join(dir, 'fonts.conf');
  writeFileSync(conf, '<?xml version="1.0"?><fontconfig></fontconfig>');
  const file = path.join(dir, 'batch.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], {
    env: { ...process.env, FONTCONFIG_FILE: conf },
    encoding: 'utf8',
  });
}

describe('certificate batch', () => {
  it('the real font has 龑 and 䶮 but not 𠮷', () => {
    expect(font.has('龑'.codePointAt(0)!)).toBe(true);
    expect(font.has('䶮'.codePointAt(0)!)).toBe(true);
    expect(font.has('𠮷'.codePointAt(0)!)).toBe(false);
  });

  it('holds back 𠮷思远 with a message naming the character and the trainee, prints the rest', async () => {
    const list = candidates(['𠮷思远', '刘龑', '王䶮', '张三']);
    const r = await makeBatch({ candidates: list, templates: templates, fonts: [font], trusted });
    expect(r.pages.map((p) => p.name)).toEqual(['刘龑', '王䶮', '张三']);
    expect(r.held).toHaveLength(1);
    expect(r.held[0]).toMatchObject({ code: 'glyph-missing', name: '𠮷思远' });
    expect(r.held[0]!.message).toContain('「𠮷」');
    expect(r.held[0]!.message).toContain('𠮷思远');
    expect(r.pdf).toBeDefined();
  });

  it('writes names and numbers as real text in the embedded font (pdftotext, no system fonts)', async () => {
    const list = candidates(['刘龑', '王䶮', '张三']);
    const r = await makeBatch({ candidates: list, templates: templates, fonts: [font], trusted });
    const text = pdfText(r.pdf!);
    for (const c of list) {
      expect(text).toContain(c.name);
      expect(text).toContain(c.number!);
    }
    expect(text).toContain('北京市创业基础培训合格证书');
  }, 60_000);

  it('marks every page of a demo batch 演示 inside the PDF, and a normal batch not at all', async () => {
    const list = candidates(['刘龑', '张三']);
    const demo = await makeBatch({
      candidates: list,
      templates,
      fonts: [font],
      trusted,
      demo: true,
    });
    const demoText = pdfText(demo.pdf!);
    // pdftotext separates pages with a form feed: the notice is on each of them.
    const pages = demoText.split('\f').filter((p) => p.trim());
    expect(pages).toHaveLength(2);
    for (const page of pages) {
      expect(page).toContain(DEMO_DOCUMENT_NOTICE);
      expect(page.replace(/\s/g, '')).toContain(DEMO_MARK);
    }
    // The certificate's own text is still there, readable.
    for (const c of list) expect(demoText).toContain(c.number!);
    const normal = await makeBatch({ candidates: list, templates, fonts: [font], trusted });
    expect(pdfText(normal.pdf!)).not.toContain(DEMO_MARK);
  }, 60_000);

  it('prints a QR code that reads back as the platform record (pdftoppm 300 dpi, jsQR)', async () => {
    const list = candidates(['张三']);
    const r = await makeBatch({ candidates: list, templates, fonts: [font], trusted });
    const dir = mkdtempSync(path.join(tmpdir(), 'qh-cert-qr-'));
    const file = path.join(dir, 'one.pdf');
    writeFileSync(file, r.pdf!);
    execFileSync('pdftoppm', ['-png', '-r', '300', '-singlefile', file, path.join(dir, 'page')]);
    expect(readQrFromPng(new Uint8Array(readFileSync(path.join(dir, 'page.png'))))).toBe(
      list[0]!.signedRecord,
    );
  }, 60_000);

  it('does not print a record whose signature fails (a one-character change)', () => {
    const list = candidates(['张三', '李四']);
    const t = list[1]!.signedRecord!;
    const i = t.length - 10;
    const broken = {
      ...list[1]!,
      signedRecord: t.slice(0, i) + (t[i] === 'A' ? 'B' : 'A') + t.slice(i + 1),
    };
    const plan = planBatch({
      candidates: [list[0]!, broken],
      templates: templates,
      fonts: [font],
      trusted,
    });
    expect(plan.pages.map((p) => p.name)).toEqual(['张三']);
    expect(plan.held[0]).toMatchObject({ code: 'record-invalid', name: '李四' });
  });

  it('makes no PDF when nothing can print', async () => {
    const r = await makeBatch({
      candidates: candidates(['𠮷思远']),
      templates: templates,
      fonts: [font],
      trusted,
    });
    expect(r.pdf).toBeUndefined();
    expect(r.held).toHaveLength(1);
  });

  it('applies the station calibration offset to every item on the page', () => {
    const list = candidates(['张三']);
    const plain = planBatch({ candidates: list, templates, fonts: [font], trusted });
    const moved = planBatch({
      candidates: list,
      templates,
      fonts: [font],
      trusted,
      calibration: { dxMm: 1.5, dyMm: -2 },
    });
    const a = plain.pages[0]!.items;
    const b = moved.pages[0]!.items;
    a.forEach((item, k) => {
      const m = b[k]!;
      if (item.kind === 'line' || m.kind === 'line') throw new Error('no lines on a certificate');
      expect(m.xMm - item.xMm).toBeCloseTo(1.5);
      expect(m.yMm - item.yMm).toBeCloseTo(-2);
    });
  });
});
