import { describe, expect, it } from 'vitest';
import type { Rubric } from '../../../src-shared/records/records';
import { reviewSchemaFor, totalOf, type Review } from '../../../src-shared/review/schema';

const rubric: Rubric = {
  id: 'rub-1',
  program: 'elite-launch',
  submissionKind: 'strategy-plan',
  title: '专题战略规划评审标准',
  passScore: 70,
  criteria: [
    { id: 'c-a', label: '现状诊断', maxScore: 30 },
    { id: 'c-b', label: '战略目标与路径', maxScore: 70 },
  ],
};

function review(over: Partial<Review> = {}): Review {
  const scores = over.scores ?? [
    { criterionId: 'c-a', score: 25.5 },
    { criterionId: 'c-b', score: 50 },
  ];
  return {
    id: 'rv-1',
    assignmentId: 'asg-1',
    submissionId: 'sub-1',
    expertId: 'exp-1',
    profileId: 'p-1',
    rubricId: 'rub-1',
    scores,
    total: totalOf(scores),
    verdict: 'pass',
    comment: '规划清楚，路径可行。',
    noConflict: true,
    createdAt: '2025-04-01T10:00:00+08:00',
    ...over,
  };
}

const messages = (r: unknown) => {
  const parsed = reviewSchemaFor(rubric).safeParse(r);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
};

describe('a review checked against its rubric', () => {
  it('accepts a complete review with half points', () => {
    expect(messages(review())).toEqual([]);
    expect(review().total).toBe(75.5);
  });

  it('refuses a duplicated criterion, an unknown one and a wrong total', () => {
    const scores = [
      { criterionId: 'c-a', score: 10 },
      { criterionId: 'c-a', score: 10 },
      { criterionId: 'c-x', score: 60 },
    ];
    expect(messages(review({ scores, total: 99, verdict: 'fail' }))).toEqual([
      '「现状诊断」重复打分',
      '请为「战略目标与路径」打分',
      '评审标准中没有评分项 c-x',
      '总分与各项分数之和不符',
    ]);
  });

  it('refuses a review scored on another rubric', () => {
    expect(messages(review({ rubricId: 'rub-2' }))).toContain('评审标准与该成果不符');
  });

  it('sums without float noise', () => {
    expect(totalOf([{ score: 0.1 }, { score: 0.2 }])).toBe(0.3);
  });
});
