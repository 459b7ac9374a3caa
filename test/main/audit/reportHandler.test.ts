import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditHandlers } from '../../../src-main/ipc/audit';
import { auditChannels } from '../../../src-shared/ipc/audit';
import { pinProfileKind } from '../../../src-main/services/packages/profileKinds';
import { DEMO_DOCUMENT_NOTICE } from '../../../src-shared/profiles/demoMark';
import { makeAuditReportData } from '../../fixtures/auditReportData';
import { readZip } from '../demo/zip';
import { caller, expectOk, makeContext } from '../keys/handlerContext';

const request = () => ({ ...makeAuditReportData(), profileId: 'p-auditor' });

describe('audit:saveReportDocx', () => {
  it('writes the 抽查报告 where the auditor chose, with .docx added, and names it after the class', async () => {
    const ctx = await makeContext();
    const call = caller({ audit: auditChannels }, { audit: auditHandlers(ctx) });
    ctx.dialogs.answerNextSave(path.join(ctx.tmp, 'report'));
    const r = expectOk(await call<{ path: string }>('audit:saveReportDocx', request()));
    expect(r.path).toBe(path.join(ctx.tmp, 'report.docx'));
    expect(readFileSync(r.path).subarray(0, 2).toString('latin1')).toBe('PK');
    expect(ctx.dialogs.asked[0]!.defaultName).toBe('抽查报告_创业启航基础班第1期_2026-12-03.docx');
  });

  it('writes nothing when the dialog is cancelled, and refuses data that is not a report', async () => {
    const ctx = await makeContext();
    const call = caller({ audit: auditChannels }, { audit: auditHandlers(ctx) });
    expect(expectOk(await call('audit:saveReportDocx', request()))).toEqual({
      path: null,
    });
    const bad = { ...request(), classId: '../x' };
    const r = await call('audit:saveReportDocx', bad);
    expect(r.ok).toBe(false);
    expect(existsSync(path.join(ctx.tmp, 'report.docx'))).toBe(false);
  });

  it('marks a demo profile’s report in its file name, title and the header of every page', async () => {
    for (const demo of [true, false]) {
      const ctx = await makeContext();
      await pinProfileKind(path.join(ctx.userDataDir, 'keys'), 'p-auditor', demo);
      const call = caller({ audit: auditChannels }, { audit: auditHandlers(ctx) });
      ctx.dialogs.answerNextSave(path.join(ctx.tmp, 'report.docx'));
      const r = expectOk(await call<{ path: string }>('audit:saveReportDocx', request()));
      const entries = await readZip(readFileSync(r.path));
      const xml = [...entries]
        .filter(([n]) => n.startsWith('word/'))
        .map(([, b]) => b.toString('utf8'))
        .join('');
      const name = ctx.dialogs.asked[0]!.defaultName ?? '';
      if (demo) {
        expect(name).toBe('演示-抽查报告_创业启航基础班第1期_2026-12-03.docx');
        expect(xml).toContain(DEMO_DOCUMENT_NOTICE);
        expect(xml).toContain('【演示】');
      } else {
        expect(name).not.toContain('演示');
        expect(xml).not.toContain('演示');
      }
    }
  });
});
