import { describe, expect, it } from 'vitest';
import { liveScore } from '../../../src-shared/review/liveScore';

const rubric = {
  passScore: 60,
  criteria: [
    { id: 'a', label: '项目创意', maxScore: 20 },
    { id: 'b', label: '市场分析', maxScore: 40 },
    { id: 'c', label: '财务预测', maxScore: 40 },
  ],
};

describe('the score as it is typed', () => {
  it('marks 999 in a /20 field at once and leaves it out of the total', () => {
    const s = liveScore(rubric, { a: 999, b: 30, c: 30 });
    expect(s.errors).toEqual({ a: '「项目创意」最高 20 分' });
    expect(s.total).toBe(60);
    expect(s.total).toBeLessThanOrEqual(s.max);
    expect(s.complete).toBe(false);
    expect(s.outcome).toBeNull();
  });

  it('never totals above the maximum, whatever is typed', () => {
    const s = liveScore(rubric, { a: 21, b: 400, c: 40.5 });
    expect(Object.keys(s.errors).sort()).toEqual(['a', 'b', 'c']);
    expect(s.total).toBe(0);
    expect(liveScore(rubric, { a: 20, b: 40, c: 40 }).total).toBe(100);
  });

  it('gives no pass/fail reading until every criterion is scored and valid', () => {
    expect(liveScore(rubric, { a: 20, b: 40 }).outcome).toBeNull();
    expect(liveScore(rubric, { a: 20, b: 40, c: null }).outcome).toBeNull();
    expect(liveScore(rubric, { a: 20, b: 40, c: 0 }).outcome).toBe('pass');
    expect(liveScore(rubric, { a: 10, b: 20, c: 29.5 }).outcome).toBe('fail');
    expect(liveScore(rubric, { a: 0, b: 0, c: 0 })).toMatchObject({ complete: true, total: 0 });
  });

  it('refuses a negative score and a non-number', () => {
    expect(liveScore(rubric, { a: -1, b: Number.NaN }).errors).toEqual({
      a: '「项目创意」不能为负',
      b: '「市场分析」须为数字',
    });
  });
});
