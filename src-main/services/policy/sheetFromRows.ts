// Turns the rows the renderer sends into the QuarterSheet subsidySheet.ts writes. The rows are
// the renderer's engine result; everything else in the workbook — quarter name, deadline
// (R-FUND-DEADLINE), programme names, totals — is derived here, so a page cannot print a
// deadline or a total that does not follow from the pack and the rows.
import type { ExportSheetRequest, SheetRowWire } from '../../../src-shared/ipc/policy';
import {
  parseQuarter,
  quarterDeadline,
  quarterRange,
  quarterZh,
} from '../../../src-shared/policy/dates';
import { BUILTIN_PACKS } from '../../../src-shared/policy/pack-jrsnf-2023-25';
import { selectPack, type PolicyPack } from '../../../src-shared/policy/pack';
import {
  sheetTotals,
  type QuarterSheet,
  type SheetRow,
} from '../../../src-shared/policy/quarterSheet';
import { fundDeadline } from '../../../src-shared/policy/rules/subsidy';

export type SheetBuild =
  { ok: true; sheet: QuarterSheet } | { ok: false; error: { code: string; message: string } };

export function sheetFromRows(
  req: ExportSheetRequest,
  packs: readonly PolicyPack[] = BUILTIN_PACKS,
): SheetBuild {
  const q = parseQuarter(req.quarter);
  if (!q)
    return {
      ok: false,
      error: { code: 'sheet/quarter', message: `季度「${req.quarter}」格式不对，应为如 2025Q4` },
    };
  // The same pack choice as buildQuarterSheet: the one in force on the quarter's last day.
  const pack = selectPack(packs, quarterRange(q).to).pack;
  const toRow = (r: SheetRowWire): SheetRow => ({
    ...r,
    programName: pack.programs[r.program].name,
  });
  const claimable = req.claimable.map(toRow);
  const unclaimable = req.unclaimable.map(toRow);
  return {
    ok: true,
    sheet: {
      quarter: req.quarter,
      quarterZh: quarterZh(q),
      district: req.district,
      deadline: quarterDeadline(q, pack.fund.deadlineDayOfQuarterLastMonth),
      deadlineFinding: fundDeadline.quarterCheck!({
        pack,
        quarter: q,
        requestDate: req.requestDate,
      }),
      claimable,
      unclaimable,
      notApplicable: req.notApplicable ?? [],
      totals: sheetTotals(claimable, unclaimable),
    },
  };
}
