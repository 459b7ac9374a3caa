import { describe, expect, it } from 'vitest';
import {
  calibrationDoc,
  certificateDoc,
  type DocPage,
  type DocText,
} from '../../../src-shared/certificates/certificateDoc';
import { templatePages } from '../../../src-shared/certificates/pageTemplate';
import type { CertificateRecord } from '../../../src-shared/certificates/signedRecord';
import { parseTemplateFile } from '../../../src-shared/certificates/template';
import templatesJson from '../../../resources/certificates/templates.json';

const parsed = parseTemplateFile(templatesJson, 'templates.json');
if (!parsed.ok) throw new Error(parsed.message);
const [basic, online] = parsed.file.templates;

function entry(name: string, i: number, organizer = '北京示例培训学校') {
  const record: CertificateRecord = {
    v: 2,
    number: `BJJC-2025-00000${i}`,
    name,
    idNumberMasked: `110108********002${i}`,
    program: 'basic',
    hours: 56,
    startDate: '2025-03-03',
    endDate: '2025-03-20',
    organizer,
    issuer: '北京市海淀区人力资源和社会保障局',
    district: '110108',
    issuedOn: '2025-04-10',
  };
  return {
    traineeId: `t-${i}`,
    record,
    signedRecord: `QHC2.payload-${i}`,
    programName: '创业基础培训',
  };
}

/** What a page shows once its template is drawn under it: field → whole text. */
function rebuilt(doc: ReturnType<typeof templatePages>, page: number): Record<string, string> {
  const p = doc.pages[page]!;
  const out: Record<string, string> = {};
  for (const i of doc.templates[p.template]!.items) if (i.kind === 'text') out[i.field] = i.text;
  for (const i of p.items) {
    if (i.kind !== 'text') continue;
    expect(out[i.field] ?? '').toBe(i.after);
    out[i.field] = i.after + i.text;
  }
  return out;
}

function texts(page: DocPage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of page.items) if (i.kind === 'text') out[i.field] = i.text;
  return out;
}

describe('templatePages', () => {
  const doc = certificateDoc(
    [entry('王伟', 1), entry('李丽', 2), entry('张思远', 3, '北京另一培训学校')],
    basic!,
  );
  const split = templatePages(doc.pages);

  it('draws what every page shares once, and leaves each page only its own fields', () => {
    expect(split.templates).toHaveLength(1);
    const shared = split.templates[0]!.items as DocText[];
    const byField = Object.fromEntries(shared.map((i) => [i.field, i.text]));
    expect(byField.title).toBe('北京市创业基础培训合格证书');
    expect(byField.issuer).toBe('发证机关：北京市海淀区人力资源和社会保障局');
    expect(byField.name).toBe('姓　　名：');
    // Two organizers in one batch: only the label and the common start are shared.
    expect(byField.organizer).toBe('培训机构：北京');
    const own = split.pages[0]!.items.filter(
      (i): i is DocText & { after: string } => i.kind === 'text',
    );
    expect(own.map((i) => i.field).sort()).toEqual(['idNumber', 'name', 'number', 'organizer']);
    expect(own.find((i) => i.field === 'name')).toMatchObject({
      text: '王伟',
      after: '姓　　名：',
    });
  });

  it('keeps every page’s text whole: template part + own part is the original', () => {
    doc.pages.forEach((p, i) => expect(rebuilt(split, i)).toEqual(texts(p)));
  });

  it('never shares a QR code, even when only one page is printed', () => {
    const one = templatePages(doc.pages.slice(0, 1));
    expect(one.templates[0]!.items.some((i) => i.kind === 'qr')).toBe(false);
    expect(one.pages[0]!.items).toEqual([doc.pages[0]!.items.find((i) => i.kind === 'qr')]);
    split.pages.forEach((p, i) =>
      expect(p.items.filter((x) => x.kind === 'qr')).toEqual(
        doc.pages[i]!.items.filter((x) => x.kind === 'qr'),
      ),
    );
  });

  it('shares a centred text only when it is the same on every page', () => {
    const a = doc.pages[0]!;
    const centred = (text: string): DocPage => ({
      ...a,
      items: a.items.map((i) => (i.kind === 'text' && i.field === 'title' ? { ...i, text } : i)),
    });
    const mixed = templatePages([centred('甲证书'), centred('甲证明')]);
    expect(mixed.templates[0]!.items.some((i) => i.kind === 'text' && i.field === 'title')).toBe(
      false,
    );
    expect(mixed.pages[1]!.items).toContainEqual(
      expect.objectContaining({ field: 'title', text: '甲证明', after: '' }),
    );
  });

  it('gives pages of another layout their own template, keeping the page order', () => {
    const elite = certificateDoc([entry('赵六', 4)], online!).pages[0]!;
    const moved = {
      ...elite,
      items: elite.items.map((i) => (i.kind === 'qr' ? { ...i, xMm: 10 } : i)),
    };
    const both = templatePages([doc.pages[0]!, moved, doc.pages[1]!]);
    expect(both.templates).toHaveLength(2);
    expect(both.pages.map((p) => p.template)).toEqual([0, 1, 0]);
    expect(rebuilt(both, 1)).toEqual(texts(moved));
  });

  it('puts a calibration page (one page, lines and labels) wholly in its template', () => {
    const cal = calibrationDoc(basic!, { dxMm: 1, dyMm: -2 });
    const t = templatePages(cal.pages);
    expect(t.pages[0]!.items).toEqual([]);
    expect(t.templates[0]!.items).toEqual(cal.pages[0]!.items);
  });

  it('splits by character, not UTF-16 unit, so an Extension B name is never cut in half', () => {
    const d = certificateDoc([entry('𠮷思远', 1), entry('𠮷明', 2)], basic!);
    const s = templatePages(d.pages);
    const name = s.templates[0]!.items.find((i) => i.kind === 'text' && i.field === 'name');
    expect(name).toMatchObject({ text: '姓　　名：𠮷' });
    const d2 = certificateDoc([entry('\u{20BB7}思', 1), entry('\u{20BB8}思', 2)], basic!);
    const s2 = templatePages(d2.pages);
    expect(
      s2.templates[0]!.items.find((i) => i.kind === 'text' && i.field === 'name'),
    ).toMatchObject({ text: '姓　　名：' });
    expect(rebuilt(s2, 1)).toEqual(texts(d2.pages[1]!));
  });
});
