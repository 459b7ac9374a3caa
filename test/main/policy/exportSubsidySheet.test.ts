import { readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { HostDialogs, MainContext } from '../../../src-main/ipc/context';
import { createMainGate } from '../../../src-main/ipc/index';
import { policyHandlers } from '../../../src-main/ipc/policy';
import {
  CLAIMABLE_SHEET,
  NOT_APPLICABLE_SHEET,
  UNCLAIMABLE_SHEET,
} from '../../../src-main/services/policy/subsidySheet';
import {
  exportRequestFromSheet,
  type ExportSheetRequest,
  type ExportSheetResult,
} from '../../../src-shared/ipc/policy';
import { JRSNF_2023_25, packsWithShipped } from '../../../src-shared/policy/pack-jrsnf-2023-25';
import { buildQuarterSheet } from '../../../src-shared/policy/quarterSheet';
import {
  cleanAudit,
  evaluate,
  makeClass,
  merge,
  withOutcomes,
} from '../../shared/policy/factories';
import { ScriptedDialogs } from '../../doubles/dialogs';
import { pinProfileKind } from '../../../src-main/services/packages/profileKinds';
import { DEMO_DOCUMENT_NOTICE } from '../../../src-shared/profiles/demoMark';
import { tempFolders } from '../tempFolders';

const temp = tempFolders();
const PROFILE = 'p-normal';

/** Dialogs that answer the next save with `answer` (null = the user cancels). */
function savingTo(answer: string | null): ScriptedDialogs {
  const dialogs = new ScriptedDialogs();
  dialogs.answerNextSave(answer);
  return dialogs;
}

function context(dialogs: HostDialogs, userDataDir = '/nonexistent'): MainContext {
  return {
    version: '0.0.0-test',
    host: 'browser-harness',
    packaged: false,
    platform: 'linux',
    resourcesDir: '/nonexistent',
    userDataDir,
    dialogs,
    sealer: {
      isEncryptionAvailable: () => false,
      backend: () => 'test',
      encryptString: () => Buffer.alloc(0),
      decryptString: () => '',
    },
  } as MainContext;
}

/** Two classes ending in 2025Q4, one trainee failing review → 3 claimable, 1 not. */
function request(requestDate?: string): ExportSheetRequest {
  const a = makeClass({ id: 'A', trainees: 2 });
  const b = makeClass({ id: 'B', program: 'online', trainees: 2 });
  const all = merge(a, b);
  const res = evaluate(
    all,
    cleanAudit(
      all,
      withOutcomes(all, (id) => id !== 'B-T2'),
    ),
  );
  const sheet = buildQuarterSheet(res, { quarter: '2025Q4', district: '朝阳区' });
  if (!sheet.ok) throw new Error(sheet.error.message);
  return exportRequestFromSheet(PROFILE, sheet.sheet, requestDate);
}

const tempDir = () => temp.sync('export-sheet-');

describe('policy.exportSubsidySheet', () => {
  it('asks for a path, writes the fund request and returns the path and row counts', async () => {
    const target = join(tempDir(), '四季度.xlsx');
    const dialogs = savingTo(target);
    const r = await policyHandlers(context(dialogs)).exportSubsidySheet(request('2025-12-18'));
    expect(r).toEqual({
      ok: true,
      value: {
        status: 'saved',
        path: target,
        deadline: '2025-12-20',
        claimableRows: 3,
        unclaimableRows: 1,
        claimableYuan: 5000,
        flaggedRows: [],
      },
    });
    expect(dialogs.asked[0]).toMatchObject({
      defaultName: '补贴申领表_朝阳区_2025年第4季度.xlsx',
      filters: [{ extensions: ['xlsx'] }],
    });

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(target);
    const ws = wb.getWorksheet(CLAIMABLE_SHEET)!;
    expect(String(ws.getCell('A1').value)).toContain('2025年第四季度');
    expect(String(ws.getCell('A2').value)).toContain('报送截止：2025-12-20');
    expect(String(ws.getCell('A2').value)).toContain('朝阳区');
    expect(ws.getRow(4).getCell(5).value).toBe('培训项目');
    // Main filled the programme name from the pack; the renderer did not send it.
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
    expect(ws.getCell('A8').value).toBe('合计');
    expect(ws.getCell('I8').value).toEqual({ formula: 'SUM(I5:I7)', result: 5000 });
    const us = wb.getWorksheet(UNCLAIMABLE_SHEET)!;
    expect(us.getCell('E5').value).toBe('B-T2');
    expect(String(us.getCell('I5').value)).toContain('成果评审不合格');
    expect(us.getCell('E6').value).toBeNull();
    // No temporary file is left beside the sheet.
    expect(readdirSync(join(target, '..'))).toEqual(['四季度.xlsx']);
  });

  it('adds .xlsx when the dialog answer has no extension', async () => {
    const target = join(tempDir(), 'q4');
    const r = await policyHandlers(context(savingTo(target))).exportSubsidySheet(request());
    expect(r.ok && r.value.status === 'saved' && r.value.path).toBe(`${target}.xlsx`);
    expect(existsSync(`${target}.xlsx`)).toBe(true);
  });

  it('answers a cancelled dialog with a typed "cancelled" result and writes nothing', async () => {
    const dir = tempDir();
    const r = await policyHandlers(context(savingTo(null))).exportSubsidySheet(request());
    expect(r).toEqual({ ok: true, value: { status: 'cancelled' } });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('reports a write failure in Chinese naming the file', async () => {
    const missing = join(tempDir(), 'no-such-dir', 'q.xlsx');
    const r = await policyHandlers(context(savingTo(missing))).exportSubsidySheet(request());
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('policy/xlsx-write');
      expect(r.error.message).toContain(`无法写入补贴表 ${missing}`);
    }
  });

  it('overwrites an older sheet only once the new one is fully written', async () => {
    const target = join(tempDir(), 'q.xlsx');
    writeFileSync(target, 'old');
    const r = await policyHandlers(context(savingTo(target))).exportSubsidySheet(request());
    expect(r.ok).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(target);
    expect(wb.getWorksheet(CLAIMABLE_SHEET)).toBeDefined();
  });
});

const ORIGIN = 'app://qihang';
const sender = { url: `${ORIGIN}/index.html`, isMainFrame: true };
const gateWith = (dialogs: ScriptedDialogs) =>
  createMainGate(context(dialogs), ORIGIN, () => undefined);

describe("a demo profile's subsidy sheet", () => {
  async function exported(demo: boolean) {
    const userData = tempDir();
    // Main's own record: the profile asked for trust once as a demo (or normal) profile.
    await pinProfileKind(join(userData, 'keys'), PROFILE, demo);
    const target = join(tempDir(), 'sheet.xlsx');
    const dialogs = savingTo(target);
    const r = await policyHandlers(context(dialogs, userData)).exportSubsidySheet(request());
    expect(r.ok).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(target);
    return { wb, name: dialogs.asked[0]!.defaultName };
  }

  it('is marked 演示 in its name, title, a notice row and the printed header of every sheet', async () => {
    const { wb, name } = await exported(true);
    expect(name).toBe('演示-补贴申领表_朝阳区_2025年第4季度.xlsx');
    for (const sheetName of [CLAIMABLE_SHEET, UNCLAIMABLE_SHEET]) {
      const ws = wb.getWorksheet(sheetName)!;
      expect(String(ws.getCell('A1').value)).toMatch(/^【演示】/);
      expect(ws.getCell('A3').value).toBe(DEMO_DOCUMENT_NOTICE);
      expect(ws.headerFooter.oddHeader).toContain(DEMO_DOCUMENT_NOTICE);
    }
    // The rows themselves stay where a reader of the real sheet finds them.
    const ws = wb.getWorksheet(CLAIMABLE_SHEET)!;
    expect(ws.getRow(4).getCell(5).value).toBe('培训项目');
    expect(ws.getCell('G5').value).toBe('学员A-T1');
    expect(ws.getCell('A8').value).toBe('合计');
  });

  it('carries no mark for a normal profile', async () => {
    const { wb, name } = await exported(false);
    expect(name).toBe('补贴申领表_朝阳区_2025年第4季度.xlsx');
    const ws = wb.getWorksheet(CLAIMABLE_SHEET)!;
    expect(String(ws.getCell('A1').value)).not.toContain('演示');
    expect(ws.getCell('A3').value).toBeNull();
    expect(ws.headerFooter?.oddHeader ?? '').not.toContain('演示');
  });
});

describe('the exportSubsidySheet request through the gate', () => {
  it.each([
    ['a malformed quarter', (r: ExportSheetRequest) => ({ ...r, quarter: '2025-4' }), 'quarter'],
    [
      'a negative amount',
      (r: ExportSheetRequest) => ({
        ...r,
        claimable: [{ ...r.claimable[0]!, amountYuan: -1 }],
      }),
      'claimable.0.amountYuan',
    ],
    [
      'a claimable row carrying reasons',
      (r: ExportSheetRequest) => ({
        ...r,
        claimable: [{ ...r.claimable[0]!, reasons: ['x'] }],
      }),
      'claimable.0.reasons',
    ],
    [
      'the same trainee and subsidy twice',
      (r: ExportSheetRequest) => ({ ...r, claimable: [r.claimable[0]!, r.claimable[0]!] }),
      'claimable.1.traineeId',
    ],
    [
      'an unknown programme',
      (r: ExportSheetRequest) => ({
        ...r,
        claimable: [{ ...r.claimable[0]!, program: 'yoga' }],
      }),
      'claimable.0.program',
    ],
    [
      // Main keeps its own record of demo profiles; a flag from the renderer is not a field.
      'a demo flag',
      (r: ExportSheetRequest) => ({ ...r, demo: false }),
      '(整个请求)',
    ],
    [
      'an extra field (a programme name main should derive)',
      (r: ExportSheetRequest) => ({
        ...r,
        claimable: [{ ...r.claimable[0]!, programName: '伪造' }],
      }),
      'claimable.0',
    ],
  ])('refuses %s, names the field and never opens the dialog', async (_l, mutate, field) => {
    const dialogs = savingTo(join(tempDir(), 'x.xlsx'));
    const r = await gateWith(dialogs).dispatch(
      'policy:exportSubsidySheet',
      mutate(request()),
      sender,
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-request', field } });
    if (!r.ok) expect(r.error.message).toMatch(/请求参数不正确/);
    expect(dialogs.asked).toHaveLength(0);
  });

  it('passes a valid request through to the file', async () => {
    const target = join(tempDir(), 'ok.xlsx');
    const r = await gateWith(savingTo(target)).dispatch(
      'policy:exportSubsidySheet',
      request(),
      sender,
    );
    expect(r).toMatchObject({ ok: true, value: { status: 'saved', claimableRows: 3 } });
  });
});

describe('a name the sheet cannot hold as it is', () => {
  /** request() with a NUL in the second claimable trainee's name and U+202E in a class name. */
  function hostile(): ExportSheetRequest {
    const r = request();
    const claimable = r.claimable.map((row, i) =>
      i === 1 ? { ...row, traineeName: '学员\u0000乙' } : row,
    );
    const unclaimable = r.unclaimable.map((row) => ({ ...row, className: 'B 班\u202Efdp.exe' }));
    return { ...r, claimable, unclaimable };
  }

  it('exports the rest through the gate, holds that row back and says which row it is', async () => {
    const target = join(tempDir(), 'nul.xlsx');
    const req = hostile();
    const held = req.claimable[1]!;
    const r = await gateWith(savingTo(target)).dispatch('policy:exportSubsidySheet', req, sender);
    expect(r).toMatchObject({
      ok: true,
      value: {
        status: 'saved',
        claimableRows: 2,
        unclaimableRows: 2,
        claimableYuan: 5000 - held.amountYuan,
        flaggedRows: [
          { traineeId: held.traineeId, traineeName: '学员⟦U+0000⟧乙', codes: ['U+0000'] },
          { traineeId: 'B-T2', codes: ['U+202E'] },
        ],
      },
    });
    const value = (r.ok ? r.value : null) as ExportSheetResult | null;
    const flagged = value?.status === 'saved' ? value.flaggedRows : [];
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(target);
    const ws = wb.getWorksheet(CLAIMABLE_SHEET)!;
    const claimed = [5, 6].map((n) => ws.getRow(n).getCell(6).value);
    expect(claimed).not.toContain(held.traineeId);
    expect(ws.getCell('A7').value).toBe('合计');
    const us = wb.getWorksheet(UNCLAIMABLE_SHEET)!;
    // The row number the answer gives is the row's 序号 in the 不可申领 sheet.
    const rowOf = (f: (typeof flagged)[number]) => us.getRow(4 + f.unclaimableRow);
    expect(rowOf(flagged[0]!).getCell(5).value).toBe(held.traineeId);
    expect(rowOf(flagged[0]!).getCell(6).value).toBe('学员⟦U+0000⟧乙');
    expect(String(rowOf(flagged[0]!).getCell(9).value)).toMatch(
      /^【需核实】学员姓名含不可见字符 U\+0000/,
    );
    expect(rowOf(flagged[0]!).getCell(6).fill).toMatchObject({ pattern: 'solid' });
    // The U+202E row was unclaimable already: it keeps its reason after the flag.
    const b = rowOf(flagged[1]!);
    expect(String(b.getCell(9).value)).toContain('班级名称含不可见字符 U+202E');
    expect(String(b.getCell(9).value)).toContain('成果评审不合格');
    // Nothing in any cell still holds the raw characters.
    for (const sheet of [ws, us])
      sheet.eachRow((row) =>
        row.eachCell((c) => expect(JSON.stringify(c.value)).not.toMatch(/\\u0000|\u202e/i)),
      );
  });
});

describe('no pack, no claim: a class outside every pack in the exported sheet', () => {
  /** A's class in force; F's starts 2026-03-01, outside every built-in pack; both in 2026Q1. */
  function mixed(): ExportSheetRequest {
    const a = makeClass({ id: 'A', trainees: 2, startDate: '2025-12-15', endDate: '2026-01-20' });
    const f = makeClass({ id: 'F', trainees: 2, startDate: '2026-03-01', endDate: '2026-03-20' });
    const all = merge(a, f);
    const sheet = buildQuarterSheet(evaluate(all, cleanAudit(all)), { quarter: '2026Q1' });
    if (!sheet.ok) throw new Error(sheet.error.message);
    return exportRequestFromSheet(PROFILE, sheet.sheet);
  }

  it('lists the class on a 不适用 sheet with the pack it needs and no amount, never as a row', async () => {
    const req = mixed();
    expect(req.claimable.map((r) => r.classId)).toEqual(['A', 'A']);
    expect(req.notApplicable).toEqual([expect.objectContaining({ classId: 'F' })]);
    const target = join(tempDir(), 'q1.xlsx');
    const r = await gateWith(savingTo(target)).dispatch('policy:exportSubsidySheet', req, sender);
    expect(r).toMatchObject({ ok: true, value: { claimableRows: 2, claimableYuan: 3000 } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(target);
    const all = JSON.stringify(
      [CLAIMABLE_SHEET, UNCLAIMABLE_SHEET].map((n) => wb.getWorksheet(n)?.getSheetValues()),
    );
    expect(all).not.toContain('"F"');
    const na = wb.getWorksheet(NOT_APPLICABLE_SHEET)!;
    expect(na.getRow(5).values).toEqual([
      undefined,
      1,
      'F',
      'F 班',
      '2026-03-01',
      expect.stringContaining('须导入有效期覆盖 2026-03-01 的政策包'),
    ]);
    expect(na.rowCount).toBe(5);
  });

  it('refuses a malformed 不适用 entry before any dialog opens', async () => {
    const dialogs = savingTo(join(tempDir(), 'x.xlsx'));
    const req = mixed();
    const bad = { ...req, notApplicable: [{ ...req.notApplicable![0]!, amountYuan: 1500 }] };
    const r = await gateWith(dialogs).dispatch('policy:exportSubsidySheet', bad, sender);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(dialogs.asked).toHaveLength(0);
  });
});

describe('the deadline follows the packs the work package shipped', () => {
  // The platform moved the quarter's deadline to the 10th of its last month.
  const shipped = { ...JRSNF_2023_25, fund: { deadlineDayOfQuarterLastMonth: 10 } };

  it('derives the deadline from a shipped pack sent with the rows, through the gate', async () => {
    const target = join(tempDir(), 'shipped.xlsx');
    const gate = gateWith(savingTo(target));
    const withPack = { ...request('2025-12-12'), policyPacks: [shipped] };
    const r = await gate.dispatch('policy:exportSubsidySheet', withPack, sender);
    expect(r).toMatchObject({ ok: true, value: { status: 'saved', deadline: '2025-12-10' } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(target);
    const text = JSON.stringify(wb.getWorksheet(CLAIMABLE_SHEET)?.getSheetValues());
    expect(text).toContain('2025-12-10');
  });

  it('refuses a malformed pack before any dialog opens', async () => {
    const dialogs = savingTo(join(tempDir(), 'x.xlsx'));
    const gate = gateWith(dialogs);
    const bad = {
      ...request(),
      policyPacks: [{ ...shipped, fund: { deadlineDayOfQuarterLastMonth: 40 } }],
    };
    const r = await gate.dispatch('policy:exportSubsidySheet', bad, sender);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(dialogs.asked).toHaveLength(0);
  });

  it('gives the screen the same deadline when it builds the sheet with the same packs', () => {
    const a = makeClass({ id: 'A', trainees: 2 });
    const screen = buildQuarterSheet(
      evaluate(
        a,
        cleanAudit(
          a,
          withOutcomes(a, () => true),
        ),
      ),
      {
        quarter: '2025Q4',
        packs: packsWithShipped([shipped]),
      },
    );
    expect(screen.ok && screen.sheet.deadline).toBe('2025-12-10');
  });
});
