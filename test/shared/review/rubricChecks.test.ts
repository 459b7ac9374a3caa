// Point 10 of the expert review: rubrics may carry hard-fail checks and criteria that need
// their own comment when scored low; both are data from the package, enforced here.
import { describe, expect, it } from 'vitest';
import type { Rubric } from '../../../src-shared/records/records';
import { rubricSchema } from '../../../src-shared/records/records';
import { submissionStats } from '../../../src-shared/review/aggregate';
import { liveScore } from '../../../src-shared/review/liveScore';
import {
  effectiveVerdict,
  reviewFieldErrors,
  rubricIssues,
  totalOf,
} from '../../../src-shared/review/schema';

const rubric: Rubric = {
  id: 'rub-1',
  program: 'basic',
  submissionKind: 'business-plan',
  title: '创业计划书评审标准',
  passScore: 60,
  criteria: [
    { id: 'c-idea', label: '项目创意', maxScore: 20, commentBelow: 0.6 },
    { id: 'c-market', label: '市场分析', maxScore: 80 },
  ],
  hardFails: [
    { id: 'hf-copy', label: '抄袭' },
    { id: 'hf-ghost', label: '代写' },
  ],
};

function draft(over: Partial<Parameters<typeof rubricIssues>[0]> = {}) {
  const scores = over.scores ?? [
    { criterionId: 'c-idea', score: 18 },
    { criterionId: 'c-market', score: 70 },
  ];
  return {
    rubricId: 'rub-1',
    scores,
    total: totalOf(scores),
    verdict: 'pass' as const,
    ...over,
  };
}
const messages = (d: Parameters<typeof rubricIssues>[0]) =>
  rubricIssues(d, rubric).map((i) => i.message);

describe('hard-fail checks', () => {
  it('are additive rubric data: a rubric without them still parses', () => {
    const { hardFails: _h, ...plain } = rubric;
    expect(rubricSchema.parse(plain).hardFails).toBeUndefined();
    expect(rubricSchema.parse(rubric).hardFails).toHaveLength(2);
  });

  it('fail the outcome regardless of points: 88 of 100 with 抄袭 cannot pass', () => {
    const d = draft({ hardFails: [{ checkId: 'hf-copy', note: '第 3 至 5 页与他人计划书雷同' }] });
    expect(messages(d)).toEqual(['已勾选不合格项「抄袭」，结论只能是不通过']);
    expect(messages({ ...d, verdict: 'fail' })).toEqual([]);
    expect(liveScore(rubric, { 'c-idea': 18, 'c-market': 70 }, true).outcome).toBe('fail');
    expect(effectiveVerdict({ verdict: 'pass', hardFails: [{}] })).toBe('fail');
  });

  it('require a note, and name the check', () => {
    const d = draft({ verdict: 'fail', hardFails: [{ checkId: 'hf-ghost', note: '' }] });
    expect(messages(d)).toEqual(['已勾选不合格项「代写」，须写明依据（至少 5 个字）']);
    expect(reviewFieldErrors(rubricIssues(d, rubric))).toHaveProperty('hardFails.hf-ghost');
  });

  it('refuses a check the rubric does not have', () => {
    const d = draft({ verdict: 'fail', hardFails: [{ checkId: 'hf-x', note: '说明说明说明' }] });
    expect(messages(d)).toEqual(['评审标准中没有不合格项 hf-x']);
  });

  it('count as a fail in the panel statistics, whatever verdict the record carries', () => {
    const stats = submissionStats([
      { total: 90, verdict: 'pass', hardFails: [{ checkId: 'hf-copy' }] },
      { total: 85, verdict: 'pass' },
    ]);
    expect(stats).toMatchObject({ passCount: 1, failCount: 1, hardFailCount: 1 });
    expect(stats.disagreement).toContain('verdicts-differ');
  });
});

describe('criteria that need a comment when scored low', () => {
  it('ask for it below the stated fraction (11.5 of 20 is under 60 %)', () => {
    const scores = [
      { criterionId: 'c-idea', score: 11.5 },
      { criterionId: 'c-market', score: 70 },
    ];
    expect(messages(draft({ scores, total: totalOf(scores) }))).toEqual([
      '「项目创意」低于满分的 60%，须写明扣分理由（至少 5 个字）',
    ]);
    expect(liveScore(rubric, { 'c-idea': 11.5 }).commentNeeded).toEqual(['c-idea']);
  });

  it('not at the fraction itself (12 of 20)', () => {
    const scores = [
      { criterionId: 'c-idea', score: 12 },
      { criterionId: 'c-market', score: 70 },
    ];
    expect(messages(draft({ scores, total: totalOf(scores) }))).toEqual([]);
    expect(liveScore(rubric, { 'c-idea': 12 }).commentNeeded).toEqual([]);
  });

  it('accept the low score once the criterion has its comment', () => {
    const scores = [
      { criterionId: 'c-idea', score: 5 },
      { criterionId: 'c-market', score: 70 },
    ];
    const d = draft({
      scores,
      total: totalOf(scores),
      criterionComments: [{ criterionId: 'c-idea', comment: '创意与现有产品高度同质' }],
    });
    expect(messages(d)).toEqual([]);
  });
});

describe('the form errors of a refused review', () => {
  it('name the hard-fail check once, not also as a bare list error', () => {
    const errors = reviewFieldErrors([
      { path: ['hardFails', 0, 'note'], message: '不合格项说明至少 5 个字' },
      {
        path: ['hardFails', 'hf-copy'],
        message: '已勾选不合格项「抄袭」，须写明依据（至少 5 个字）',
      },
    ]);
    expect(errors).toEqual({
      'hardFails.hf-copy': '已勾选不合格项「抄袭」，须写明依据（至少 5 个字）',
    });
  });

  it('keep a list error that has nothing more specific beside it', () => {
    expect(reviewFieldErrors([{ path: ['scores', 0, 'score'], message: '分数不能为负' }])).toEqual({
      scores: '分数不能为负',
    });
  });
});
