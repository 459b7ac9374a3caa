// Turns the rows the renderer sends into the QuarterSheet subsidySheet.ts writes. The rows are
// the renderer's engine result; everything else in the workbook — quarter name, deadline
// (R-FUND-DEADLINE), programme names, totals — comes from the frame buildQuarterSheet decides
// (quarterFrame, sheetOf), so a page cannot print a deadline or a total that does not follow
// from the pack and the rows.
import type { ExportSheetRequest, SheetRowWire } from '../../../src-shared/ipc/policy';
import { BUILTIN_PACKS } from '../../../src-shared/policy/pack-jrsnf-2023-25';
import type { PolicyPack } from '../../../src-shared/policy/pack';
import {
  quarterFrame,
  sheetOf,
  type QuarterSheet,
  type SheetRow,
} from '../../../src-shared/policy/quarterSheet';
import { hiddenCodes, markedText } from '../../../src-shared/records/visibleText';

/** A row held back because a name in it holds characters no cell should show as they are. */
export interface FlaggedRow {
  classId: string;
  traineeId: string;
  /** As the sheet shows it: each such character spelled ⟦U+XXXX⟧. */
  traineeName: string;
  /** Its 序号 in the 不可申领 sheet. */
  unclaimableRow: number;
  codes: string[];
}

export type SheetBuild =
  | { ok: true; sheet: QuarterSheet; flagged: FlaggedRow[] }
  | { ok: false; error: { code: string; message: string } };

/** Starts the reason of a row held back for its names; subsidySheet.ts colours such rows. */
export const NAME_FLAG = '【需核实】';

const NAME_FIELDS = [
  ['traineeName', '学员姓名'],
  ['className', '班级名称'],
  ['organizerName', '培训组织方名称'],
] as const;

/**
 * The names in a row with every invisible character spelled out, and a reason when there was
 * one. A NUL cannot be stored in an XLSX cell at all, and a bidi control would show the district
 * a name other than the one filed; one such name must not sink the whole quarter's sheet, nor
 * reach a fund request unnoticed. So the row is kept, spelled, and held back with the reason.
 */
function screenNames(r: SheetRow): { row: SheetRow; reason: string | null; codes: string[] } {
  const problems: string[] = [];
  const codes: string[] = [];
  for (const [field, label] of NAME_FIELDS) {
    const found = hiddenCodes(r[field]);
    if (!found.length) continue;
    problems.push(`${label}含不可见字符 ${found.join('、')}`);
    codes.push(...found);
  }
  if (!problems.length) return { row: r, reason: null, codes };
  return {
    row: {
      ...r,
      traineeName: markedText(r.traineeName),
      className: markedText(r.className),
      organizerName: markedText(r.organizerName),
    },
    reason: `${NAME_FLAG}${problems.join('；')}（表中以 ⟦U+XXXX⟧ 标出），与平台名单核对更正后再申领`,
    codes: [...new Set(codes)],
  };
}

export function sheetFromRows(
  req: ExportSheetRequest,
  packs: readonly PolicyPack[] = BUILTIN_PACKS,
): SheetBuild {
  const framed = quarterFrame(req.quarter, packs, req.requestDate);
  if (!framed.ok) return framed;
  const { pack } = framed.frame;
  const toRow = (r: SheetRowWire): SheetRow => ({
    ...r,
    programName: pack.programs[r.program].name,
    // A reason may quote a name from the package: spelled out, so it can neither break the
    // file nor read differently in Excel.
    reasons: r.reasons.map(markedText),
  });
  const claimable: SheetRow[] = [];
  const unclaimable: SheetRow[] = [];
  const flagged: FlaggedRow[] = [];
  const hold = (row: SheetRow, reason: string, codes: string[], wasReasons: string[]) => {
    unclaimable.push({ ...row, reasons: [reason, ...wasReasons] });
    flagged.push({
      classId: row.classId,
      traineeId: row.traineeId,
      traineeName: row.traineeName,
      unclaimableRow: unclaimable.length,
      codes,
    });
  };
  for (const wire of req.claimable) {
    const { row, reason, codes } = screenNames(toRow(wire));
    if (reason) hold(row, reason, codes, []);
    else claimable.push(row);
  }
  for (const wire of req.unclaimable) {
    const { row, reason, codes } = screenNames(toRow(wire));
    if (reason) hold(row, reason, codes, row.reasons);
    else unclaimable.push(row);
  }
  return {
    ok: true,
    sheet: sheetOf(framed.frame, {
      quarter: req.quarter,
      district: req.district,
      claimable,
      unclaimable,
      notApplicable: (req.notApplicable ?? []).map((c) => ({
        ...c,
        className: markedText(c.className),
      })),
    }),
    flagged,
  };
}
