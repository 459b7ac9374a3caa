import { describe, expect, it } from 'vitest';
import {
  classFindingLines,
  classIssueCounts,
  countLines,
  defaultQuarter,
  districtsOf,
  isCalendarDay,
  isPlanReview,
  organizerRows,
  ruleOptions,
  sheetQuarters,
  sortedClasses,
  traineesForRule,
} from '../../../src-renderer/features/compliance/viewModel';
import {
  cleanAudit,
  evaluate,
  makeClass,
  merge,
  withOutcomes,
} from '../../shared/policy/factories';

/**
 * A (ORG1, 朝阳区): 3 trainees, clean audit, A-T2 graduated too long ago (R-TARGET-GROUP).
 * B (ORG2, 海淀区): 41 trainees (R-CLASS-SIZE error), nothing audited (待核查 everywhere).
 * F (ORG1): starts after the evaluation day (plan review).
 */
function scenario() {
  const a = makeClass({
    id: 'A',
    trainees: 3,
    trainee: (i) =>
      i === 1
        ? {
            graduate: {
              school: '北京某大学',
              schoolInBeijing: true,
              beijingOrigin: false,
              level: 'university',
              graduationDate: '2020-07-01',
              employed: false,
            },
          }
        : {},
  });
  const b = makeClass({ id: 'B', trainees: 41, organizerId: 'ORG2', district: '海淀区' });
  const f = makeClass({ id: 'F', trainees: 2, startDate: '2026-03-02', endDate: '2026-04-10' });
  const all = merge(a, b, f);
  const audit = cleanAudit(
    all,
    withOutcomes(all, (id) => (id.startsWith('A') ? true : undefined)),
  );
  // Only class A is audited.
  for (const k of [
    'liveSampleMinutes',
    'liveScreening',
    'recordedChecks',
    'videoRetention',
  ] as const)
    for (const id of ['B', 'F']) audit[k]!.delete(id);
  return evaluate(all, audit, '2025-12-01');
}

const e = scenario();
const byId = (id: string) => e.classes.find((c) => c.classId === id)!;

describe('classFindingLines', () => {
  it('groups a class’s findings by severity, problems before passes', () => {
    const g = classFindingLines(byId('B'));
    expect(g.error.map((l) => l.finding.ruleId)).toContain('R-CLASS-SIZE');
    expect(g.error.every((l) => l.finding.severity === 'error')).toBe(true);
    expect(g.warning.every((l) => l.finding.severity === 'warning')).toBe(true);
    const ranks = g.info.map((l) =>
      ['fail', 'pending', 'pass', 'not-applicable'].indexOf(l.finding.status),
    );
    expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
    // Clause and quote travel with the line for the hover.
    const size = g.error.find((l) => l.finding.ruleId === 'R-CLASS-SIZE')!;
    expect(size.scope).toBe('class');
    expect(size.finding.clause).toMatch(/三（二）/);
    expect(size.finding.quote.length).toBeGreaterThan(10);
  });

  it('folds a trainee finding that reads the same for many trainees into one line naming them', () => {
    const g = classFindingLines(byId('B'));
    const outcome = g.info.filter((l) => l.finding.ruleId === 'R-OUTCOME-HOURS');
    expect(outcome).toHaveLength(1);
    expect(outcome[0]!.scope).toBe('trainee');
    expect(outcome[0]!.trainees).toHaveLength(41);
    expect(outcome[0]!.trainees[0]).toEqual({ id: 'B-T1', name: '学员B-T1' });
  });

  it('keeps a single trainee’s own problem as its own line with that trainee’s facts', () => {
    const g = classFindingLines(byId('A'));
    const target = g.error.filter((l) => l.finding.ruleId === 'R-TARGET-GROUP');
    expect(target).toHaveLength(1);
    expect(target[0]!.trainees.map((t) => t.id)).toEqual(['A-T2']);
    expect(target[0]!.facts[0]).toContain('2020-07-01');
  });

  it('narrows to one rule when filtered, and to nothing for a rule the class does not have', () => {
    const all = countLines(classFindingLines(byId('B')));
    const only = classFindingLines(byId('B'), 'R-CLASS-SIZE');
    expect(countLines(only)).toBe(1);
    expect(all).toBeGreaterThan(10);
    expect(countLines(classFindingLines(byId('B'), 'R-EXIT-3'))).toBe(0);
  });
});

describe('rule filter helpers', () => {
  it('offers the rules that occur, in reading order, with their issue counts', () => {
    const opts = ruleOptions(e);
    const ids = opts.map((o) => o.ruleId);
    expect(ids.indexOf('R-CLASS-SIZE')).toBeLessThan(ids.indexOf('R-TARGET-GROUP'));
    expect(opts.find((o) => o.ruleId === 'R-CLASS-SIZE')!.issues).toBe(1);
    expect(opts.find((o) => o.ruleId === 'R-TARGET-GROUP')!.issues).toBe(1);
    expect(opts.find((o) => o.ruleId === 'R-VENUE')!.issues).toBe(0);
  });

  it('counts a class’s errors, warnings and 待核查 for the list badges, per rule when filtered', () => {
    expect(classIssueCounts(byId('B'), 'R-CLASS-SIZE')).toEqual({
      errors: 1,
      warnings: 0,
      pending: 0,
    });
    expect(classIssueCounts(byId('A'), 'R-CLASS-SIZE')).toEqual({
      errors: 0,
      warnings: 0,
      pending: 0,
    });
    expect(classIssueCounts(byId('B')).pending).toBeGreaterThan(41);
  });

  it('lists the trainees a rule touches: by their own finding or by the class error blocking them', () => {
    expect(traineesForRule(byId('A'), 'R-TARGET-GROUP').map((t) => t.traineeId)).toEqual(['A-T2']);
    expect(traineesForRule(byId('B'), 'R-CLASS-SIZE')).toHaveLength(41);
    expect(traineesForRule(byId('A'), 'R-CLASS-SIZE')).toHaveLength(0);
    expect(traineesForRule(byId('A'), null)).toHaveLength(3);
  });
});

describe('class list, totals and quarters', () => {
  it('marks a class that has not started on the evaluation day as a plan review', () => {
    expect(isPlanReview(byId('F'), e.asOf)).toBe(true);
    expect(isPlanReview(byId('A'), e.asOf)).toBe(false);
    expect(isPlanReview(byId('A'), '2025-10-09')).toBe(true);
    expect(isPlanReview(byId('A'), '2025-10-10')).toBe(false);
  });

  it('sorts classes by start date', () => {
    expect(sortedClasses(e).map((c) => c.classId)).toEqual(['A', 'B', 'F']);
  });

  it('totals per organizer add up its classes', () => {
    const rows = organizerRows(e);
    const org1 = rows.find((r) => r.organizerId === 'ORG1')!;
    expect(org1.classes).toBe(2);
    expect(org1.totals.trainees).toBe(5);
    // A-T1 and A-T3 are claimable: 2 × 1500 元.
    expect(org1.totals.trainingYuan).toBe(3000);
    expect(org1.totals.eligible).toBe(2);
    const org2 = rows.find((r) => r.organizerId === 'ORG2')!;
    expect(org2.totals).toMatchObject({ trainees: 41, ineligible: 41, totalYuan: 0 });
    expect(rows.reduce((s, r) => s + r.totals.trainees, 0)).toBe(e.totals.trainees);
  });

  it('offers the quarters in which classes ended, newest first, opening on the newest begun', () => {
    expect(sheetQuarters(e)).toEqual(['2026Q2', '2025Q4']);
    expect(defaultQuarter(sheetQuarters(e), '2025-12-01')).toBe('2025Q4');
    expect(defaultQuarter(sheetQuarters(e), '2026-05-01')).toBe('2026Q2');
    expect(defaultQuarter([], '2025-12-01')).toBe('2025Q4');
    expect(districtsOf(e)).toEqual(['朝阳区', '海淀区']);
  });
});

describe('isCalendarDay', () => {
  it('accepts real days and refuses half-typed or impossible ones', () => {
    expect(isCalendarDay('2025-04-10')).toBe(true);
    expect(isCalendarDay('2024-02-29')).toBe(true);
    expect(isCalendarDay('2025-02-29')).toBe(false);
    expect(isCalendarDay('2025-02-30')).toBe(false);
    expect(isCalendarDay('2025-4-10')).toBe(false);
    expect(isCalendarDay('')).toBe(false);
  });
});
