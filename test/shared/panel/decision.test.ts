import { describe, expect, it } from 'vitest';
import { submissionStats } from '../../../src-shared/review/aggregate';
import { decisionIssues, decisionsInForce } from '../../../src-shared/panel/decision';
import { outcomesFromDecisions } from '../../../src-shared/panel/outcome';

const agree = submissionStats([
  { total: 80, verdict: 'pass' },
  { total: 76, verdict: 'pass' },
  { total: 70, verdict: 'pass' },
]);
const split = submissionStats([
  { total: 72, verdict: 'pass' },
  { total: 66, verdict: 'pass' },
  { total: 55, verdict: 'fail' },
]);

describe('decisionIssues', () => {
  it('lets the chair follow an agreeing panel without a reason', () => {
    expect(decisionIssues({ action: 'decide', verdict: 'pass', reason: '' }, agree)).toEqual([]);
  });

  it('asks for a reason to go against the majority', () => {
    const issues = decisionIssues({ action: 'decide', verdict: 'fail', reason: '' }, agree);
    expect(issues).toEqual([{ field: 'reason', message: expect.stringContaining('多数专家') }]);
    expect(
      decisionIssues(
        { action: 'decide', verdict: 'fail', reason: '财务数据与附件不符，不予通过' },
        agree,
      ),
    ).toEqual([]);
  });

  it('asks for an arbitration reason on a flagged submission whatever the verdict', () => {
    expect(split.disagreement).toEqual(['verdicts-differ', 'spread']);
    const issues = decisionIssues({ action: 'decide', verdict: 'pass', reason: '同意' }, split);
    expect(issues.map((i) => i.field)).toEqual(['reason']);
  });

  it('needs a verdict to decide and a reason to refer', () => {
    expect(decisionIssues({ action: 'decide', verdict: null, reason: '' }, agree)[0]?.field).toBe(
      'verdict',
    );
    expect(decisionIssues({ action: 'refer', verdict: null, reason: '' }, split)[0]?.field).toBe(
      'reason',
    );
    expect(
      decisionIssues({ action: 'refer', verdict: null, reason: '分歧过大，请平台另派专家' }, split),
    ).toEqual([]);
  });
});

describe('decisionsInForce', () => {
  it('keeps the latest decision of each submission that nothing supersedes', () => {
    const d = (id: string, sub: string, at: string, supersedes?: string) => ({
      id,
      submissionId: sub,
      createdAt: `2025-07-01T0${at}:00:00+08:00`,
      ...(supersedes ? { supersedes } : {}),
    });
    const inForce = decisionsInForce([
      d('d2', 's1', '2', 'd1'),
      d('d1', 's1', '1'),
      d('d3', 's2', '1'),
    ]);
    expect([...inForce.entries()].map(([s, x]) => [s, x.id]).sort()).toEqual([
      ['s1', 'd2'],
      ['s2', 'd3'],
    ]);
  });
});

describe('outcomesFromDecisions', () => {
  const subs = [
    { id: 'b1', traineeId: 't1', classId: 'basic-1', kind: 'business-plan' as const },
    { id: 'b2', traineeId: 't2', classId: 'basic-1', kind: 'business-plan' as const },
    { id: 'o1p', traineeId: 't3', classId: 'online-1', kind: 'online-portfolio' as const },
    { id: 'o1q', traineeId: 't3', classId: 'online-1', kind: 'online-plan' as const },
    { id: 'o2p', traineeId: 't4', classId: 'online-1', kind: 'online-portfolio' as const },
    { id: 'o2q', traineeId: 't4', classId: 'online-1', kind: 'online-plan' as const },
  ];
  const programOf = (c: string) =>
    c.startsWith('online') ? ('online' as const) : ('basic' as const);
  const kinds = (p: string) =>
    p === 'online' ? [['online-portfolio'], ['online-plan']] : [['business-plan']];

  it('passes a trainee only when every required part passed; online needs both parts', () => {
    const decisions = new Map([
      ['b1', { submissionId: 'b1', action: 'decide' as const, verdict: 'pass' as const }],
      ['b2', { submissionId: 'b2', action: 'decide' as const, verdict: 'fail' as const }],
      ['o1p', { submissionId: 'o1p', action: 'decide' as const, verdict: 'pass' as const }],
      ['o2p', { submissionId: 'o2p', action: 'decide' as const, verdict: 'pass' as const }],
      ['o2q', { submissionId: 'o2q', action: 'decide' as const, verdict: 'fail' as const }],
    ]);
    const out = outcomesFromDecisions(decisions, subs, programOf, kinds);
    expect(Object.fromEntries(out.get('basic-1')!)).toEqual({ t1: true, t2: false });
    // t3: portfolio passed, plan undecided → not settled; t4: plan failed → failed.
    expect(Object.fromEntries(out.get('online-1')!)).toEqual({ t4: false });
  });

  it('leaves a referred submission unsettled', () => {
    const decisions = new Map([['b1', { submissionId: 'b1', action: 'refer' as const }]]);
    expect(outcomesFromDecisions(decisions, subs, programOf, kinds).size).toBe(0);
  });
});

describe('a hard fail before the chair', () => {
  it('counts as a fail vote, so passing it over the experts needs a written reason', () => {
    const stats = submissionStats([
      { total: 90, verdict: 'pass', hardFails: [{ checkId: 'hf-copy' }] },
      { total: 88, verdict: 'pass', hardFails: [{ checkId: 'hf-copy' }] },
    ]);
    expect(stats.majority).toBe('fail');
    const issues = decisionIssues({ action: 'decide', verdict: 'pass', reason: '' }, stats);
    expect(issues).toEqual([{ field: 'reason', message: expect.stringContaining('多数专家') }]);
  });
});
