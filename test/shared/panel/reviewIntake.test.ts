import { describe, expect, it } from 'vitest';
import type { Rubric } from '../../../src-shared/records/records';
import type { ResultRecord } from '../../../src-shared/bundle/resultBundle';
import {
  planIntake,
  type IntakeContext,
  type PanelRecord,
} from '../../../src-shared/panel/reviewIntake';
import { recusalsInForce } from '../../../src-shared/review/conflict';
import { reviewsInForce } from '../../../src-shared/panel/summary';

const rubric: Rubric = {
  id: 'rub-1',
  program: 'basic',
  submissionKind: 'business-plan',
  title: '创业计划书评审标准',
  passScore: 60,
  criteria: [
    { id: 'c1', label: '市场分析', maxScore: 50 },
    { id: 'c2', label: '财务测算', maxScore: 50 },
  ],
};

function reviewRecord(
  id: string,
  over: { expertId?: string; assignmentId?: string; c1?: number; comment?: string } = {},
): ResultRecord {
  const c1 = over.c1 ?? 40;
  return {
    id,
    kind: 'review',
    createdAt: '2025-06-30T10:00:00+08:00',
    payload: {
      assignmentId: over.assignmentId ?? 'asg-li',
      submissionId: 'sub-1',
      expertId: over.expertId ?? 'exp-li',
      profileId: 'p-li',
      rubricId: 'rub-1',
      scores: [
        { criterionId: 'c1', score: c1 },
        { criterionId: 'c2', score: 30 },
      ],
      total: c1 + 30,
      verdict: 'pass',
      comment: over.comment ?? '市场分析扎实，财务测算基本合理。',
      noConflict: true,
    },
  };
}

function ctx(over: Partial<IntakeContext> = {}): IntakeContext {
  return {
    signerExpertIds: ['exp-li'],
    assignments: new Map([
      ['asg-li', { submissionId: 'sub-1', expertId: 'exp-li' }],
      ['asg-wang', { submissionId: 'sub-1', expertId: 'exp-wang' }],
    ]),
    rubricFor: (id) => (id === 'sub-1' ? rubric : undefined),
    existing: new Map(),
    ...over,
  };
}

const stored = (outcomes: ReturnType<typeof planIntake>): Map<string, PanelRecord> =>
  new Map(outcomes.flatMap((o) => (o.status === 'new' ? [[o.item.record.id, o.item]] : [])));

describe('planIntake', () => {
  it('takes a new review of the panel signed by its expert', () => {
    const out = planIntake([reviewRecord('rv-1')], ctx());
    expect(out.map((o) => o.status)).toEqual(['new']);
  });

  it('keeps the same review arriving a second time once (duplicate)', () => {
    const first = planIntake([reviewRecord('rv-1')], ctx());
    const again = planIntake([reviewRecord('rv-1')], ctx({ existing: stored(first) }));
    expect(again).toEqual([{ status: 'duplicate', id: 'rv-1' }]);
  });

  it('refuses a review whose content differs from the stored one with the same id and shows both', () => {
    const first = planIntake([reviewRecord('rv-1')], ctx());
    const changed = planIntake(
      [reviewRecord('rv-1', { c1: 45 })],
      ctx({ existing: stored(first) }),
    );
    expect(changed).toHaveLength(1);
    const o = changed[0]!;
    expect(o.status).toBe('conflict');
    if (o.status !== 'conflict') return;
    expect(o.message).toContain('rv-1');
    expect(o.stored.kind === 'review' && o.stored.record.total).toBe(70);
    expect(o.incoming.kind === 'review' && o.incoming.record.total).toBe(75);
  });

  it('catches a conflict inside one bundle as well', () => {
    const out = planIntake(
      [reviewRecord('rv-1'), reviewRecord('rv-1', { comment: '改过的评审意见内容' })],
      ctx(),
    );
    expect(out.map((o) => o.status)).toEqual(['new', 'conflict']);
  });

  it('refuses a review naming an expert whose key did not sign the bundle', () => {
    const out = planIntake(
      [reviewRecord('rv-2', { expertId: 'exp-wang', assignmentId: 'asg-wang' })],
      ctx(),
    );
    expect(out[0]).toMatchObject({ status: 'refused' });
    expect(out[0]!.status === 'refused' && out[0]!.message).toContain('exp-wang');
  });

  it('refuses a review of an assignment outside the chair’s panel', () => {
    const out = planIntake([reviewRecord('rv-3', { assignmentId: 'asg-elsewhere' })], ctx());
    expect(out[0]).toMatchObject({ status: 'refused' });
  });

  it('refuses a review that breaks its rubric (score above the maximum)', () => {
    const out = planIntake([reviewRecord('rv-4', { c1: 55 })], ctx());
    expect(out[0]).toMatchObject({ status: 'refused', message: '「市场分析」最高 50 分' });
  });

  it('takes a conflict-of-interest declaration as a recusal', () => {
    const recusal: ResultRecord = {
      id: 'cf-1',
      kind: 'conflict',
      createdAt: '2025-06-30T10:00:00+08:00',
      payload: {
        assignmentId: 'asg-li',
        submissionId: 'sub-1',
        expertId: 'exp-li',
        profileId: 'p-li',
        reason: '该学员为本人亲属',
      },
    };
    const out = planIntake([recusal], ctx());
    expect(out[0]).toMatchObject({ status: 'new', item: { kind: 'conflict' } });
  });

  it('takes a per-party recusal with its type, and its withdrawal that supersedes it', () => {
    const payload = {
      assignmentId: 'asg-li',
      submissionId: 'sub-1',
      expertId: 'exp-li',
      profileId: 'p-li',
      reason: '与培训机构「海淀启航培训学校」存在任职关系：兼任顾问',
      declarationId: 'cd-1',
      party: { kind: 'organizer', id: 'org-1' },
      relation: 'employment',
      note: '兼任顾问',
    };
    const recusal: ResultRecord = {
      id: 'cf-2',
      kind: 'conflict',
      createdAt: '2025-06-30T10:00:00+08:00',
      payload,
    };
    const withdrawal: ResultRecord = {
      id: 'cf-3',
      kind: 'conflict',
      supersedes: 'cf-2',
      createdAt: '2025-07-01T10:00:00+08:00',
      payload: {
        ...payload,
        reason: '撤回回避：聘任已终止',
        declarationId: 'cd-2',
        withdrawn: true,
      },
    };
    const out = planIntake([recusal, withdrawal], ctx());
    expect(out.map((o) => o.status)).toEqual(['new', 'new']);
    const records = out.flatMap((o) =>
      o.status === 'new' && o.item.kind === 'conflict' ? [o.item.record] : [],
    );
    expect(records[0]).toMatchObject({ relation: 'employment', party: { kind: 'organizer' } });
    expect(records[1]).toMatchObject({ withdrawn: true, supersedes: 'cf-2' });
    // The chair's summary counts only recusals in force: the withdrawn one no longer stands.
    expect(recusalsInForce(records.slice(0, 1)).get('asg-li')?.id).toBe('cf-2');
    expect(recusalsInForce(records).size).toBe(0);
  });

  it("takes an expert's revision as a new record, and the chair's summary uses the latest", () => {
    const first = reviewRecord('rv-10', { c1: 40 });
    const revised: ResultRecord = {
      ...reviewRecord('rv-11', { c1: 30, comment: '复核后下调市场分析分数。' }),
      supersedes: 'rv-10',
      createdAt: '2025-07-01T10:00:00+08:00',
    };
    revised.payload = {
      ...revised.payload,
      revision: 2,
      revisionReason: '复核后发现市场数据引用有误',
    };
    const out = planIntake([first, revised], ctx());
    expect(out.map((o) => o.status)).toEqual(['new', 'new']);
    const reviews = out.flatMap((o) =>
      o.status === 'new' && o.item.kind === 'review' ? [o.item.record] : [],
    );
    expect(reviews[1]).toMatchObject({ supersedes: 'rv-10', revision: 2 });
    expect(reviewsInForce(reviews).get('asg-li')?.id).toBe('rv-11');
  });
});
