import { describe, expect, test } from 'vitest';
import {
  classFinding,
  classFindings,
  cleanAudit,
  evaluateOne,
  makeClass,
  traineeFinding,
  withOutcomes,
} from './factories';

const H = 45;

describe('R-CLASS-SIZE', () => {
  test.each([
    [40, 0, 'pass'],
    [41, 0, 'fail'],
    [38, 2, 'pass'],
    [38, 3, 'fail'],
  ])('a class of %i subsidised + %i market trainees → %s', (trainees, market, status) => {
    const r = makeClass({
      trainees,
      marketTrainees: market,
      program: market ? 'elite-launch' : 'basic',
    });
    const f = classFinding(evaluateOne(r, cleanAudit(r)), 'R-CLASS-SIZE');
    expect(f.status).toBe(status);
    expect(f.facts).toContain(`${trainees + market} 人`);
  });

  test('an oversized class withholds every trainee subsidy', () => {
    const r = makeClass({ trainees: 41 });
    const res = evaluateOne(r, cleanAudit(r));
    expect(res.totals.trainingYuan).toBe(0);
    expect(
      res.trainees.every((t) => t.status === 'ineligible' && t.blockedBy.includes('R-CLASS-SIZE')),
    ).toBe(true);
  });
});

describe('R-HOURS-MIN and R-OUTCOME-HOURS', () => {
  test('56 filed hours pass on their own', () => {
    const r = makeClass();
    const f = classFinding(evaluateOne(r, cleanAudit(r)), 'R-HOURS-MIN');
    expect(f.status).toBe('pass');
    expect(f.facts).toContain('已排 56 课时');
  });

  test('hours are 45-minute hours: 2519 filed minutes are 55.98 hours, short of 56 without the outcome', () => {
    const r = makeClass({ minutes: { live: 20 * H - 1 } });
    const res = evaluateOne(r, cleanAudit(r, withOutcomes(r, false)));
    expect(traineeFinding(res, 'R-HOURS-MIN')?.status).toBe('fail');
    expect(classFinding(res, 'R-HOURS-MIN').facts).toContain('55.98');
  });

  test('52 filed hours + 4 passed outcome hours = 56 reaches the minimum', () => {
    const r = makeClass({ minutes: { offline: 12 * H } });
    const res = evaluateOne(r, cleanAudit(r));
    expect(traineeFinding(res, 'R-HOURS-MIN')?.status).toBe('pass');
    expect(traineeFinding(res, 'R-OUTCOME-HOURS')?.status).toBe('pass');
    expect(res.trainees[0]!.creditedHours).toBe(56);
    expect(res.trainees[0]!.status).toBe('eligible');
  });

  test('52 filed hours with a failed outcome are short', () => {
    const r = makeClass({ minutes: { offline: 12 * H } });
    const res = evaluateOne(r, cleanAudit(r, withOutcomes(r, false)));
    const f = traineeFinding(res, 'R-HOURS-MIN')!;
    expect(f.severity).toBe('error');
    expect(f.facts).toContain('52');
    expect(traineeFinding(res, 'R-OUTCOME-HOURS')?.status).toBe('fail');
    expect(res.trainees[0]!.status).toBe('ineligible');
  });

  test('52 filed hours without a review result stay 待核查, not passed', () => {
    const r = makeClass({ minutes: { offline: 12 * H } });
    const res = evaluateOne(r, {});
    expect(traineeFinding(res, 'R-HOURS-MIN')?.status).toBe('pending');
    expect(traineeFinding(res, 'R-OUTCOME-HOURS')?.message).toContain('待核查');
    expect(res.trainees[0]!.status).toBe('pending');
  });

  test('51 filed hours cannot reach 56 even with the outcome, which is a class error', () => {
    const r = makeClass({ minutes: { offline: 11 * H } });
    const f = classFinding(evaluateOne(r, cleanAudit(r)), 'R-HOURS-MIN');
    expect(f.severity).toBe('error');
    expect(f.facts).toContain('55 课时 < 56');
  });

  test('an elite camp needs 40 hours, not 56', () => {
    const r = makeClass({
      program: 'elite-launch',
      minutes: { live: 20 * H, recorded: 20 * H, offline: 0 },
    });
    expect(classFinding(evaluateOne(r, cleanAudit(r)), 'R-HOURS-MIN').status).toBe('pass');
  });
});

describe('R-RECORDED-MAX', () => {
  test.each([
    [28 * H, 28 * H, 'pass'],
    [28 * H + 1, 28 * H - 1, 'fail'],
    [30 * H, 26 * H, 'fail'],
  ])('recorded %i of %i other minutes → %s', (recorded, other, status) => {
    const r = makeClass({ minutes: { recorded, live: other, offline: 0 } });
    const f = classFinding(evaluateOne(r, cleanAudit(r)), 'R-RECORDED-MAX');
    expect(f.status).toBe(status);
  });

  test('the facts show the share, e.g. 30 of 56 hours = 53.6% > 50%', () => {
    const r = makeClass({ minutes: { recorded: 30 * H, live: 26 * H, offline: 0 } });
    expect(classFinding(evaluateOne(r, cleanAudit(r)), 'R-RECORDED-MAX').facts).toBe(
      '录播 30 课时 / 总 56 课时 = 53.6% > 50%',
    );
  });
});

describe('R-LECTURERS', () => {
  test('two certified lecturers teaching live/offline pass', () => {
    const r = makeClass();
    expect(classFinding(evaluateOne(r), 'R-LECTURERS').status).toBe('pass');
  });

  test('a basic class with one lecturer lacking the certificate fails', () => {
    const r = makeClass({ lecturers: [{}, { certificates: [] }] });
    const f = classFinding(evaluateOne(r), 'R-LECTURERS');
    expect(f.severity).toBe('error');
    expect(f.facts).toContain('1 名');
  });

  test('an online class needs the online lecturer certificate, not the basic one', () => {
    const r = makeClass({
      program: 'online',
      lecturers: [{ certificates: [{ type: 'beijing-startup-teacher', number: 'X' }] }, {}],
    });
    expect(classFinding(evaluateOne(r), 'R-LECTURERS').status).toBe('fail');
  });

  test('an elite camp needs full-time lecturers', () => {
    const ok = makeClass({ program: 'elite-practice' });
    const part = makeClass({ program: 'elite-practice', lecturers: [{}, { fullTime: false }] });
    expect(classFinding(evaluateOne(ok), 'R-LECTURERS').status).toBe('pass');
    expect(classFinding(evaluateOne(part), 'R-LECTURERS').status).toBe('fail');
  });
});

describe('R-TEXTBOOK', () => {
  test.each([
    ['basic', 'SYB创业培训教材', 'pass'],
    ['basic', '《创业培训一体化教程》', 'pass'],
    ['online', '网络创业培训教程(直播版)', 'pass'],
    ['basic', '某自编讲义', 'pending'],
  ] as const)('%s class using %s → %s', (program, textbook, status) => {
    const f = classFinding(evaluateOne(makeClass({ program, textbook })), 'R-TEXTBOOK');
    expect(f.status).toBe(status);
  });

  test('an unlisted textbook is a warning because the notice lists examples (「等」)', () => {
    expect(
      classFinding(evaluateOne(makeClass({ textbook: '某自编讲义' })), 'R-TEXTBOOK').severity,
    ).toBe('warning');
  });

  test('elite camps have no textbook rule', () => {
    expect(
      classFinding(evaluateOne(makeClass({ program: 'elite-launch' })), 'R-TEXTBOOK').status,
    ).toBe('not-applicable');
  });
});

describe('R-PLAN-APPROVED', () => {
  test.each([
    ['2025-10-01', '2025-10-05', 'pass'],
    ['2025-10-10', '2025-10-10', 'pass'],
    ['2025-10-01', '2025-10-11', 'fail'],
    ['2025-10-11', '2025-10-09', 'fail'],
    [null, '2025-10-05', 'fail'],
    ['2025-10-01', null, 'fail'],
  ])('district %s, city %s, start 2025-10-10 → %s', (d, c, status) => {
    const r = makeClass({
      startDate: '2025-10-10',
      planApprovedByDistrictAt: d,
      planConfirmedByCityAt: c,
    });
    const f = classFinding(evaluateOne(r), 'R-PLAN-APPROVED');
    expect(f.status).toBe(status);
    if (status === 'fail') expect(f.severity).toBe('error');
  });

  test('a city confirmation before the district approval is flagged as out of order', () => {
    const r = makeClass({
      startDate: '2025-10-10',
      planApprovedByDistrictAt: '2025-10-05',
      planConfirmedByCityAt: '2025-10-03',
    });
    expect(classFinding(evaluateOne(r), 'R-PLAN-APPROVED').severity).toBe('warning');
  });
});

describe('R-VENUE', () => {
  test('offline sessions at the filed venue pass, ignoring spacing', () => {
    const r = makeClass({
      session: (s) => (s.mode === 'offline' ? { venue: '朝阳区创业大厦  301' } : {}),
    });
    expect(classFinding(evaluateOne(r), 'R-VENUE').status).toBe('pass');
  });

  test('an offline session elsewhere is an error naming the place', () => {
    const r = makeClass({
      session: (s) => (s.id.endsWith('offline-2') ? { venue: '海淀区某酒店' } : {}),
    });
    const f = classFinding(evaluateOne(r), 'R-VENUE');
    expect(f.severity).toBe('error');
    expect(f.facts).toContain('海淀区某酒店');
  });

  test('a class without offline sessions is not judged', () => {
    const r = makeClass({ minutes: { offline: 0, live: 36 * H } });
    expect(classFindings(evaluateOne(r), 'R-VENUE')[0]!.status).toBe('not-applicable');
  });
});
