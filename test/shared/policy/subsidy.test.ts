import { describe, expect, test } from 'vitest';
import type { Trainee } from '../../../src-shared/records/records';
import { JRSNF_2023_25 } from '../../../src-shared/policy/pack-jrsnf-2023-25';
import { fundDeadline } from '../../../src-shared/policy/rules/subsidy';
import { cleanAudit, evaluateOne, makeClass, traineeFinding, withOutcomes } from './factories';

const H = 45;

describe('R-SUBSIDY-BASIC and R-SUBSIDY-ONLINE', () => {
  test.each([
    ['basic', 'R-SUBSIDY-BASIC', 1500],
    ['online', 'R-SUBSIDY-ONLINE', 2000],
  ] as const)('a clean %s class pays %s %i 元 per certified trainee', (program, rule, yuan) => {
    const r = makeClass({ program, trainees: 3 });
    const res = evaluateOne(r, cleanAudit(r));
    expect(traineeFinding(res, rule)!.amountYuan).toBe(yuan);
    expect(res.trainees.map((t) => t.trainingYuan)).toEqual([yuan, yuan, yuan]);
    expect(res.totals.trainingYuan).toBe(3 * yuan);
  });

  test('an online trainee passed locally needs both the portfolio and the plan on record', () => {
    const r = makeClass({ program: 'online', trainees: 1 });
    const inputs = cleanAudit(r, withOutcomes(r, true, false));
    r.submissions = r.submissions.filter((s) => s.kind !== 'online-plan');
    const f = traineeFinding(evaluateOne(r, inputs), 'R-CERT-PASSED')!;
    expect(f.severity).toBe('warning');
    expect(f.message).toContain('《网络创业规划书》');
  });

  test('a trainee still waiting for review is pending with the amount shown as potential, never paid', () => {
    const r = makeClass({ trainees: 2 });
    const res = evaluateOne(
      r,
      cleanAudit(
        r,
        withOutcomes(r, (id) => (id.endsWith('T1') ? true : undefined)),
      ),
    );
    expect(res.trainees[0]!.status).toBe('eligible');
    expect(res.trainees[1]!.status).toBe('pending');
    expect(res.trainees[1]!.trainingYuan).toBe(0);
    expect(res.trainees[1]!.potentialYuan).toBe(1500);
    expect(traineeFinding(res, 'R-SUBSIDY-BASIC', 1)!.message).toContain('待核查');
  });

  test('the verdict names the rules it waits on or misses by their titles, not their ids', () => {
    const r = makeClass({ trainees: 2 });
    const res = evaluateOne(
      r,
      cleanAudit(
        r,
        withOutcomes(r, (id) => (id.endsWith('T1') ? false : undefined)),
      ),
    );
    const failed = traineeFinding(res, 'R-SUBSIDY-BASIC', 0)!;
    const waiting = traineeFinding(res, 'R-SUBSIDY-BASIC', 1)!;
    expect(failed.facts).toBe('未满足：合格证书条件');
    expect(waiting.facts).toMatch(/^待核查：成果评审课时、合格证书条件；/);
    expect(`${failed.facts}${waiting.facts}`).not.toMatch(/R-[A-Z]/);
  });
});

describe('R-SUBSIDY-ELITE tiers', () => {
  // Filed hours + 4 passed outcome hours = the credited hours in the first column.
  test.each([
    [39, 0],
    [40, 1500],
    [59, 1500],
    [60, 2000],
    [79, 2000],
    [80, 2500],
    [96, 2500],
  ])('%i credited hours → %i 元', (hours, yuan) => {
    const r = makeClass({
      program: 'elite-launch',
      trainees: 1,
      minutes: { live: (hours - 4) * H, recorded: 0, offline: 0 },
      trainee: () => ({ competitionAward: { level: 'national', name: '全国大赛' } }),
    });
    const res = evaluateOne(r, cleanAudit(r));
    const f = traineeFinding(res, 'R-SUBSIDY-ELITE')!;
    expect(res.trainees[0]!.trainingYuan).toBe(yuan);
    expect(f.facts).toContain(`${hours} 课时`);
    expect(res.trainees[0]!.status).toBe(yuan ? 'eligible' : 'ineligible');
  });
});

describe('R-CERT-PASSED and R-CERT-NUMBER', () => {
  test('a failed outcome gets no certificate and no subsidy', () => {
    const r = makeClass({ trainees: 1 });
    const res = evaluateOne(r, cleanAudit(r, withOutcomes(r, false)));
    expect(traineeFinding(res, 'R-CERT-PASSED')!.severity).toBe('error');
    expect(res.trainees[0]!.trainingYuan).toBe(0);
  });

  test('a certifiable trainee without a platform number is pending; the workstation never makes one up', () => {
    const r = makeClass({ trainees: 1 });
    const res = evaluateOne(r, cleanAudit(r, withOutcomes(r, true, false)));
    expect(traineeFinding(res, 'R-CERT-NUMBER')!.status).toBe('pending');
    expect(res.trainees[0]!.certificateNumber).toBeUndefined();
    expect(res.trainees[0]!.status).toBe('pending');
  });

  test('the platform number is reported; a duplicate or a wrong-program number is an error', () => {
    const r = makeClass({ trainees: 2 });
    const inputs = cleanAudit(r);
    expect(evaluateOne(r, inputs).trainees[0]!.certificateNumber).toBe('ZS-C1-C1-T1');
    r.certificateNumbers[1]!.number = r.certificateNumbers[0]!.number;
    expect(traineeFinding(evaluateOne(r, inputs), 'R-CERT-NUMBER')!.message).toContain('重复');
    r.certificateNumbers[1]!.number = 'OTHER';
    r.certificateNumbers[1]!.program = 'online';
    expect(traineeFinding(evaluateOne(r, inputs), 'R-CERT-NUMBER', 1)!.message).toContain('项目');
  });

  test('a number for a trainee whose hours fall short is questioned', () => {
    const r = makeClass({
      trainees: 1,
      minutes: { live: 10 * H, recorded: 10 * H, offline: 16 * H },
    });
    const inputs = cleanAudit(r);
    expect(traineeFinding(evaluateOne(r, inputs), 'R-CERT-NUMBER')!.severity).toBe('error');
  });
});

describe('R-SUBSIDY-PRACTICE', () => {
  // Class ends 2025-02-20; the business starts afterwards.
  const judge = (
    practice: NonNullable<Trainee['practice']>,
    asOf: string,
    program: 'basic' | 'online' | 'elite-launch' = 'basic',
  ) => {
    const r = makeClass({
      program,
      trainees: 1,
      startDate: '2025-01-10',
      endDate: '2025-02-20',
      trainee: () => ({
        practice,
        graduate: {
          school: '某大学',
          schoolInBeijing: true,
          beijingOrigin: false,
          level: 'university',
          graduationDate: '2024-07-01',
          employed: false,
        },
        competitionAward: { level: 'city', name: '市赛' },
      }),
    });
    return evaluateOne(r, cleanAudit(r), asOf);
  };
  const licence = { licenceIssuedAt: '2025-03-15', monthlySales: [], evidenceFileIds: ['E1'] };

  test.each([
    ['2025-09-14', 0, 'fail'],
    ['2025-09-15', 1000, 'pass'],
  ])('a licence issued 2025-03-15, judged on %s → %i 元', (asOf, yuan, status) => {
    const res = judge(licence, asOf);
    const f = traineeFinding(res, 'R-SUBSIDY-PRACTICE')!;
    expect(f.status).toBe(status);
    expect(f.qualifiesOn).toBe('2025-09-15');
    expect(res.trainees[0]!.practiceYuan).toBe(yuan);
  });

  test('six months from the 31st ends on the last day of a shorter month', () => {
    const f = traineeFinding(
      judge({ ...licence, licenceIssuedAt: '2025-03-31' }, '2025-09-30'),
      'R-SUBSIDY-PRACTICE',
    )!;
    expect(f.qualifiesOn).toBe('2025-09-30');
    expect(f.status).toBe('pass');
  });

  const shop = (amountYuan: number, months = 6) => ({
    shopOpenedAt: '2025-03-01',
    monthlySales: Array.from({ length: months }, (_, i) => ({
      month: `2025-0${i + 3}`,
      amountYuan,
    })),
    evidenceFileIds: ['S1'],
  });

  test.each([
    [2999.99, 'fail', 0],
    [3000, 'pass', 1000],
  ])('an online shop open six months averaging %f 元 a month → %s', (amount, status, yuan) => {
    const res = judge(shop(amount), '2025-09-01');
    expect(traineeFinding(res, 'R-SUBSIDY-PRACTICE')!.status).toBe(status);
    expect(res.trainees[0]!.practiceYuan).toBe(yuan);
  });

  test('a shop with fewer than six months of sales data is 待核查', () => {
    expect(traineeFinding(judge(shop(5000, 4), '2025-09-01'), 'R-SUBSIDY-PRACTICE')!.status).toBe(
      'pending',
    );
  });

  test('without evidence files the claim is 待核查', () => {
    expect(
      traineeFinding(
        judge({ ...licence, evidenceFileIds: [] }, '2025-10-01'),
        'R-SUBSIDY-PRACTICE',
      )!.status,
    ).toBe('pending');
  });

  test('practice guidance follows only basic or online training, never an elite camp', () => {
    expect(
      traineeFinding(judge(licence, '2025-10-01', 'online'), 'R-SUBSIDY-PRACTICE')!.status,
    ).toBe('pass');
    expect(
      traineeFinding(judge(licence, '2025-10-01', 'elite-launch'), 'R-SUBSIDY-PRACTICE'),
    ).toBeUndefined();
  });

  test('a trainee whose training is not subsidised brings no practice subsidy', () => {
    const r = makeClass({
      trainees: 1,
      startDate: '2025-01-10',
      endDate: '2025-02-20',
      trainee: () => ({ practice: licence, targetGroup: 'none' }),
    });
    const res = evaluateOne(r, cleanAudit(r), '2025-12-01');
    expect(traineeFinding(res, 'R-SUBSIDY-PRACTICE')!.status).toBe('fail');
    expect(res.trainees[0]!.practiceYuan).toBe(0);
  });
});

describe('R-FUND-DEADLINE', () => {
  const check = (year: number, q: 1 | 2 | 3 | 4, requestDate?: string) =>
    fundDeadline.quarterCheck!({ pack: JRSNF_2023_25, quarter: { year, q }, requestDate });

  test.each([
    [2025, 4, '2025-12-20', 'pass'],
    [2025, 4, '2025-12-21', 'fail'],
    [2025, 1, '2025-03-20', 'pass'],
    [2025, 2, '2025-06-21', 'fail'],
    [2025, 3, '2025-09-01', 'pass'],
  ] as const)('%iQ%i request sent %s → %s', (year, q, date, status) => {
    const f = check(year, q, date);
    expect(f.status).toBe(status);
    expect(f.clause).toBe('通知 三（二）');
  });

  test('without a request date the finding states the deadline as 待核查', () => {
    const f = check(2025, 4);
    expect(f.status).toBe('pending');
    expect(f.message).toContain('2025-12-20');
  });
});
