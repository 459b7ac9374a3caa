import { describe, expect, it } from 'vitest';
import { anchorIssues, pageAnchorSchema, type PageAnchor } from '../../../src-shared/review/anchor';
import { reviewSchema, totalOf, type Review } from '../../../src-shared/review/schema';

const PLAN = 'a'.repeat(64);
const SHEET = 'b'.repeat(64);
const ctx = {
  fileSha256s: new Set([PLAN, SHEET]),
  criterionIds: new Set(['c-market', 'c-finance']),
  pageCount: (sha: string) => (sha === PLAN ? 12 : undefined),
  fileName: (sha: string) =>
    sha === PLAN ? '计划书.pdf' : sha === SHEET ? '销售表.csv' : undefined,
};
const anchor = (over: Partial<PageAnchor> = {}): PageAnchor => ({
  fileSha256: PLAN,
  page: 2,
  ...over,
});

function review(anchors: PageAnchor[]): Review {
  const scores = [
    { criterionId: 'c-market', score: 30 },
    { criterionId: 'c-finance', score: 25 },
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
    verdict: 'fail',
    comment: '市场分析缺少数据支撑。',
    noConflict: true,
    anchors,
    createdAt: '2025-04-01T10:00:00+08:00',
  };
}

describe('a page anchor', () => {
  it('survives the review record round trip with its quote and criterion', () => {
    const anchors = [
      anchor({ quote: '预计首年销售额 120 万元', criterionId: 'c-finance' }),
      anchor({ page: 7 }),
    ];
    const travelled = JSON.parse(JSON.stringify(review(anchors))) as unknown;
    const parsed = reviewSchema.parse(travelled);
    expect(parsed.anchors).toEqual(anchors);
  });

  it('is optional: a review without anchors parses as before', () => {
    const { anchors: _none, ...old } = review([]);
    expect(reviewSchema.parse(old).anchors).toBeUndefined();
  });

  it('refuses page 0, a fractional page and a hash that is not SHA-256', () => {
    expect(pageAnchorSchema.safeParse(anchor({ page: 0 })).success).toBe(false);
    expect(pageAnchorSchema.safeParse(anchor({ page: 1.5 })).success).toBe(false);
    expect(pageAnchorSchema.safeParse(anchor({ fileSha256: 'ABC' })).success).toBe(false);
    expect(pageAnchorSchema.safeParse(anchor({ quote: 'x'.repeat(201) })).success).toBe(false);
  });

  it('accepts the last page of a file whose page count is known', () => {
    expect(anchorIssues([anchor({ page: 12 })], ctx)).toEqual([]);
  });

  it('refuses a page past the end of a file whose page count is known, naming the file', () => {
    expect(anchorIssues([anchor({ page: 13 })], ctx)).toEqual([
      { path: ['anchors'], message: '引用的“计划书.pdf”第 13 页不存在（共 12 页）' },
    ]);
  });

  it('leaves the page unchecked where the page count is not known', () => {
    expect(anchorIssues([anchor({ fileSha256: SHEET, page: 40 })], ctx)).toEqual([]);
  });

  it("refuses a file that is not the submission's and a criterion not in the rubric", () => {
    const messages = anchorIssues(
      [anchor({ fileSha256: 'c'.repeat(64) }), anchor({ criterionId: 'c-other' })],
      ctx,
    ).map((i) => i.message);
    expect(messages).toEqual([
      `引用的文件 ${'c'.repeat(12)}… 不属于该成果`,
      '引用指向的评分项 c-other 不在评审标准中',
    ]);
  });
});
