import { describe, expect, it } from 'vitest';
import { certificateDoc } from '../../../src-shared/certificates/certificateDoc';
import { preflight } from '../../../src-shared/certificates/preflight';
import type { CertificateRecord } from '../../../src-shared/certificates/signedRecord';
import { parseTemplateFile } from '../../../src-shared/certificates/template';
import templatesJson from '../../../resources/certificates/templates.json';

const parsed = parseTemplateFile(templatesJson, 'templates.json');
if (!parsed.ok) throw new Error(parsed.message);
const template = parsed.file.templates[0]!;

function entry(name: string, i: number) {
  const record: CertificateRecord = {
    v: 2,
    number: `BJJC-2025-00000${i}`,
    name,
    idNumberMasked: '110108********0021',
    program: 'basic',
    hours: 56,
    startDate: '2025-03-03',
    endDate: '2025-03-20',
    organizer: '北京示例培训学校',
    issuer: '北京市海淀区人力资源和社会保障局',
    district: '110108',
    issuedOn: '2025-04-10',
  };
  return { traineeId: `t-${i}`, record, signedRecord: 'QHC2.x', programName: '创业基础培训' };
}

const RARE = ['𠮷', '龑', '䶮'];
/** A font that has everything except the characters listed. */
const lacking =
  (...missing: string[]) =>
  (cp: number) =>
    !missing.some((ch) => ch.codePointAt(0) === cp);

describe('glyph preflight', () => {
  const doc = certificateDoc(
    [entry('𠮷思远', 0), entry('刘龑', 1), entry('王䶮', 2), entry('张三', 3)],
    template,
  );

  it('passes every certificate when the fonts have 𠮷, 龑 and 䶮', () => {
    const r = preflight(doc, lacking());
    expect(r.problems).toEqual([]);
    expect(r.printable).toHaveLength(4);
  });

  it.each(RARE.map((ch, i) => [ch, i] as const))(
    'blocks only the certificate whose name has %s when no font has it, naming the character and the trainee',
    (ch, i) => {
      const r = preflight(doc, lacking(ch));
      expect(r.printable.map((p) => p.traineeId)).toEqual(
        ['t-0', 't-1', 't-2', 't-3'].filter((_, k) => k !== i),
      );
      expect(r.problems).toHaveLength(1);
      const p = r.problems[0]!;
      expect(p).toMatchObject({ traineeId: `t-${i}`, field: 'name', char: ch });
      expect(p.message).toContain(`「${ch}」`);
      expect(p.message).toContain(doc.pages[i]!.name!);
      expect(p.message).toContain('不予打印');
    },
  );

  it('treats 𠮷 (outside the BMP) as one character with its own code point', () => {
    const r = preflight(doc, lacking('𠮷'));
    expect(r.problems[0]!.codePoint).toBe('U+20BB7');
  });
});
