import { describe, expect, test } from 'vitest';
import { buildQuarterSheet } from '../../../src-shared/policy/quarterSheet';
import { cleanAudit, evaluate, makeClass, merge, withOutcomes } from './factories';

function sheetFor(quarter: string, requestDate?: string) {
  const q4 = makeClass({ id: 'Q4', trainees: 3, startDate: '2025-10-10', endDate: '2025-11-20' });
  const q3 = makeClass({
    id: 'Q3',
    trainees: 2,
    startDate: '2025-07-10',
    endDate: '2025-08-20',
    trainee: (i) =>
      i === 0
        ? { practice: { licenceIssuedAt: '2025-09-01', monthlySales: [], evidenceFileIds: ['E'] } }
        : {},
  });
  const other = makeClass({ id: 'HD', trainees: 2, district: '海淀区', organizerId: 'ORG9' });
  const all = merge(q4, q3, other);
  const inputs = cleanAudit(
    all,
    withOutcomes(all, (id) => id !== 'Q4-T3'),
  );
  const res = evaluate(all, inputs, '2025-12-10');
  return buildQuarterSheet(res, { quarter, district: '朝阳区', requestDate });
}

describe('buildQuarterSheet', () => {
  test('lists the quarter’s claimable trainees of the district with amounts in 元', () => {
    const r = sheetFor('2025Q4');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.sheet;
    expect(s.deadline).toBe('2025-12-20');
    expect(s.quarterZh).toBe('2025年第四季度');
    expect(s.claimable.filter((x) => x.kind === 'training').map((x) => x.traineeId)).toEqual([
      'Q4-T1',
      'Q4-T2',
    ]);
    expect(s.claimable.every((x) => x.classId !== 'HD')).toBe(true);
    expect(s.totals.trainingYuan).toBe(3000);
  });

  test('lists the unclaimable with their reasons', () => {
    const r = sheetFor('2025Q4');
    if (!r.ok) throw new Error(r.error.message);
    const row = r.sheet.unclaimable.find((x) => x.traineeId === 'Q4-T3')!;
    expect(row.reasons.join(' ')).toContain(
      '合格证书条件（附件1 三（八），R-CERT-PASSED）：成果评审不合格',
    );
    expect(row.amountYuan).toBe(0);
  });

  test('a class error is named in each trainee’s reasons by its title, clause and id', () => {
    const big = makeClass({
      id: 'BIG',
      trainees: 41,
      startDate: '2025-10-10',
      endDate: '2025-11-20',
    });
    const res = evaluate(big, cleanAudit(big, withOutcomes(big, true)), '2025-12-10');
    const r = buildQuarterSheet(res, { quarter: '2025Q4', district: '朝阳区' });
    if (!r.ok) throw new Error(r.error.message);
    const reasons = r.sheet.unclaimable[0]!.reasons;
    expect(reasons[0]).toMatch(/^班级问题：[^R]+（[^，]+，R-CLASS-SIZE）$/);
  });

  test('a practice subsidy belongs to the quarter in which its six months were reached', () => {
    const r = sheetFor('2026Q1');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.sheet.claimable).toEqual([]);
    const q1 = r.sheet.unclaimable.find((x) => x.kind === 'practice')!;
    expect(q1.traineeId).toBe('Q3-T1');
    expect(q1.reasons.join('')).toContain('2026-03-01');
  });

  test('the fund request deadline is the 20th: Dec 20 passes, Dec 21 fails', () => {
    const ok = sheetFor('2025Q4', '2025-12-20');
    const late = sheetFor('2025Q4', '2025-12-21');
    if (!ok.ok || !late.ok) throw new Error('sheet failed');
    expect(ok.sheet.deadlineFinding.status).toBe('pass');
    expect(late.sheet.deadlineFinding.status).toBe('fail');
    expect(late.sheet.deadlineFinding.ruleId).toBe('R-FUND-DEADLINE');
  });

  test('refuses a malformed quarter with a Chinese message', () => {
    const r = sheetFor('2025-4');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('2025-4');
  });
});
