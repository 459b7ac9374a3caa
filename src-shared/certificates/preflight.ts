// Glyph preflight: before a batch is made, every character of every text on every page is
// checked against the fonts. A character no font has would print as a blank or a box, so the
// certificate that needs it is held back with a message naming the character and the trainee.
import type { CertificateDoc, DocPage } from './certificateDoc';

/** Says whether some font has a glyph for this code point. */
export type GlyphCoverage = (codePoint: number) => boolean;

export interface GlyphProblem {
  pageIndex: number;
  traineeId?: string;
  name?: string;
  number?: string;
  field: string;
  char: string;
  codePoint: string;
  message: string;
}

export interface PreflightResult {
  /** Pages every character of which some font can draw. */
  printable: DocPage[];
  problems: GlyphProblem[];
}

const FIELD_ZH: Record<string, string> = {
  title: '证书名称',
  name: '姓名',
  idNumber: '身份证号',
  program: '培训项目',
  hours: '培训课时',
  classDates: '培训时间',
  organizer: '培训机构',
  issuer: '发证机关',
  issuedOn: '发证日期',
  number: '证书编号',
  grid: '校准页文字',
};

export function codePointLabel(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

export function preflight(doc: CertificateDoc, covers: GlyphCoverage): PreflightResult {
  const printable: DocPage[] = [];
  const problems: GlyphProblem[] = [];
  doc.pages.forEach((page, pageIndex) => {
    const before = problems.length;
    const seen = new Set<string>();
    for (const item of page.items) {
      if (item.kind !== 'text') continue;
      // for…of walks code points, so 𠮷 (a surrogate pair) is one character, not two halves.
      for (const ch of item.text) {
        if (/\s/u.test(ch) || covers(ch.codePointAt(0)!)) continue;
        const k = `${item.field}|${ch}`;
        if (seen.has(k)) continue;
        seen.add(k);
        // The printer knows the trainee by name and certificate number, not by record id.
        const who = page.traineeId
          ? `学员 ${page.name ?? ''}${page.number ? `（${page.number}）` : ''}`
          : '本页';
        problems.push({
          pageIndex,
          ...(page.traineeId ? { traineeId: page.traineeId } : {}),
          ...(page.name ? { name: page.name } : {}),
          ...(page.number ? { number: page.number } : {}),
          field: item.field,
          char: ch,
          codePoint: codePointLabel(ch),
          message: `${who}的${FIELD_ZH[item.field] ?? item.field}含有字库中没有的字「${ch}」（${codePointLabel(ch)}），打印会成空白或方框，该证书不予打印`,
        });
      }
    }
    if (problems.length === before) printable.push(page);
  });
  return { printable, problems };
}
