import { describe, expect, test } from 'vitest';
import type { Trainee } from '../../../src-shared/records/records';
import { cleanAudit, evaluate, evaluateOne, makeClass, merge, traineeFinding } from './factories';

const graduate = (over: Partial<NonNullable<Trainee['graduate']>>): Partial<Trainee> => ({
  targetGroup: 'graduate',
  graduate: {
    school: '某大学',
    schoolInBeijing: true,
    beijingOrigin: false,
    level: 'university',
    graduationDate: '2023-07-01',
    employed: false,
    ...over,
  },
});

function judge(
  startDate: string,
  trainee: Partial<Trainee>,
  program: 'basic' | 'online' | 'elite-launch' | 'elite-practice' = 'basic',
) {
  const r = makeClass({
    program,
    startDate,
    endDate: startDate,
    trainees: 1,
    trainee: () => trainee,
  });
  return evaluateOne(r, cleanAudit(r));
}

describe('R-TARGET-GROUP', () => {
  test.each([
    [
      '2025-07-01',
      '2023-07-01',
      'pass',
      'the second anniversary of leaving is still within two years',
    ],
    ['2025-07-02', '2023-07-01', 'fail', 'a day past two years after leaving'],
    ['2025-09-01', '2026-07-01', 'pass', 'the first day of the graduation academic year'],
    ['2025-08-31', '2026-07-01', 'fail', 'the day before the graduation academic year'],
    [
      '2025-12-01',
      '2025-12-31',
      'pass',
      'a winter graduate, inside the academic year that started that autumn',
    ],
  ])('class start %s, graduated %s → %s (%s)', (start, graduationDate, status) => {
    const f = traineeFinding(judge(start, graduate({ graduationDate })), 'R-TARGET-GROUP')!;
    expect(f.status).toBe(status);
    expect(f.facts).toContain(graduationDate);
  });

  test('a Beijing-origin graduate of an out-of-town school counts; a non-Beijing one does not', () => {
    expect(
      traineeFinding(
        judge('2024-01-10', graduate({ schoolInBeijing: false, beijingOrigin: true })),
        'R-TARGET-GROUP',
      )!.status,
    ).toBe('pass');
    const f = traineeFinding(
      judge('2024-01-10', graduate({ schoolInBeijing: false, beijingOrigin: false })),
      'R-TARGET-GROUP',
    )!;
    expect(f.status).toBe('fail');
    expect(f.message).toContain('京外院校且非北京生源');
  });

  test('an employed graduate is not in the target group', () => {
    expect(
      traineeFinding(judge('2024-01-10', graduate({ employed: true })), 'R-TARGET-GROUP')!.message,
    ).toContain('已就业');
  });

  test('a graduate without graduation data is 待核查', () => {
    expect(
      traineeFinding(
        judge('2024-01-10', { targetGroup: 'graduate', graduate: undefined }),
        'R-TARGET-GROUP',
      )!.status,
    ).toBe('pending');
  });

  test.each([
    ['2025-10-09', 'pass'],
    ['2025-10-10', 'pass'],
    ['2025-10-11', 'fail'],
    [undefined, 'pending'],
  ])('registered unemployed on %s for a class starting 2025-10-10 → %s', (at, status) => {
    const f = traineeFinding(
      judge('2025-10-10', {
        targetGroup: 'registered-unemployed',
        graduate: undefined,
        unemployedRegisteredAt: at,
      }),
      'R-TARGET-GROUP',
    )!;
    expect(f.status).toBe(status);
  });

  test('rural migrant labour and veterans are target groups; "none" is not', () => {
    expect(
      traineeFinding(
        judge('2025-10-10', { targetGroup: 'veteran', graduate: undefined }),
        'R-TARGET-GROUP',
      )!.status,
    ).toBe('pass');
    expect(
      traineeFinding(
        judge('2025-10-10', { targetGroup: 'rural-migrant', graduate: undefined }),
        'R-TARGET-GROUP',
      )!.status,
    ).toBe('pass');
    expect(
      traineeFinding(
        judge('2025-10-10', { targetGroup: 'none', graduate: undefined }),
        'R-TARGET-GROUP',
      )!.severity,
    ).toBe('error');
  });

  test('elite camps are judged by R-ELITE-ELIGIBLE instead', () => {
    expect(
      traineeFinding(judge('2025-10-10', {}, 'elite-launch'), 'R-TARGET-GROUP'),
    ).toBeUndefined();
  });
});

describe('R-ELITE-ELIGIBLE', () => {
  const business = (
    registeredAt: string,
    over: Partial<NonNullable<Trainee['business']>> = {},
  ): Partial<Trainee> => ({
    business: {
      kind: 'company',
      name: '某科技有限公司',
      role: 'legal-rep',
      registeredAt,
      inBeijing: true,
      smallOrMicro: true,
      ...over,
    },
  });

  test.each([
    ['2024-10-15', '2025-10-15', 'pass'],
    ['2024-10-15', '2025-10-16', 'fail'],
    ['2025-10-16', '2025-10-15', 'fail'],
    ['2024-02-29', '2025-02-28', 'pass'],
  ])('a firm registered %s, practice camp starting %s → %s', (registeredAt, start, status) => {
    const f = traineeFinding(
      judge(start, business(registeredAt), 'elite-practice'),
      'R-ELITE-ELIGIBLE',
    )!;
    expect(f.status).toBe(status);
    expect(f.facts).toContain(registeredAt);
  });

  test('a firm registered outside Beijing or not small/micro does not qualify', () => {
    expect(
      traineeFinding(
        judge('2025-03-01', business('2025-01-01', { inBeijing: false }), 'elite-practice'),
        'R-ELITE-ELIGIBLE',
      )!.message,
    ).toContain('非本市注册');
    expect(
      traineeFinding(
        judge('2025-03-01', business('2025-01-01', { smallOrMicro: false }), 'elite-practice'),
        'R-ELITE-ELIGIBLE',
      )!.message,
    ).toContain('非小微企业');
  });

  test('a launch-camp certificate opens the practice camp without a firm', () => {
    const h = {
      program: 'elite-launch' as const,
      classId: 'E0',
      completedAt: '2025-01-01',
      subsidised: true,
      certificateNumber: 'JY-1',
    };
    expect(
      traineeFinding(judge('2025-03-01', { history: [h] }, 'elite-practice'), 'R-ELITE-ELIGIBLE')!
        .status,
    ).toBe('pass');
  });

  test.each([
    [
      {
        history: [
          {
            program: 'basic' as const,
            classId: 'B0',
            completedAt: '2024-06-01',
            subsidised: true,
            certificateNumber: 'JC-1',
          },
        ],
      },
      'pass',
    ],
    [
      {
        history: [
          {
            program: 'online' as const,
            classId: 'O0',
            completedAt: '2024-06-01',
            subsidised: true,
          },
        ],
      },
      'fail',
    ],
    [{ competitionAward: { level: 'city' as const, name: '北京市创业大赛' } }, 'pass'],
    [{ competitionAward: { level: 'district' as const, name: '区创业大赛' } }, 'fail'],
    [{}, 'fail'],
  ])('launch camp eligibility %j → %s', (trainee, status) => {
    expect(
      traineeFinding(judge('2025-03-01', trainee, 'elite-launch'), 'R-ELITE-ELIGIBLE')!.status,
    ).toBe(status);
  });
});

describe('R-ONE-PER-YEAR and R-NO-REPEAT', () => {
  const hist = (program: 'basic' | 'online', completedAt: string, subsidised = true) => ({
    history: [{ program, classId: 'OLD', completedAt, subsidised }],
  });

  test.each([
    ['2025-03-01', true, 'fail'],
    ['2024-12-31', true, 'pass'],
    ['2025-03-01', false, 'pass'],
  ])(
    'a subsidised online training completed %s (subsidised %s) before a 2025 basic class → %s',
    (completedAt, subsidised, status) => {
      const res = judge('2025-10-10', hist('online', completedAt, subsidised));
      expect(traineeFinding(res, 'R-ONE-PER-YEAR')!.status).toBe(status);
    },
  );

  test('the same program is never taken twice, even years apart and unsubsidised', () => {
    const f = traineeFinding(
      judge('2025-10-10', hist('basic', '2021-05-01', false)),
      'R-NO-REPEAT',
    )!;
    expect(f.severity).toBe('error');
    expect(f.facts).toContain('2021-05-01');
    expect(
      traineeFinding(judge('2025-10-10', hist('online', '2021-05-01')), 'R-NO-REPEAT')!.status,
    ).toBe('pass');
  });

  test('two classes of one package in the same year: only the later one is refused', () => {
    const a = makeClass({ id: 'A', startDate: '2025-03-01', endDate: '2025-04-01', trainees: 1 });
    const b = makeClass({
      id: 'B',
      program: 'online',
      startDate: '2025-06-01',
      endDate: '2025-07-01',
      trainees: 1,
    });
    b.classes[0]!.traineeIds = ['A-T1'];
    b.trainees = [];
    const res = evaluate(merge(a, b), {});
    const first = res.classes.find((c) => c.classId === 'A')!;
    const second = res.classes.find((c) => c.classId === 'B')!;
    expect(traineeFinding(first, 'R-ONE-PER-YEAR')!.status).toBe('pass');
    expect(traineeFinding(second, 'R-ONE-PER-YEAR')!.status).toBe('fail');
    expect(traineeFinding(second, 'R-ONE-PER-YEAR')!.facts).toContain('A');
  });

  test('one person in two basic classes of a package repeats the program', () => {
    const a = makeClass({ id: 'A', startDate: '2024-03-01', endDate: '2024-04-01', trainees: 1 });
    const b = makeClass({ id: 'B', startDate: '2025-06-01', endDate: '2025-07-01', trainees: 1 });
    b.classes[0]!.traineeIds = ['A-T1'];
    b.trainees = [];
    const res = evaluate(merge(a, b), {});
    expect(traineeFinding(res.classes[1]!, 'R-NO-REPEAT')!.status).toBe('fail');
    expect(traineeFinding(res.classes[0]!, 'R-NO-REPEAT')!.status).toBe('pass');
  });
});
