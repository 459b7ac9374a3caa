// Policy capability: the renderer runs the (pure) engine on its Dexie rows and sends the quarter
// sheet's rows; main asks where to save, recomputes everything that is not a row (deadline,
// programme names, totals) and writes the XLSX. Main alone touches the disk.
import { z } from 'zod';
import { programCode } from '../records/records';
import { isoDate, recordId } from '../wire/primitives';
import { policyPackSchema, type PolicyPack } from '../policy/pack';
import { channel } from './channel';

export const quarterCode = z
  .string()
  .regex(/^\d{4}Q[1-4]$/, '季度须写作如 2025Q4')
  .refine((q) => Number(q.slice(0, 4)) >= 2000 && Number(q.slice(0, 4)) <= 2100, '季度年份不合理');

/** A sheet's name text: one line, no control characters (they would corrupt a cell). */
const cellText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, '不能为空')
    .max(max, `不超过 ${max} 个字`)
    // eslint-disable-next-line no-control-regex
    .regex(/^[^\u0000-\u001f\u007f]*$/, '不能含控制字符');

/**
 * A name that came from the work package (organizer, class, trainee). It may hold characters a
 * cell cannot (a NUL): main spells them out and flags the row rather than refuse the whole
 * quarter's sheet for one bad name (sheetFromRows.ts).
 */
const recordCellText = (max: number) =>
  z.string().trim().min(1, '不能为空').max(max, `不超过 ${max} 个字`);

/** The same shape as SheetRow of quarterSheet.ts minus programName, which main derives. */
export const sheetRowWireSchema = z
  .object({
    organizerId: recordId,
    organizerName: recordCellText(200),
    classId: recordId,
    className: recordCellText(200),
    program: programCode,
    traineeId: recordId,
    traineeName: recordCellText(100),
    kind: z.enum(['training', 'practice']),
    /** Per trainee the notice pays at most a few thousand 元; anything huge is a bug. */
    amountYuan: z.number().finite().min(0).max(100_000),
    reasons: z.array(z.string().min(1).max(4000)).max(100),
  })
  .strict();
export type SheetRowWire = z.infer<typeof sheetRowWireSchema>;

export const excludedClassWireSchema = z
  .object({
    organizerId: recordId,
    classId: recordId,
    className: recordCellText(200),
    startDate: isoDate,
    neededPack: cellText(400),
  })
  .strict();

/** At most one row per class, trainee and kind across both lists. */
const MAX_ROWS = 50_000;

export const exportSheetRequestSchema = z
  .object({
    /** The open profile: main looks up whether it is a demo profile and marks the sheet. */
    profileId: recordId,
    quarter: quarterCode,
    /** '全部' or one district; printed in the sheet's header. */
    district: cellText(40),
    /** When the district sends the request; decides R-FUND-DEADLINE pass/fail. */
    requestDate: isoDate.optional(),
    claimable: z.array(sheetRowWireSchema).max(MAX_ROWS),
    unclaimable: z.array(sheetRowWireSchema).max(MAX_ROWS),
    /** Classes left out because no pack was in force (no pack, no claim): listed, never rows. */
    notApplicable: z.array(excludedClassWireSchema).max(MAX_ROWS).optional(),
    /**
     * The packs the current work package shipped (checked by main when it was imported). The
     * deadline follows them as the rows did; without them main uses its built-in packs.
     */
    policyPacks: z.array(policyPackSchema).max(16).optional(),
  })
  .strict()
  .superRefine((req, ctx) => {
    const seen = new Set<string>();
    for (const list of ['claimable', 'unclaimable'] as const) {
      req[list].forEach((r, i) => {
        const key = `${r.classId}\u0000${r.traineeId}\u0000${r.kind}`;
        if (seen.has(key))
          ctx.addIssue({
            code: 'custom',
            path: [list, i, 'traineeId'],
            message: `学员 ${r.traineeId} 在班级 ${r.classId} 的同一补贴出现了两次`,
          });
        seen.add(key);
        if (list === 'claimable' && r.reasons.length > 0)
          ctx.addIssue({
            code: 'custom',
            path: [list, i, 'reasons'],
            message: '可申领的行不应带不可申领原因',
          });
        if (list === 'claimable' && r.amountYuan <= 0)
          ctx.addIssue({
            code: 'custom',
            path: [list, i, 'amountYuan'],
            message: '可申领金额须大于 0',
          });
      });
    }
  });
export type ExportSheetRequest = z.infer<typeof exportSheetRequestSchema>;

export const exportSheetResultSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('saved'),
    path: z.string().min(1),
    deadline: isoDate,
    claimableRows: z.number().int().min(0),
    unclaimableRows: z.number().int().min(0),
    claimableYuan: z.number().min(0),
    /** Rows whose names held characters a sheet cannot show as they are: held back, named. */
    flaggedRows: z
      .array(
        z.object({
          classId: z.string(),
          traineeId: z.string(),
          /** The trainee's name as the sheet shows it (each such character as ⟦U+XXXX⟧). */
          traineeName: z.string(),
          /** The row's number in the 不可申领 sheet (its 序号). */
          unclaimableRow: z.number().int().min(1),
          codes: z.array(z.string()),
        }),
      )
      .max(100_000),
  }),
  /** The person closed the save dialog: nothing was written, the UI says nothing loud. */
  z.object({ status: z.literal('cancelled') }),
]);
export type ExportSheetResult = z.infer<typeof exportSheetResultSchema>;

export const policyChannels = {
  exportSubsidySheet: channel({
    summary:
      'Asks where to save and writes the quarter subsidy sheet (XLSX) from the rows the renderer computed; main derives deadline and totals.',
    request: exportSheetRequestSchema,
    response: exportSheetResultSchema,
  }),
};

/** The request for a sheet built by buildQuarterSheet in the renderer (programName dropped). */
export function exportRequestFromSheet(
  profileId: string,
  sheet: {
    quarter: string;
    district: string;
    claimable: readonly (SheetRowWire & { programName?: string })[];
    unclaimable: readonly (SheetRowWire & { programName?: string })[];
    notApplicable?: readonly z.infer<typeof excludedClassWireSchema>[];
  },
  requestDate?: string,
  policyPacks: readonly PolicyPack[] = [],
): ExportSheetRequest {
  const wire = ({ programName: _drop, ...r }: SheetRowWire & { programName?: string }) => ({
    ...r,
    reasons: [...r.reasons],
  });
  return {
    profileId,
    quarter: sheet.quarter,
    district: sheet.district,
    ...(requestDate ? { requestDate } : {}),
    claimable: sheet.claimable.map(wire),
    unclaimable: sheet.unclaimable.map(wire),
    ...(sheet.notApplicable?.length
      ? { notApplicable: sheet.notApplicable.map((c) => ({ ...c })) }
      : {}),
    ...(policyPacks.length > 0 ? { policyPacks: [...policyPacks] } : {}),
  };
}
