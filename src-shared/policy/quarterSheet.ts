// The quarter's fund request (用款申请) as data: which trainees can be claimed, which cannot
// and why, and the day the district must send it (R-FUND-DEADLINE). Training subsidies belong
// to the quarter in which the class ended; a practice subsidy to the quarter in which its
// 6-month condition was met, so no subsidy appears in two quarters.
import type { ProgramCode } from '../records/records';
import { parseQuarter, quarterDeadline, quarterRange, quarterZh, type Quarter } from './dates';
import {
  blockingFindings,
  type ClassResult,
  type PackageEvaluation,
  type TraineeResult,
} from './engine';
import type { Finding } from './findings';
import { BUILTIN_PACKS } from './pack-jrsnf-2023-25';
import { selectPack, type PolicyPack } from './pack';
import { fundDeadline } from './rules/subsidy';

export type SheetKind = 'training' | 'practice';

export interface SheetRow {
  organizerId: string;
  organizerName: string;
  classId: string;
  className: string;
  program: ProgramCode;
  programName: string;
  traineeId: string;
  traineeName: string;
  kind: SheetKind;
  amountYuan: number;
  /** Why the row cannot be claimed (empty for claimable rows). */
  reasons: string[];
}

/** The sheet's totals (sheetOf counts them for both buildQuarterSheet and main's export). */
function sheetTotals(claimable: SheetRow[], unclaimable: SheetRow[]): QuarterSheet['totals'] {
  const sum = (kind: SheetRow['kind']) =>
    claimable.filter((r) => r.kind === kind).reduce((s, r) => s + r.amountYuan, 0);
  const trainingYuan = sum('training');
  const practiceYuan = sum('practice');
  return {
    claimableYuan: trainingYuan + practiceYuan,
    trainingYuan,
    practiceYuan,
    claimableRows: claimable.length,
    unclaimableRows: unclaimable.length,
  };
}

/** A class the sheet leaves out because no pack was in force when it started (no pack, no claim). */
export interface SheetExcludedClass {
  organizerId: string;
  classId: string;
  className: string;
  startDate: string;
  /** Which pack the class needs, in words. */
  neededPack: string;
}

export interface QuarterSheet {
  quarter: string;
  quarterZh: string;
  district: string;
  deadline: string;
  deadlineFinding: Finding;
  claimable: SheetRow[];
  unclaimable: SheetRow[];
  /** Not in the sheet at all: neither its preview amounts (参考) nor its trainees are rows. */
  notApplicable: SheetExcludedClass[];
  totals: {
    claimableYuan: number;
    trainingYuan: number;
    practiceYuan: number;
    claimableRows: number;
    unclaimableRows: number;
  };
}

export interface SheetOptions {
  quarter: string;
  /** Only classes of this district; all when omitted. */
  district?: string;
  requestDate?: string;
  packs?: readonly PolicyPack[];
  organizerNames?: ReadonlyMap<string, string>;
}

export type SheetResult =
  { ok: true; sheet: QuarterSheet } | { ok: false; error: { code: string; message: string } };

/**
 * What a quarter's sheet decides before any row: the pack in force on the quarter's last day,
 * its deadline and the deadline's finding. Main's export (sheetFromRows) takes the same frame,
 * so a page cannot print a deadline, a programme name or a total that does not follow from it.
 */
export interface QuarterFrame {
  quarter: Quarter;
  range: { from: string; to: string };
  pack: PolicyPack;
  deadline: string;
  deadlineFinding: Finding;
}

export function quarterFrame(
  quarter: string,
  packs: readonly PolicyPack[] | undefined,
  requestDate: string | undefined,
): { ok: true; frame: QuarterFrame } | { ok: false; error: { code: string; message: string } } {
  const q: Quarter | undefined = parseQuarter(quarter);
  if (!q)
    return {
      ok: false,
      error: { code: 'sheet/quarter', message: `季度「${quarter}」格式不对，应为如 2025Q4` },
    };
  const range = quarterRange(q);
  const pack = selectPack(packs?.length ? packs : BUILTIN_PACKS, range.to).pack;
  return {
    ok: true,
    frame: {
      quarter: q,
      range,
      pack,
      deadline: quarterDeadline(q, pack.fund.deadlineDayOfQuarterLastMonth),
      deadlineFinding: fundDeadline.quarterCheck!({ pack, quarter: q, requestDate }),
    },
  };
}

/** The sheet from its frame and its rows; the totals are counted here and nowhere else. */
export function sheetOf(
  frame: QuarterFrame,
  rows: {
    quarter: string;
    district: string;
    claimable: SheetRow[];
    unclaimable: SheetRow[];
    notApplicable: SheetExcludedClass[];
  },
): QuarterSheet {
  return {
    quarter: rows.quarter,
    quarterZh: quarterZh(frame.quarter),
    district: rows.district,
    deadline: frame.deadline,
    deadlineFinding: frame.deadlineFinding,
    claimable: rows.claimable,
    unclaimable: rows.unclaimable,
    notApplicable: rows.notApplicable,
    totals: sheetTotals(rows.claimable, rows.unclaimable),
  };
}

/** A reason as the sheet's reader needs it: the rule's name and clause first, its id last. */
export function reasonText(f: Finding): string {
  return `${f.title}（${f.clause}，${f.ruleId}）：${f.message}（${f.facts}）`;
}

function reasonsOf(
  c: ClassResult,
  t: TraineeResult,
  ruleFilter: (f: Finding) => boolean,
): string[] {
  const out: string[] = blockingFindings(c, t.blockedBy).map(
    (f) => `班级问题：${f.title}（${f.clause}，${f.ruleId}）`,
  );
  for (const f of t.reasons) {
    if (!ruleFilter(f)) continue;
    if (
      f.severity === 'error' ||
      f.status === 'pending' ||
      (f.status === 'fail' && f.ruleId.startsWith('R-SUBSIDY'))
    ) {
      out.push(reasonText(f));
    }
  }
  return out;
}

const notPractice = (f: Finding): boolean => f.ruleId !== 'R-SUBSIDY-PRACTICE';

export function buildQuarterSheet(
  evaluation: PackageEvaluation,
  options: SheetOptions,
): SheetResult {
  const framed = quarterFrame(options.quarter, options.packs, options.requestDate);
  if (!framed.ok) return framed;
  const { range, pack } = framed.frame;
  const inQuarter = (d: string | undefined): boolean =>
    d !== undefined && d >= range.from && d <= range.to;
  const programName = (c: ClassResult): string => pack.programs[c.program].name;
  const orgName = (id: string): string =>
    options.organizerNames?.get(id) ??
    evaluation.organizers.find((o) => o.organizerId === id)?.name ??
    id;
  const claimable: SheetRow[] = [];
  const unclaimable: SheetRow[] = [];
  const notApplicable: SheetExcludedClass[] = [];
  for (const c of evaluation.classes) {
    if (options.district && c.district !== options.district) continue;
    if (!c.packInForce) {
      if (inQuarter(c.endDate) || c.trainees.some((t) => inQuarter(t.practiceQualifiesOn)))
        notApplicable.push({
          organizerId: c.organizerId,
          classId: c.classId,
          className: c.className,
          startDate: c.startDate,
          neededPack: c.neededPack ?? '',
        });
      continue;
    }
    const base = {
      organizerId: c.organizerId,
      organizerName: orgName(c.organizerId),
      classId: c.classId,
      className: c.className,
      program: c.program,
      programName: programName(c),
    };
    const trainingHere = inQuarter(c.endDate);
    for (const t of c.trainees) {
      if (trainingHere) {
        const row: SheetRow = {
          ...base,
          traineeId: t.traineeId,
          traineeName: t.name,
          kind: 'training',
          amountYuan: 0,
          reasons: [],
        };
        if (t.status === 'eligible' && t.trainingYuan > 0)
          claimable.push({ ...row, amountYuan: t.trainingYuan });
        else {
          const training = t.reasons.find(
            (f) => f.ruleId.startsWith('R-SUBSIDY') && notPractice(f),
          );
          unclaimable.push({
            ...row,
            amountYuan: training?.amountYuan ?? 0,
            reasons: reasonsOf(c, t, notPractice),
          });
        }
      }
      const practice = t.reasons.find((f) => f.ruleId === 'R-SUBSIDY-PRACTICE');
      if (practice && inQuarter(practice.qualifiesOn)) {
        const row: SheetRow = {
          ...base,
          traineeId: t.traineeId,
          traineeName: t.name,
          kind: 'practice',
          amountYuan: 0,
          reasons: [],
        };
        if (practice.status === 'pass')
          claimable.push({ ...row, amountYuan: practice.amountYuan ?? 0 });
        else
          unclaimable.push({
            ...row,
            amountYuan: practice.amountYuan ?? 0,
            reasons: [reasonText(practice)],
          });
      }
    }
  }
  return {
    ok: true,
    sheet: sheetOf(framed.frame, {
      quarter: options.quarter,
      district: options.district ?? '全部',
      claimable,
      unclaimable,
      notApplicable,
    }),
  };
}
