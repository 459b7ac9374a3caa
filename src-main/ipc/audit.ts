import { auditReportDoc } from '../../src-shared/audit/auditReportDoc';
import type { QihangHandlers } from '../../src-shared/ipc/contract';
import { fail, ok } from '../../src-shared/ipc/result';
import { auditReportDocx } from '../services/documents/auditReportDocx';
import { writeFileAtomic } from '../common/atomicFile';
import { isDemoProfile } from '../services/packages/profileKinds';
import { exportNameFor } from '../services/profiles/exportName';
import type { MainContext } from './context';
import { keysDir } from './keyFiles';

const withExt = (p: string) => (p.toLowerCase().endsWith('.docx') ? p : `${p}.docx`);

export function auditHandlers(ctx: MainContext): QihangHandlers['audit'] {
  return {
    saveReportDocx: async ({ profileId, ...data }) => {
      // Main's own record of the profile decides the 演示 mark; the renderer has no say in it.
      const demo = await isDemoProfile(keysDir(ctx), profileId);
      // Built before the dialog: data that cannot become a document never asks for a path.
      let content: Uint8Array;
      try {
        content = await auditReportDocx(auditReportDoc(data), { demo });
      } catch (e) {
        return fail('audit/document-failed', `无法生成抽查报告：${(e as Error).message}`);
      }
      const chosen = await ctx.dialogs.saveFile({
        title: '保存抽查报告',
        defaultName: await exportNameFor(keysDir(ctx), profileId, {
          kind: 'audit-report',
          className: data.className || data.classId,
          date: data.date,
        }),
        filters: [{ name: 'Word 文档', extensions: ['docx'] }],
      });
      if (chosen === null) return ok({ path: null });
      const target = withExt(chosen);
      try {
        // Written beside the target and renamed: a failed write never leaves half a document.
        await writeFileAtomic(target, content, 0o644);
      } catch (e) {
        return fail('audit/write-failed', `无法写入 ${target}：${(e as Error).message}`);
      }
      return ok({ path: target });
    },
  };
}
