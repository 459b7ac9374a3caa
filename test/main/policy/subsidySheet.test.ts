import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { buildQuarterSheet } from '../../../src-shared/policy/quarterSheet';
import {
  CLAIMABLE_SHEET,
  UNCLAIMABLE_SHEET,
  writeSubsidySheet,
} from '../../../src-main/services/policy/subsidySheet';
import {
  cleanAudit,
  evaluate,
  makeClass,
  merge,
  withOutcomes,
} from '../../shared/policy/factories';
import { tempFolders } from '../tempFolders';

const temp = tempFolders();

async function writeAndRead(failId?: string) {
  const a = makeClass({ id: 'A', trainees: 2 });
  const b = makeClass({ id: 'B', program: 'online', trainees: 2 });
  const all = merge(a, b);
  const res = evaluate(
    all,
    cleanAudit(
      all,
      withOutcomes(all, (id) => id !== failId),
    ),
  );
  const sheet = buildQuarterSheet(res, { quarter: '2025Q4', district: '朝阳区' });
  if (!sheet.ok) throw new Error(sheet.error.message);
  const path = join(temp.sync('sheet-'), 'q.xlsx');
  expect(await writeSubsidySheet(sheet.sheet, path)).toEqual({ ok: true });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

describe('writeSubsidySheet', () => {
  test('lays out a district fund request: title, district, quarter, deadline, Chinese columns, totals in 元', async () => {
    const ws = (await writeAndRead()).getWorksheet(CLAIMABLE_SHEET)!;
    expect(String(ws.getCell('A1').value)).toBe('创业启航培训补贴用款申请表（2025年第四季度）');
    const info = String(ws.getCell('A2').value);
    expect(info).toContain('朝阳区');
    expect(info).toContain('2025Q4');
    expect(info).toContain('2025-12-20');
    expect(ws.getRow(4).values).toEqual([
      undefined,
      '序号',
      '培训组织方',
      '班级编号',
      '班级名称',
      '培训项目',
      '学员编号',
      '学员姓名',
      '补贴类别',
      '补贴金额（元）',
    ]);
    expect(ws.getRow(5).values).toEqual([
      undefined,
      1,
      '某培训学校',
      'A',
      'A 班',
      '创业基础培训',
      'A-T1',
      '学员A-T1',
      '培训补贴',
      1500,
    ]);
    expect(ws.getCell('I8').value).toBe(2000);
    expect(ws.getCell('A9').value).toBe('合计');
    expect(ws.getCell('I9').value).toEqual({ formula: 'SUM(I5:I8)', result: 7000 });
    expect(ws.getCell('I9').numFmt).toContain('元');
  });

  test('lists the unclaimable trainees with their reasons on a second sheet', async () => {
    const wb = await writeAndRead('B-T2');
    expect(wb.getWorksheet(CLAIMABLE_SHEET)!.getCell('I8').value).toEqual({
      formula: 'SUM(I5:I7)',
      result: 5000,
    });
    const us = wb.getWorksheet(UNCLAIMABLE_SHEET)!;
    expect(us.getCell('E5').value).toBe('B-T2');
    expect(String(us.getCell('I5').value)).toContain('成果评审不合格');
  });

  test('reports a write failure as a Chinese error value naming the path', async () => {
    const a = makeClass({ trainees: 1 });
    const sheet = buildQuarterSheet(evaluate(a), { quarter: '2025Q4' });
    if (!sheet.ok) throw new Error('sheet');
    const r = await writeSubsidySheet(sheet.sheet, '/nonexistent-dir/x.xlsx');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('/nonexistent-dir/x.xlsx');
  });
});
