import { fail, ok } from '../../src-shared/ipc/result';
import type { QihangHandlers } from '../../src-shared/ipc/contract';
import { packsWithShipped } from '../../src-shared/policy/pack-jrsnf-2023-25';
import { sheetFromRows } from '../services/policy/sheetFromRows';
import { writeSubsidySheet } from '../services/policy/subsidySheet';
import { isDemoProfile } from '../services/packages/profileKinds';
import { exportNameFor } from '../services/profiles/exportName';
import type { MainContext } from './context';
import { keysDir } from './keyFiles';

export const XLSX_FILTER = { name: 'Excel 工作簿', extensions: ['xlsx'] };

function withXlsx(p: string): string {
  return p.toLowerCase().endsWith('.xlsx') ? p : `${p}.xlsx`;
}

export function policyHandlers(ctx: MainContext): QihangHandlers['policy'] {
  return {
    exportSubsidySheet: async (req) => {
      // Built before the dialog: a request that cannot become a sheet never asks for a path.
      const built = sheetFromRows(req, packsWithShipped(req.policyPacks));
      if (!built.ok) return fail(built.error.code, built.error.message, 'quarter');
      const sheet = built.sheet;
      // Main's own record of the profile decides the 演示 mark; the renderer has no say in it.
      const demo = await isDemoProfile(keysDir(ctx), req.profileId);
      const chosen = await ctx.dialogs.saveFile({
        title: `导出${sheet.quarterZh}补贴申领表`,
        defaultName: await exportNameFor(keysDir(ctx), req.profileId, {
          kind: 'subsidy-sheet',
          district: sheet.district,
          quarter: sheet.quarter,
        }),
        filters: [XLSX_FILTER],
      });
      if (chosen === null) return ok({ status: 'cancelled' as const });
      const target = withXlsx(chosen);
      const written = await writeSubsidySheet(sheet, target, { demo });
      if (!written.ok) return fail(written.error.code, written.error.message);
      return ok({
        status: 'saved' as const,
        path: target,
        deadline: sheet.deadline,
        claimableRows: sheet.totals.claimableRows,
        unclaimableRows: sheet.totals.unclaimableRows,
        claimableYuan: sheet.totals.claimableYuan,
        flaggedRows: built.flagged,
      });
    },
  };
}
