// What the 合规检查 screen shows, computed from the engine's result without React: findings
// grouped by severity (identical trainee findings folded into one line), the rule filter,
// organizer totals and the quarters a subsidy sheet can be drawn for. Pure, so it is tested
// in Node and the components only lay it out.
import type {
  ClassResult,
  OrganizerResult,
  PackageEvaluation,
  TraineeResult,
  Totals,
} from '../../../src-shared/policy/engine';
import type { Finding, FindingStatus, Severity } from '../../../src-shared/policy/findings';
import {
  parseQuarter,
  quarterLabel,
  quarterOf,
  quarterRange,
} from '../../../src-shared/policy/dates';
import { RULE_IDS, type RuleId } from '../../../src-shared/policy/ruleIds';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** Within a severity: problems first, then what still needs input, then the rest. */
const STATUS_RANK: Record<FindingStatus, number> = {
  fail: 0,
  pending: 1,
  pass: 2,
  'not-applicable': 3,
};

const RULE_RANK = new Map<string, number>(RULE_IDS.map((id, i) => [id, i]));

export interface FindingLine {
  key: string;
  /** The first of the folded findings; its message/clause/quote stand for all of them. */
  finding: Finding;
  scope: 'class' | 'trainee';
  /** Trainees the line is about (trainee scope), in class order. */
  trainees: { id: string; name: string }[];
  /** Facts when they differ per trainee: one per trainee. */
  facts: string[];
}

export type SeverityGroups = Record<Severity, FindingLine[]>;

function compareLines(a: FindingLine, b: FindingLine): number {
  return (
    STATUS_RANK[a.finding.status] - STATUS_RANK[b.finding.status] ||
    (RULE_RANK.get(a.finding.ruleId) ?? 0) - (RULE_RANK.get(b.finding.ruleId) ?? 0) ||
    (a.scope === b.scope ? 0 : a.scope === 'class' ? -1 : 1)
  );
}

/** Every class-level finding, in the engine's group order. */
export function classLevelFindings(c: ClassResult): Finding[] {
  return Object.values(c.findings).flat();
}

/**
 * All findings of a class as lines, grouped by severity. A trainee finding that reads the same
 * for many trainees (e.g. 待核查：成果评审结果未录入 for 30 of them) becomes one line listing them.
 */
export function classFindingLines(c: ClassResult, rule?: RuleId | null): SeverityGroups {
  const groups: SeverityGroups = { error: [], warning: [], info: [] };
  const keep = (f: Finding) => !rule || f.ruleId === rule;
  classLevelFindings(c).forEach((f, i) => {
    if (!keep(f)) return;
    groups[f.severity].push({
      key: `c:${i}`,
      finding: f,
      scope: 'class',
      trainees: [],
      facts: [f.facts],
    });
  });
  const folded = new Map<string, FindingLine>();
  for (const t of c.trainees) {
    for (const f of t.reasons) {
      if (!keep(f)) continue;
      const key = `t:${f.ruleId}|${f.severity}|${f.status}|${f.message}`;
      let line = folded.get(key);
      if (!line) {
        line = { key, finding: f, scope: 'trainee', trainees: [], facts: [] };
        folded.set(key, line);
        groups[f.severity].push(line);
      }
      line.trainees.push({ id: t.traineeId, name: t.name });
      if (!line.facts.includes(f.facts)) line.facts.push(f.facts);
    }
  }
  for (const s of SEVERITIES) groups[s].sort(compareLines);
  return groups;
}

export function countLines(g: SeverityGroups): number {
  return g.error.length + g.warning.length + g.info.length;
}

/** A finding that asks for action: a failure of any severity, or a 待核查. */
export function isIssue(f: Finding): boolean {
  return f.status === 'fail' || f.status === 'pending';
}

export interface RuleOption {
  ruleId: RuleId;
  /** The rule's name from the policy pack (as its findings carry it). */
  title: string;
  /** Issues (fail/pending) of this rule across the package, class and trainee level. */
  issues: number;
}

/** The rules that occur in the evaluation, in reading order, with their issue counts. */
export function ruleOptions(e: PackageEvaluation): RuleOption[] {
  const counts = new Map<RuleId, number>();
  const titles = new Map<RuleId, string>();
  const see = (f: Finding) => {
    counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + (isIssue(f) ? 1 : 0));
    titles.set(f.ruleId, f.title);
  };
  for (const c of e.classes) {
    classLevelFindings(c).forEach(see);
    for (const t of c.trainees) t.reasons.forEach(see);
  }
  for (const o of e.organizers) o.findings.forEach(see);
  return RULE_IDS.filter((id) => counts.has(id)).map((ruleId) => ({
    ruleId,
    title: titles.get(ruleId) ?? ruleId,
    issues: counts.get(ruleId)!,
  }));
}

/** Issues of a class (for the class list's badges), optionally only those of one rule. */
export function classIssueCounts(
  c: ClassResult,
  rule?: RuleId | null,
): { errors: number; warnings: number; pending: number } {
  const out = { errors: 0, warnings: 0, pending: 0 };
  const see = (f: Finding) => {
    if (rule && f.ruleId !== rule) return;
    if (f.status === 'fail' && f.severity === 'error') out.errors++;
    else if (f.status === 'fail' && f.severity === 'warning') out.warnings++;
    else if (f.status === 'pending') out.pending++;
  };
  classLevelFindings(c).forEach(see);
  for (const t of c.trainees) t.reasons.forEach(see);
  return out;
}

/** Trainees a rule touches: their own finding of it is not a pass, or the class error blocks them. */
export function traineesForRule(c: ClassResult, rule?: RuleId | null): TraineeResult[] {
  if (!rule) return c.trainees;
  return c.trainees.filter(
    (t) => t.blockedBy.includes(rule) || t.reasons.some((f) => f.ruleId === rule && isIssue(f)),
  );
}

/** A class not started on the evaluation day is shown as a plan review (开班前计划审核). */
export function isPlanReview(c: ClassResult, asOf: string): boolean {
  return c.startDate > asOf;
}

/** Classes in the order a reviewer walks them: by start date, then id. */
export function sortedClasses(e: PackageEvaluation): ClassResult[] {
  return [...e.classes].sort(
    (a, b) =>
      a.startDate.localeCompare(b.startDate) ||
      (a.classId < b.classId ? -1 : a.classId > b.classId ? 1 : 0),
  );
}

export interface OrganizerRow {
  organizerId: string;
  name: string;
  district: string;
  classes: number;
  totals: Totals;
}

/** Per organizer: the engine's totals (which include its exit-ground findings). */
export function organizerRows(e: PackageEvaluation): OrganizerRow[] {
  return e.organizers
    .map((o: OrganizerResult) => ({
      organizerId: o.organizerId,
      name: o.name,
      district: o.district,
      classes: o.classIds.length,
      totals: o.totals,
    }))
    .sort(
      (a, b) =>
        a.district.localeCompare(b.district, 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN'),
    );
}

/**
 * Quarters a sheet can be drawn for: those in which a class ended (training subsidies) or a
 * practice subsidy's 6-month condition was met, newest first.
 */
export function sheetQuarters(e: PackageEvaluation): string[] {
  const qs = new Set<string>();
  for (const c of e.classes) {
    qs.add(quarterLabel(quarterOf(c.endDate)));
    for (const t of c.trainees)
      if (t.practiceQualifiesOn) qs.add(quarterLabel(quarterOf(t.practiceQualifiesOn)));
  }
  return [...qs].sort().reverse();
}

/** The quarter to open with: the newest one that has begun by the evaluation day. */
export function defaultQuarter(quarters: readonly string[], asOf: string): string {
  const current = quarterLabel(quarterOf(asOf));
  return quarters.find((q) => q <= current) ?? quarters[quarters.length - 1] ?? current;
}

/** Districts of the classes, for the sheet's district choice. */
export function districtsOf(e: PackageEvaluation): string[] {
  return [...new Set(e.classes.map((c) => c.district))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
}

/** YYYY-MM-DD range of a quarter label, for display. */
export function quarterSpan(q: string): { from: string; to: string } | undefined {
  const parsed = parseQuarter(q);
  return parsed ? quarterRange(parsed) : undefined;
}

/** A real calendar day written YYYY-MM-DD (2025-02-30 is not one, though Date.parse accepts it). */
export function isCalendarDay(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}
