import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { panelRecordDoc } from '../../../src-shared/panel/panelRecordDoc';
import { panelRecordDataSchema } from '../../../src-shared/panel/recordData';
import { panelRecordDocx } from '../../../src-main/services/documents/panelRecordDocx';
import { panelResultsXlsx } from '../../../src-main/services/documents/panelResultsXlsx';
import { makePanelRecordData } from '../../fixtures/panelRecordData';
import { DEMO_DOCUMENT_NOTICE } from '../../../src-shared/profiles/demoMark';
import { readZip } from '../demo/zip';

/** The visible text of word/document.xml, runs joined, so assertions read like the page. */
async function docxText(
  bytes: Uint8Array,
): Promise<{ xml: string; text: string; headers: string }> {
  const entries = await readZip(Buffer.from(bytes));
  const xml = entries.get('word/document.xml')!.toString('utf8');
  const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  const headers = [...entries.entries()]
    .filter(([name]) => /^word\/header\d*\.xml$/.test(name))
    .map(([, b]) => b.toString('utf8'))
    .join('');
  return { xml, text, headers };
}

describe('会审记录 DOCX', () => {
  it('carries the panel, members, recusals, every score, the decisions and their reasons', async () => {
    const data = makePanelRecordData();
    expect(panelRecordDataSchema.safeParse(data).success).toBe(true);
    const { xml, text } = await docxText(await panelRecordDocx(panelRecordDoc(data)));
    expect(text).toContain('创业计划书评审组会审记录');
    expect(text).toContain('会议时间：2025年7月5日');
    expect(text).toContain('海淀区人力资源和社会保障局第三会议室');
    expect(text).toContain('韩秀英（北京工商大学商学院）');
    expect(text).toContain('杨振华回避《校园二手书流转平台计划书》');
    for (const score of ['44', '29', '31.5', '88', '58', '61.5']) expect(text).toContain(score);
    expect(text).toContain('评审组结论：不通过');
    expect(text).toContain('理由：启动资金测算与附表不符，经核对以不通过为准');
    expect(text).toContain('提请平台另派专家评审');
    expect(text).toContain('分差超过 15 分');
    expect(text).toContain('评审组长（签字）');
    // Laid out as a government record: A4, 仿宋 and 黑体, page numbers in the footer.
    expect(xml).toContain('w:w="11906"');
    expect(xml).toContain('w:eastAsia="仿宋"');
    expect(xml).toContain('w:eastAsia="黑体"');
  });

  it('says 待结论 for a submission without a decision', async () => {
    const base = makePanelRecordData();
    const data = { ...base, submissions: [{ ...base.submissions[0]!, decision: null }] };
    const { text } = await docxText(await panelRecordDocx(panelRecordDoc(data)));
    expect(text).toContain('评审组结论：待结论');
  });
});

describe("a demo profile's 会审记录", () => {
  it('says 演示 in the title and in a header printed on every page; a normal record does not', async () => {
    const data = makePanelRecordData();
    const demo = await docxText(await panelRecordDocx(panelRecordDoc(data), { demo: true }));
    expect(demo.text).toContain('【演示】创业计划书评审组会审记录');
    expect(demo.headers).toContain(DEMO_DOCUMENT_NOTICE);
    // The section's default header is the one every page uses.
    expect(demo.xml).toMatch(/<w:headerReference w:type="default"/);
    expect(demo.text).toContain('评审组结论：不通过');
    const normal = await docxText(await panelRecordDocx(panelRecordDoc(data)));
    expect(normal.text + normal.headers).not.toContain('演示');
  });
});

describe('评审结果 XLSX', () => {
  it('has a row per expert and submission with scores, verdicts and the panel decision', async () => {
    const bytes = await panelResultsXlsx(makePanelRecordData());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('评审结果')!;
    const rows = ws.getSheetValues().slice(2) as unknown[][];
    expect(rows).toHaveLength(4);
    const first = ws.getRow(2);
    expect(first.getCell(5).value).toBe('杨振华');
    expect(first.getCell(8).value).toBe(88);
    expect(first.getCell(14).value).toBe('不通过');
    expect(ws.getRow(4).getCell(6).value).toBe('回避');
    expect(ws.getRow(4).getCell(14).value).toBe('提请平台另派专家评审');
    const stats = wb.getWorksheet('评审组统计')!;
    expect(stats.getRow(3).getCell(4).value).toBe(-1);
  });
});

describe("a demo profile's 评审结果 XLSX", () => {
  it('puts the notice above the table of every sheet and in its printed header', async () => {
    const wb = new ExcelJS.Workbook();
    const bytes = await panelResultsXlsx(makePanelRecordData(), { demo: true });
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    for (const name of ['评审结果', '评审组统计']) {
      const ws = wb.getWorksheet(name)!;
      expect(ws.getCell('A1').value).toBe(DEMO_DOCUMENT_NOTICE);
      expect(ws.headerFooter.oddHeader).toContain(DEMO_DOCUMENT_NOTICE);
    }
    // The table moved down one row, whole: header, then the same first expert row.
    const ws = wb.getWorksheet('评审结果')!;
    expect(ws.getRow(2).getCell(5).value).toBe('专家');
    expect(ws.getRow(3).getCell(5).value).toBe('杨振华');
    expect(ws.getRow(3).getCell(14).value).toBe('不通过');
  });
});
