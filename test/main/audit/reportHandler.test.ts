import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditHandlers } from '../../../src-main/ipc/audit';
import { auditChannels } from '../../../src-shared/ipc/audit';
import { makeAuditReportData } from '../../fixtures/auditReportData';
import { caller, expectOk, makeContext } from '../keys/handlerContext';

describe('audit:saveReportDocx', () => {
  it('writes the 抽查报告 where the auditor chose, with .docx added, and names it after the class', async () => {
    const ctx = await makeContext();
    const call = caller({ audit: auditChannels }, { audit: auditHandlers(ctx) });
    ctx.dialogs.answerNextSave(path.join(ctx.tmp, 'report'));
    const r = expectOk(await call<{ path: string }>('audit:saveReportDocx', makeAuditReportData()));
    expect(r.path).toBe(path.join(ctx.tmp, 'report.docx'));
    expect(readFileSync(r.path).subarray(0, 2).toString('latin1')).toBe('PK');
    expect(ctx.dialogs.asked[0]!.defaultName).toBe('C-2025-HD-B01-抽查报告-2026-12-03.docx');
  });

  it('writes nothing when the dialog is cancelled, and refuses data that is not a report', async () => {
    const ctx = await makeContext();
    const call = caller({ audit: auditChannels }, { audit: auditHandlers(ctx) });
    expect(expectOk(await call('audit:saveReportDocx', makeAuditReportData()))).toEqual({
      path: null,
    });
    const bad = { ...makeAuditReportData(), classId: '../x' };
    const r = await call('audit:saveReportDocx', bad);
    expect(r.ok).toBe(false);
    expect(existsSync(path.join(ctx.tmp, 'report.docx'))).toBe(false);
  });
});
