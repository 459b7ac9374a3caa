// Writes a quarter's subsidy sheet as the workbook a district attaches to its fund request
// (用款申请): one sheet of claimable rows with a totals row in 元, one of unclaimable rows
// with reasons, so the district sees at a glance what it asks for and what it holds back.
import { randomBytes } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { QuarterSheet, SheetRow } from '../../../src-shared/policy/quarterSheet';
import { demoTitle } from '../../../src-shared/profiles/demoMark';
import { demoNoticeCell, markDemoSheet } from '../documents/demoSheet';
import { NAME_FLAG } from './sheetFromRows';

export interface SheetOptions {
  /** A demo profile's sheet: main's own record of the profile decides, never the renderer. */
  demo?: boolean;
}

export const CLAIMABLE_SHEET = '可申领';
export const UNCLAIMABLE_SHEET = '不可申领';
export const NOT_APPLICABLE_SHEET = '不适用';

const KIND_ZH: Record<SheetRow['kind'], string> = {
  training: '培训补贴',
  practice: '创业实践指导补贴',
};

const CLAIM_COLUMNS = [
  { header: '序号', width: 6 },
  { header: '培训组织方', width: 22 },
  { header: '班级编号', width: 14 },
  { header: '班级名称', width: 22 },
  { header: '培训项目', width: 22 },
  { header: '学员编号', width: 14 },
  { header: '学员姓名', width: 10 },
  { header: '补贴类别', width: 16 },
  { header: '补贴金额（元）', width: 14 },
];

const YUAN_FORMAT = '#,##0"元"';

function titleBlock(
  ws: ExcelJS.Worksheet,
  title: string,
  sheet: QuarterSheet,
  columns: number,
  demo: boolean,
): void {
  ws.mergeCells(1, 1, 1, columns);
  const t = ws.getCell(1, 1);
  t.value = demoTitle(title, demo);
  t.font = { bold: true, size: 16 };
  t.alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, columns);
  ws.getCell(2, 1).value =
    `区：${sheet.district}    季度：${sheet.quarterZh}（${sheet.quarter}）    报送截止：${sheet.deadline}（每季度末月 20 日前）`;
  if (demo) {
    // Row 3 is the blank line above the table header: the notice takes it, so no row moves.
    ws.mergeCells(3, 1, 3, columns);
    demoNoticeCell(ws.getCell(3, 1));
    markDemoSheet(ws);
  }
}

function header(ws: ExcelJS.Worksheet, row: number, labels: string[]): void {
  const r = ws.getRow(row);
  labels.forEach((h, i) => {
    const c = r.getCell(i + 1);
    c.value = h;
    c.font = { bold: true };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = {
      top: { style: 'thin' },
      bottom: { style: 'thin' },
      left: { style: 'thin' },
      right: { style: 'thin' },
    };
  });
}

export function buildSubsidyWorkbook(
  sheet: QuarterSheet,
  opts: SheetOptions = {},
): ExcelJS.Workbook {
  const demo = opts.demo === true;
  const wb = new ExcelJS.Workbook();
  wb.creator = '启航评审工作站';
  wb.created = new Date(0);

  const ws = wb.addWorksheet(CLAIMABLE_SHEET, {
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = CLAIM_COLUMNS.map((c) => ({ width: c.width }));
  titleBlock(
    ws,
    `创业启航培训补贴用款申请表（${sheet.quarterZh}）`,
    sheet,
    CLAIM_COLUMNS.length,
    demo,
  );
  header(
    ws,
    4,
    CLAIM_COLUMNS.map((c) => c.header),
  );
  ws.views = [{ state: 'frozen', ySplit: 4 }];
  const first = 5;
  sheet.claimable.forEach((r, i) => {
    const row = ws.getRow(first + i);
    row.values = [
      i + 1,
      r.organizerName,
      r.classId,
      r.className,
      r.programName,
      r.traineeId,
      r.traineeName,
      KIND_ZH[r.kind],
      r.amountYuan,
    ];
    row.getCell(9).numFmt = YUAN_FORMAT;
  });
  const totalRow = ws.getRow(first + sheet.claimable.length);
  totalRow.getCell(1).value = '合计';
  ws.mergeCells(totalRow.number, 1, totalRow.number, 8);
  const last = first + sheet.claimable.length - 1;
  // A formula keeps the sheet honest if a row is struck out by hand; the cached result is ours.
  totalRow.getCell(9).value = sheet.claimable.length
    ? { formula: `SUM(I${first}:I${last})`, result: sheet.totals.claimableYuan }
    : 0;
  totalRow.getCell(9).numFmt = YUAN_FORMAT;
  totalRow.font = { bold: true };
  const note = ws.getRow(totalRow.number + 1);
  note.getCell(1).value =
    `其中培训补贴 ${sheet.totals.trainingYuan} 元，创业实践指导补贴 ${sheet.totals.practiceYuan} 元；共 ${sheet.totals.claimableRows} 人次。`;

  const us = wb.addWorksheet(UNCLAIMABLE_SHEET);
  us.columns = [6, 22, 14, 22, 14, 10, 16, 14, 80].map((width) => ({ width }));
  titleBlock(us, `暂不申领名单（${sheet.quarterZh}）`, sheet, 9, demo);
  header(us, 4, [
    '序号',
    '培训组织方',
    '班级编号',
    '培训项目',
    '学员编号',
    '学员姓名',
    '补贴类别',
    '待定金额（元）',
    '原因',
  ]);
  sheet.unclaimable.forEach((r, i) => {
    const row = us.getRow(5 + i);
    row.values = [
      i + 1,
      r.organizerName,
      r.classId,
      r.programName,
      r.traineeId,
      r.traineeName,
      KIND_ZH[r.kind],
      r.amountYuan,
      r.reasons.join('\n'),
    ];
    row.getCell(8).numFmt = YUAN_FORMAT;
    row.getCell(9).alignment = { wrapText: true, vertical: 'top' };
    if (r.reasons[0]?.startsWith(NAME_FLAG))
      row.eachCell((c) => {
        c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF3BF' } };
      });
  });
  if (sheet.notApplicable.length) {
    // No pack, no claim: these classes are named so nobody wonders where they went, with no
    // amount at all — a preview figure must never reach a fund request.
    const ns = wb.addWorksheet(NOT_APPLICABLE_SHEET);
    ns.columns = [6, 14, 22, 12, 80].map((width) => ({ width }));
    titleBlock(
      ns,
      `不适用（开班日无有效政策包，不列入申领）（${sheet.quarterZh}）`,
      sheet,
      5,
      demo,
    );
    header(ns, 4, ['序号', '班级编号', '班级名称', '开班日', '所需政策包']);
    sheet.notApplicable.forEach((c, i) => {
      ns.getRow(5 + i).values = [i + 1, c.classId, c.className, c.startDate, c.neededPack];
      ns.getRow(5 + i).getCell(5).alignment = { wrapText: true, vertical: 'top' };
    });
  }
  return wb;
}

/**
 * The one way the sheet reaches disk (the app's export and the policy CLI): written beside the
 * target and renamed over it, so a failed write never leaves half a workbook where the person
 * expects the sheet, nor clobbers an older one.
 */
export async function writeSubsidySheet(
  sheet: QuarterSheet,
  target: string,
  opts: SheetOptions = {},
): Promise<{ ok: true } | { ok: false; error: { code: string; message: string } }> {
  const temp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${randomBytes(4).toString('hex')}.partial`,
  );
  try {
    await buildSubsidyWorkbook(sheet, opts).xlsx.writeFile(temp);
    await rename(temp, target);
    return { ok: true };
  } catch (e) {
    await rm(temp, { force: true });
    return {
      ok: false,
      error: {
        code: 'policy/xlsx-write',
        message: `无法写入补贴表 ${target}：${(e as Error).message}`,
      },
    };
  }
}
