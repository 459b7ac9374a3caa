import { describe, expect, test } from 'vitest';
import type { CoursePackageReview } from '../../../src-shared/policy/inputs';
import type { RuleId } from '../../../src-shared/policy/ruleIds';
import { classFinding, classFindings, cleanAudit, evaluateOne, makeClass } from './factories';

const H = 45;

function withReview(change: Partial<CoursePackageReview>) {
  const r = makeClass();
  const inputs = cleanAudit(r);
  inputs.coursePackages = inputs.coursePackages!.map((p, i) => (i === 0 ? { ...p, ...change } : p));
  return evaluateOne(r, inputs);
}

describe('R-PKG-45MIN', () => {
  test.each([
    [45 * 60, 'pass'],
    [45 * 60 - 1, 'fail'],
  ])('a course package of %i seconds → %s', (seconds, status) => {
    const r = makeClass({ minutes: { recorded: H, live: 39 * H } });
    r.files.find((f) => f.kind === 'course-package')!.durationSeconds = seconds;
    expect(classFindings(evaluateOne(r, cleanAudit(r)), 'R-PKG-45MIN')[0]!.status).toBe(status);
  });

  test('the duration the player measured wins over the manifest statement', () => {
    const r = makeClass({ minutes: { recorded: H, live: 39 * H } });
    const pkg = r.files.find((f) => f.kind === 'course-package')!;
    pkg.durationSeconds = 50 * 60;
    const inputs = cleanAudit(r);
    inputs.measuredSeconds = new Map([[pkg.id, 30 * 60]]);
    const f = classFindings(evaluateOne(r, inputs), 'R-PKG-45MIN')[0]!;
    expect(f.status).toBe('fail');
    expect(f.facts).toContain('30.0 分钟');
  });

  test('recorded hours beyond what the packages play are refused', () => {
    const r = makeClass();
    r.files.find((f) => f.id === 'C1-recorded-1-v')!.durationSeconds = 60 * 60;
    const fs = classFindings(evaluateOne(r, cleanAudit(r)), 'R-PKG-45MIN');
    expect(fs.some((f) => f.message.includes('超过课程包可计学时'))).toBe(true);
  });

  test('a recorded session with no package linked is an error', () => {
    const r = makeClass({ session: (s) => (s.id === 'C1-recorded-1' ? { videoFileIds: [] } : {}) });
    expect(
      classFindings(evaluateOne(r, cleanAudit(r)), 'R-PKG-45MIN').some((f) =>
        f.message.includes('未关联'),
      ),
    ).toBe(true);
  });

  test('an unknown duration is 待核查, and the reviewer may supply it', () => {
    const r = makeClass({ minutes: { recorded: H, live: 39 * H } });
    const pkg = r.files.find((f) => f.kind === 'course-package')!;
    delete pkg.durationSeconds;
    const inputs = cleanAudit(r);
    expect(
      classFindings(evaluateOne(r, { ...inputs, coursePackages: [] }), 'R-PKG-45MIN')[0]!.status,
    ).toBe('pending');
    inputs.coursePackages = [{ ...inputs.coursePackages![0]!, playMinutes: 50 }];
    expect(classFindings(evaluateOne(r, inputs), 'R-PKG-45MIN')[0]!.status).toBe('pass');
  });

  test('a class without recorded hours has nothing to check', () => {
    const r = makeClass({ minutes: { recorded: 0, live: 40 * H } });
    const res = evaluateOne(r, cleanAudit(r));
    for (const id of [
      'R-PKG-45MIN',
      'R-PKG-PARTS',
      'R-PKG-COPYRIGHT',
      'R-PKG-CONTENT',
      'R-PKG-AV',
    ] as const) {
      expect(classFinding(res, id).status).toBe('not-applicable');
    }
  });
});

describe('course package checklist (附件5)', () => {
  test.each([
    ['R-PKG-PARTS', { hasDirectory: false }, 'fail', 'error'],
    ['R-PKG-PARTS', { matchesPlan: false }, 'fail', 'error'],
    ['R-PKG-PARTS', { hasIntroduction: undefined }, 'pending', 'info'],
    ['R-PKG-COPYRIGHT', { copyrightProof: false }, 'fail', 'error'],
    ['R-PKG-COPYRIGHT', { copyrightProof: undefined }, 'pending', 'info'],
    ['R-PKG-CONTENT', { contentIssues: ['科学性错误'] }, 'fail', 'error'],
    ['R-PKG-CONTENT', { contentIssues: undefined }, 'pending', 'info'],
    ['R-PKG-AV', { avIssues: ['声画不同步'] }, 'fail', 'warning'],
    ['R-PKG-AV', { avIssues: undefined }, 'pending', 'info'],
  ] satisfies [RuleId, Partial<CoursePackageReview>, string, string][])(
    '%s with %j → %s (%s)',
    (id, change, status, severity) => {
      const f = classFinding(withReview(change), id);
      expect(f.status).toBe(status);
      expect(f.severity).toBe(severity);
    },
  );

  test('a fully reviewed package passes every checklist rule', () => {
    const res = withReview({});
    for (const id of ['R-PKG-PARTS', 'R-PKG-COPYRIGHT', 'R-PKG-CONTENT', 'R-PKG-AV'] as const)
      expect(classFinding(res, id).status).toBe('pass');
  });

  test('the problem found is quoted in the facts', () => {
    expect(
      classFinding(withReview({ contentIssues: ['科学性错误'] }), 'R-PKG-CONTENT').facts,
    ).toContain('科学性错误');
  });
});
