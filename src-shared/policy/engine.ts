// The policy engine: records + auditor inputs in, findings and subsidy figures out. Pure: the
// evaluation date is an argument, nothing is read from the clock or the disk.
import type { PackageFile, PackageRecords, ProgramCode } from '../records/records';
import { buildIndex, ClassContext, emptyTraineeState, type TraineeVerdict } from './context';
import type { Finding, OutcomeSource } from './findings';
import type { PolicyInputs } from './inputs';
import { BUILTIN_PACKS } from './pack-jrsnf-2023-25';
import { selectPack, type PolicyPack } from './pack';
import { RULES, type RuleGroup } from './registry';
import { neededPack } from './rules/class';

export interface EvaluateOptions {
  /** Evaluation day, YYYY-MM-DD (Asia/Shanghai); decides e.g. whether 6 months have passed. */
  asOf: string;
  packs?: readonly PolicyPack[];
  inputs?: PolicyInputs;
  /** Manifest file records, for durations and kinds of videos, clips and course packages. */
  files?: readonly PackageFile[];
}

/** not-applicable: no policy pack was in force on the class's start date (no pack, no claim). */
export type TraineeStatus = 'eligible' | 'pending' | 'ineligible' | 'not-applicable';

export interface TraineeResult {
  traineeId: string;
  name: string;
  status: TraineeStatus;
  /** Training subsidy claimable now (元). */
  trainingYuan: number;
  /** Practice-guidance subsidy claimable now (元). */
  practiceYuan: number;
  /** What would be claimable once every 待核查 item passes. */
  potentialYuan: number;
  /** Out of every pack's period only: what the reference pack would give — 参考, never claimable. */
  referenceYuan?: number;
  /** Where the outcome was read from (平台记录 / 本地评审组决定 / 核查录入); undefined = none yet. */
  outcomeSource?: OutcomeSource;
  /** The platform's certificate number and a local fail disagree: a person must resolve it. */
  outcomeConflict: boolean;
  practiceQualifiesOn?: string;
  creditedHours: number;
  /** As assigned by the management platform, when it has. */
  certificateNumber?: string;
  /** Class errors that withhold this trainee's subsidy. */
  blockedBy: string[];
  reasons: Finding[];
}

export interface Totals {
  trainees: number;
  eligible: number;
  pending: number;
  ineligible: number;
  notApplicable: number;
  trainingYuan: number;
  practiceYuan: number;
  totalYuan: number;
  potentialYuan: number;
  errors: number;
  warnings: number;
  pendingChecks: number;
}

export interface ClassResult {
  classId: string;
  className: string;
  organizerId: string;
  district: string;
  program: ProgramCode;
  startDate: string;
  endDate: string;
  packId: string;
  /** What people call the pack: its notice's document number (京人社能发〔2023〕25号). */
  packName: string;
  packInForce: boolean;
  /** Set when no pack is in force: which pack the class needs; everything else is 参考. */
  neededPack?: string;
  /** counted = filed less offline hours without a proving clip (R-OFFLINE-CLIP). */
  hours: {
    filed: number;
    counted: number;
    recorded: number;
    live: number;
    offline: number;
  };
  /** Class-level findings grouped by rule group. */
  findings: Partial<Record<RuleGroup, Finding[]>>;
  trainees: TraineeResult[];
  totals: Totals;
}

export interface OrganizerResult {
  organizerId: string;
  name: string;
  district: string;
  classIds: string[];
  findings: Finding[];
  totals: Totals;
}

export interface PackageEvaluation {
  asOf: string;
  classes: ClassResult[];
  organizers: OrganizerResult[];
  totals: Totals;
}

const NONE: readonly Finding[] = Object.freeze([]);
const classRules = RULES.filter((r) => r.classCheck);
const checkRules = RULES.filter((r) => r.traineeCheck && !r.subsidy);
const subsidyRules = RULES.filter((r) => r.traineeCheck && r.subsidy);
const organizerRules = RULES.filter((r) => r.organizerCheck);
const GROUP_OF = new Map(RULES.map((r) => [r.id, r.group]));

const emptyTotals = (): Totals => ({
  trainees: 0,
  eligible: 0,
  pending: 0,
  ineligible: 0,
  notApplicable: 0,
  trainingYuan: 0,
  practiceYuan: 0,
  totalYuan: 0,
  potentialYuan: 0,
  errors: 0,
  warnings: 0,
  pendingChecks: 0,
});

function addTotals(into: Totals, from: Totals): void {
  for (const k of Object.keys(into) as (keyof Totals)[]) into[k] += from[k];
}

function countFinding(t: Totals, f: Finding): void {
  if (f.severity === 'error') t.errors++;
  else if (f.severity === 'warning') t.warnings++;
  if (f.status === 'pending') t.pendingChecks++;
}

/** A subsidy finding of a class outside every pack, relabelled: 不适用, amount for reference only. */
function asReference(f: Finding): Finding {
  const { amountYuan, ...rest } = f;
  return {
    ...rest,
    status: 'not-applicable',
    severity: 'info',
    message: `不适用（无有效政策包）；参考：${f.message}`,
    facts: `${amountYuan !== undefined ? `参考金额 ${amountYuan} 元，不可申领；` : ''}${f.facts}`,
  };
}

function evaluateClass(ctx: ClassContext): ClassResult {
  const cls = ctx.cls;
  const totals = emptyTotals();
  const grouped: Partial<Record<RuleGroup, Finding[]>> = {};
  const classErrors: Finding[] = [];
  for (const r of classRules) {
    for (const f of r.classCheck!(ctx)) {
      const g = GROUP_OF.get(f.ruleId)!;
      (grouped[g] ??= []).push(f);
      countFinding(totals, f);
      if (f.severity === 'error') classErrors.push(f);
    }
  }
  const blockedBy = [...new Set(classErrors.map((f) => f.ruleId))];
  const trainees: TraineeResult[] = [];
  const t = emptyTraineeState();
  const reference = !ctx.packInForce;
  const verdict: TraineeVerdict = { blocking: classErrors, pending: NONE };
  for (const id of cls.traineeIds) {
    ctx.loadTrainee(t, id);
    const reasons: Finding[] = [];
    // Copy-on-write: most trainees add nothing, so they share the class's arrays.
    verdict.blocking = classErrors;
    verdict.pending = NONE;
    for (const r of checkRules) {
      const f = r.traineeCheck!(ctx, t, verdict);
      if (!f) continue;
      reasons.push(f);
      if (f.severity === 'error') verdict.blocking = [...verdict.blocking, f];
      else if (f.status === 'pending') verdict.pending = [...verdict.pending, f];
    }
    let trainingYuan = 0;
    let practiceYuan = 0;
    let potentialYuan = 0;
    let practiceQualifiesOn: string | undefined;
    for (const r of subsidyRules) {
      const f = r.traineeCheck!(ctx, t, verdict);
      if (!f) continue;
      reasons.push(f);
      const yuan = f.amountYuan ?? 0;
      const isPractice = f.ruleId === 'R-SUBSIDY-PRACTICE';
      if (isPractice && f.qualifiesOn) practiceQualifiesOn = f.qualifiesOn;
      if (f.status === 'pass') {
        if (isPractice) practiceYuan += yuan;
        else trainingYuan += yuan;
        potentialYuan += yuan;
      } else if (f.status === 'pending') potentialYuan += yuan;
    }
    let referenceYuan: number | undefined;
    if (reference) {
      // No pack, no claim: the preview's amounts are shown as 参考 and never add up to a claim.
      referenceYuan = potentialYuan;
      trainingYuan = practiceYuan = potentialYuan = 0;
      for (let i = 0; i < reasons.length; i++) {
        const f = reasons[i]!;
        if (f.ruleId.startsWith('R-SUBSIDY')) reasons[i] = asReference(f);
      }
    }
    for (const f of reasons) countFinding(totals, f);
    const status: TraineeStatus = reference
      ? 'not-applicable'
      : verdict.blocking.length
        ? 'ineligible'
        : verdict.pending.length
          ? 'pending'
          : 'eligible';
    totals.trainees++;
    totals[status === 'not-applicable' ? 'notApplicable' : status]++;
    totals.trainingYuan += trainingYuan;
    totals.practiceYuan += practiceYuan;
    totals.potentialYuan += potentialYuan;
    const result: TraineeResult = {
      traineeId: t.id,
      name: t.trainee?.name ?? t.id,
      status,
      trainingYuan,
      practiceYuan,
      potentialYuan,
      creditedHours: t.creditedMinutes / ctx.pack.minutesPerHour,
      blockedBy,
      reasons,
      // Always present (possibly undefined) so every result has one shape.
      practiceQualifiesOn,
      certificateNumber: ctx.certNumbers.get(t.id)?.number,
      outcomeSource: t.source,
      outcomeConflict: t.conflict !== undefined,
    };
    if (referenceYuan !== undefined) result.referenceYuan = referenceYuan;
    trainees.push(result);
  }
  totals.totalYuan = totals.trainingYuan + totals.practiceYuan;
  const per = ctx.pack.minutesPerHour;
  return {
    classId: cls.id,
    className: cls.name,
    organizerId: cls.organizerId,
    district: cls.district,
    program: cls.program,
    startDate: cls.startDate,
    endDate: cls.endDate,
    packId: ctx.pack.id,
    packName: ctx.pack.issuingDocument.number,
    packInForce: ctx.packInForce,
    ...(reference ? { neededPack: neededPack(cls.startDate) } : {}),
    hours: {
      filed: ctx.minutes.total / per,
      counted: ctx.countedMinutes / per,
      recorded: ctx.minutes.recorded / per,
      live: ctx.minutes.live / per,
      offline: ctx.minutes.offline / per,
    },
    findings: grouped,
    trainees,
    totals,
  };
}

export function evaluatePackage(
  records: PackageRecords,
  options: EvaluateOptions,
): PackageEvaluation {
  const packs = options.packs && options.packs.length ? options.packs : BUILTIN_PACKS;
  const inputs = options.inputs ?? {};
  const index = buildIndex(records, inputs, options.files);
  const classes: ClassResult[] = [];
  const byOrganizer = new Map<
    string,
    { results: ClassResult[]; pack: PolicyPack; latest: string }
  >();
  for (const cls of records.classes) {
    const choice = selectPack(packs, cls.startDate);
    const result = evaluateClass(
      new ClassContext(cls, choice.pack, choice.inForce, index, inputs, options.asOf),
    );
    classes.push(result);
    const o = byOrganizer.get(cls.organizerId);
    if (!o)
      byOrganizer.set(cls.organizerId, {
        results: [result],
        pack: choice.pack,
        latest: cls.startDate,
      });
    else {
      o.results.push(result);
      if (cls.startDate > o.latest) Object.assign(o, { pack: choice.pack, latest: cls.startDate });
    }
  }
  const organizers: OrganizerResult[] = [];
  const totals = emptyTotals();
  for (const [organizerId, o] of byOrganizer) {
    const classFindings = o.results.flatMap((r) => Object.values(r.findings).flat());
    const findings = organizerRules.flatMap((r) =>
      r.organizerCheck!({ organizerId, pack: o.pack, classFindings, inputs }),
    );
    const t = emptyTotals();
    for (const r of o.results) addTotals(t, r.totals);
    for (const f of findings) countFinding(t, f);
    const org = index.organizers.get(organizerId);
    organizers.push({
      organizerId,
      name: org?.name ?? organizerId,
      district: org?.district ?? '',
      classIds: o.results.map((r) => r.classId),
      findings,
      totals: t,
    });
    addTotals(totals, t);
  }
  return { asOf: options.asOf, classes, organizers, totals };
}

/** The class errors behind `blockedBy` ids (the first finding of each rule). */
export function blockingFindings(c: ClassResult, ids: readonly string[]): Finding[] {
  const all = Object.values(c.findings).flat();
  return ids.flatMap((id) => all.find((f) => f.ruleId === id) ?? []);
}

/** The class errors that withhold every trainee's subsidy, by their titles from the pack. */
export function blockedByTitles(c: ClassResult, ids: readonly string[]): string[] {
  return blockingFindings(c, ids).map((f) => f.title);
}
