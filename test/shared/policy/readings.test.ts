// The readings the product decided where the notice is silent (docs/policy-rules.md, "Readings
// where the notice is silent"). Each is tested on both sides of its line.
import { describe, expect, test } from 'vitest';
import { inputsFromJson, policyInputsJsonSchema } from '../../../src-shared/policy/inputs';
import type { PanelOutcomeDecision, PolicyInputs } from '../../../src-shared/policy/inputs';
import { JRSNF_2023_25 } from '../../../src-shared/policy/pack-jrsnf-2023-25';
import { selectPack } from '../../../src-shared/policy/pack';
import { buildQuarterSheet } from '../../../src-shared/policy/quarterSheet';
import {
  classFinding,
  classFindings,
  cleanAudit,
  evaluate,
  evaluateOne,
  makeClass,
  traineeFinding,
  withOutcomes,
} from './factories';

const H = 45;

describe('reading: bounds include the bound', () => {
  test('40 trainees is allowed, 41 is not', () => {
    expect(classFinding(evaluateOne(makeClass({ trainees: 40 })), 'R-CLASS-SIZE').status).toBe(
      'pass',
    );
    expect(classFinding(evaluateOne(makeClass({ trainees: 41 })), 'R-CLASS-SIZE').status).toBe(
      'fail',
    );
  });

  test('exactly 56 hours is enough without the outcome hours; one minute less needs them', () => {
    const exact = evaluateOne(makeClass());
    expect(classFinding(exact, 'R-HOURS-MIN').message).toBe('已排课时达到总课时要求');
    const short = evaluateOne(makeClass({ minutes: { offline: 16 * H - 1 } }));
    expect(classFinding(short, 'R-HOURS-MIN').message).toContain('须加上成果评审合格');
  });

  test('exactly 50 % recorded is allowed; one minute more is not', () => {
    const half = makeClass({ minutes: { live: 12 * H, recorded: 28 * H, offline: 16 * H } });
    expect(classFinding(evaluateOne(half), 'R-RECORDED-MAX').status).toBe('pass');
    const over = makeClass({
      minutes: { live: 12 * H - 1, recorded: 28 * H + 1, offline: 16 * H },
    });
    expect(classFinding(evaluateOne(over), 'R-RECORDED-MAX').status).toBe('fail');
  });
});

describe('reading: hours are minutes ÷ 45, not rounded', () => {
  test('2,519 minutes are 55.98 hours: short of 56 (the outcome hours must make it up)', () => {
    const r = makeClass({ trainees: 1, minutes: { offline: 16 * H - 1 } });
    const res = evaluateOne(r, cleanAudit(r, withOutcomes(r, false, false)));
    expect(res.hours.filed).toBe(2519 / 45);
    expect(res.trainees[0]!.creditedHours).toBe(2519 / 45);
    expect(traineeFinding(res, 'R-HOURS-MIN')).toMatchObject({ status: 'fail', severity: 'error' });
    expect(traineeFinding(res, 'R-HOURS-MIN')!.facts).toContain('55.98');
  });

  test('2,520 minutes are exactly 56 hours: enough', () => {
    const r = makeClass({ trainees: 1 });
    const res = evaluateOne(r, cleanAudit(r, withOutcomes(r, false, false)));
    expect(res.hours.filed).toBe(56);
    expect(traineeFinding(res, 'R-HOURS-MIN')).toBeUndefined();
    expect(classFinding(res, 'R-HOURS-MIN').status).toBe('pass');
  });
});

describe('reading: an input nobody has given is 待核查, never a pass', () => {
  test('without inputs every input-dependent rule is pending and nothing is claimable', () => {
    const res = evaluateOne(makeClass({ trainees: 2 }));
    for (const id of ['R-LIVE-SAMPLE', 'R-RECORDED-CHECK', 'R-VIDEO-RETAIN'] as const)
      expect(classFinding(res, id).status, id).toBe('pending');
    expect(traineeFinding(res, 'R-OUTCOME-HOURS')!.status).toBe('pending');
    expect(res.totals).toMatchObject({ eligible: 0, pending: 2, trainingYuan: 0 });
  });

  test('the same class with every input given and passed is claimable', () => {
    const r = makeClass({ trainees: 2 });
    const res = evaluateOne(r, cleanAudit(r));
    expect(classFinding(res, 'R-LIVE-SAMPLE').status).toBe('pass');
    expect(res.totals).toMatchObject({ eligible: 2, pending: 0, trainingYuan: 3000 });
  });
});

describe('reading: the platform’s signed records are inputs too', () => {
  /** Every supervision check passed, no local outcome at all; numbers for the given trainees. */
  function numbered(ids: string[], extra: Partial<PolicyInputs> = {}) {
    const r = makeClass({ trainees: 2 });
    withOutcomes(r, true, false); // submissions only
    const audit = cleanAudit(r, new Map());
    r.certificateNumbers = ids.map((t) => ({
      traineeId: t,
      classId: 'C1',
      program: 'basic' as const,
      number: `BJ-${t}`,
    }));
    return evaluateOne(r, { ...audit, outcomePassed: undefined, ...extra });
  }
  const decision = (over: Partial<PanelOutcomeDecision> = {}): PanelOutcomeDecision => ({
    classId: 'C1',
    traineeId: 'C1-T1',
    passed: false,
    decidedAt: '2025-11-25T10:00:00+08:00',
    recordId: 'PD-1',
    ...over,
  });

  test('a platform-assigned number reads as a passed outcome, shown as 平台记录', () => {
    const res = numbered(['C1-T1']);
    const t1 = res.trainees[0]!;
    expect(t1).toMatchObject({ status: 'eligible', outcomeSource: 'platform', trainingYuan: 1500 });
    expect(t1.creditedHours).toBe(60);
    const oh = traineeFinding(res, 'R-OUTCOME-HOURS')!;
    expect(oh).toMatchObject({ status: 'pass', source: 'platform' });
    expect(oh.message).toContain('平台记录');
    expect(traineeFinding(res, 'R-CERT-PASSED')).toMatchObject({
      status: 'pass',
      source: 'platform',
    });
  });

  test('a platform pass needs no deliverables in the package; a local pass does', () => {
    const r = makeClass({ program: 'online', trainees: 2 });
    const inputs = cleanAudit(r, withOutcomes(r, true, false));
    r.submissions = [];
    r.certificateNumbers = [
      { traineeId: 'C1-T1', classId: 'C1', program: 'online', number: 'BJWL-1' },
    ];
    const res = evaluateOne(r, inputs);
    expect(traineeFinding(res, 'R-CERT-PASSED', 0)).toMatchObject({
      status: 'pass',
      severity: 'info',
    });
    expect(traineeFinding(res, 'R-CERT-PASSED', 1)!.message).toContain('缺少');
  });

  test('without a number and without a local result the outcome stays 待核查', () => {
    const t2 = numbered(['C1-T1']).trainees[1]!;
    expect(t2).toMatchObject({ status: 'pending', trainingYuan: 0, outcomeConflict: false });
    expect(t2.outcomeSource).toBeUndefined();
    expect(t2.reasons.find((f) => f.ruleId === 'R-OUTCOME-HOURS')!.status).toBe('pending');
  });

  test('a local panel decision of fail against the number is a conflict to resolve, not an override', () => {
    const res = numbered(['C1-T1'], { panelDecisions: [decision()] });
    const t1 = res.trainees[0]!;
    expect(t1).toMatchObject({ status: 'pending', outcomeConflict: true, trainingYuan: 0 });
    expect(t1.potentialYuan).toBe(1500);
    const oh = traineeFinding(res, 'R-OUTCOME-HOURS')!;
    expect(oh).toMatchObject({ status: 'pending', severity: 'warning', traineeId: 'C1-T1' });
    expect(oh.message).toContain('冲突');
    expect(oh.facts).toContain('BJ-C1-T1');
    expect(oh.facts).toContain('PD-1');
    expect(traineeFinding(res, 'R-CERT-PASSED')).toMatchObject({ status: 'pending' });
    // Neither side silently wins: no error, no pass on the outcome.
    expect(t1.reasons.some((f) => f.severity === 'error')).toBe(false);
  });

  test('an entered fail against the number is a conflict too', () => {
    const res = numbered(['C1-T1'], { outcomePassed: new Map([['C1-T1', false]]) });
    expect(res.trainees[0]).toMatchObject({ status: 'pending', outcomeConflict: true });
  });

  test('a local pass agreeing with the number is no conflict', () => {
    const res = numbered(['C1-T1'], { panelDecisions: [decision({ passed: true })] });
    expect(res.trainees[0]).toMatchObject({
      status: 'eligible',
      outcomeSource: 'platform',
      outcomeConflict: false,
    });
  });

  test('without a number the panel decision decides, shown as 本地评审组决定, and wins over an entered result', () => {
    const failed = numbered([], {
      panelDecisions: [decision()],
      outcomePassed: new Map([['C1-T1', true]]),
    });
    expect(failed.trainees[0]).toMatchObject({ status: 'ineligible', outcomeSource: 'panel' });
    expect(traineeFinding(failed, 'R-CERT-PASSED')!.message).toContain('本地评审组决定');
    const passed = numbered([], { panelDecisions: [decision({ passed: true })] });
    expect(passed.trainees[0]).toMatchObject({ outcomeSource: 'panel' });
    expect(traineeFinding(passed, 'R-OUTCOME-HOURS')!.status).toBe('pass');
  });

  test('a later panel decision replaces an earlier one (a change is a new record)', () => {
    const later = numbered([], {
      panelDecisions: [
        decision({ passed: true, decidedAt: '2025-11-26T09:00:00+08:00', recordId: 'PD-2' }),
        decision({ passed: false, decidedAt: '2025-11-25T10:00:00+08:00' }),
      ],
    });
    expect(traineeFinding(later, 'R-OUTCOME-HOURS')!.status).toBe('pass');
    // Instants compare as instants: 01:30Z on the 26th is after 09:00+08:00 (01:00Z).
    const byInstant = numbered([], {
      panelDecisions: [
        decision({ passed: true, decidedAt: '2025-11-26T09:00:00+08:00' }),
        decision({ passed: false, decidedAt: '2025-11-26T01:30:00Z' }),
      ],
    });
    expect(traineeFinding(byInstant, 'R-OUTCOME-HOURS')!.status).toBe('fail');
  });

  test('panel decisions arrive as JSON through the same schema as every other input', () => {
    const json = policyInputsJsonSchema.parse({
      panelDecisions: [decision()],
      measuredSeconds: { 'C1-live-1-v': 10_800 },
    });
    const inputs = inputsFromJson(json);
    expect(inputs.panelDecisions).toEqual([decision()]);
    expect(inputs.measuredSeconds?.get('C1-live-1-v')).toBe(10_800);
    expect(
      policyInputsJsonSchema.safeParse({ panelDecisions: [{ ...decision(), decidedAt: '昨天' }] })
        .success,
    ).toBe(false);
  });
});

describe('reading: a missing or failed 10-second clip makes that class hour unproven', () => {
  /** A 56-hour basic class with `missing` clips dropped from its first offline session. */
  function withMissing(missing: number, failed: string[] = []) {
    const r = makeClass({
      trainees: 2,
      session: (s) =>
        s.id === 'C1-offline-1'
          ? { clipFileIds: s.clipFileIds.slice(0, s.clipFileIds.length - missing) }
          : {},
    });
    const inputs = cleanAudit(r);
    for (const id of failed) inputs.clipChecks!.set(id, false);
    return evaluateOne(r, inputs);
  }

  test('one missing clip: that hour does not count, but the class keeps its subsidy', () => {
    const res = withMissing(1);
    expect(res.hours).toMatchObject({ filed: 56, counted: 55 });
    const clip = classFindings(res, 'R-OFFLINE-CLIP').find((f) => f.status === 'fail')!;
    expect(clip.severity).toBe('warning');
    expect(clip.facts).toContain('2025-10-20 09:00 场第 4 课时');
    expect(classFinding(res, 'R-HOURS-MIN').message).toContain('须加上成果评审合格');
    expect(res.trainees[0]).toMatchObject({ status: 'eligible', trainingYuan: 1500 });
    expect(res.trainees[0]!.creditedHours).toBe(59);
  });

  test('a clip the auditor failed counts like a missing one, and names its hour and file', () => {
    const res = withMissing(0, ['C1-offline-1-c2']);
    expect(res.hours.counted).toBe(55);
    const clip = classFindings(res, 'R-OFFLINE-CLIP').find((f) => f.status === 'fail')!;
    expect(clip.facts).toContain('第 2 课时（C1-offline-1-c2）');
    expect(res.trainees[0]!.status).toBe('eligible');
  });

  test('an unchecked clip is 待核查 and its hour still counts', () => {
    const r = makeClass({ trainees: 1 });
    const res = evaluateOne(r, { ...cleanAudit(r), clipChecks: new Map() });
    expect(res.hours.counted).toBe(56);
    expect(classFindings(res, 'R-OFFLINE-CLIP').some((f) => f.status === 'pending')).toBe(true);
  });

  test('four unproven hours leave 52 + 4 outcome hours = 56: still enough (the bound is included)', () => {
    const res = withMissing(4);
    expect(res.hours.counted).toBe(52);
    expect(res.trainees[0]).toMatchObject({ status: 'eligible', trainingYuan: 1500 });
  });

  test('five unproven hours drop the class below its minimum: then, and only then, the subsidy goes', () => {
    const res = withMissing(4, ['C1-offline-2-c1']);
    expect(res.hours.counted).toBe(51);
    const hours = classFinding(res, 'R-HOURS-MIN');
    expect(hours).toMatchObject({ status: 'fail', severity: 'error' });
    expect(hours.facts).toContain('其中 5 课时缺少或未通过现场视频不计入');
    expect(res.trainees.every((t) => t.status === 'ineligible')).toBe(true);
    expect(res.trainees[0]!.blockedBy).toEqual(['R-HOURS-MIN']);
  });
});

describe('reading: unproven clip hours and the elite tiers', () => {
  // 80 filed hours (28 live + 40 recorded + 12 offline) + 4 outcome hours: the 80-hour tier.
  const elite = (missing: number) => {
    const r = makeClass({
      program: 'elite-launch',
      trainees: 1,
      minutes: { live: 28 * H, recorded: 40 * H, offline: 12 * H },
      trainee: () => ({ competitionAward: { level: 'national', name: '全国大赛' } }),
      // Each 180-minute offline session has 4 clips: drop from the first, then the second.
      session: (s) => {
        const drop =
          s.id === 'C1-offline-1'
            ? Math.min(missing, 4)
            : s.id === 'C1-offline-2'
              ? Math.max(0, missing - 4)
              : 0;
        return { clipFileIds: s.clipFileIds.slice(0, s.clipFileIds.length - drop) };
      },
    });
    return evaluateOne(r, cleanAudit(r)).trainees[0]!;
  };

  test('four unproven hours leave 76 + 4 = 80 hours: still the 2500 元 tier', () => {
    expect(elite(4)).toMatchObject({ creditedHours: 80, trainingYuan: 2500 });
  });

  test('five leave 79 hours: the tier the class reached is 60 hours, 2000 元', () => {
    expect(elite(5)).toMatchObject({ creditedHours: 79, trainingYuan: 2000 });
  });
});

describe('reading: no pack, no claim', () => {
  const everyonePassed = (startDate: string, endDate: string) => {
    const r = makeClass({ startDate, endDate });
    return evaluate(r, cleanAudit(r));
  };

  test('a class starting 2026-03-01 is 不适用 for every trainee: nothing claimable, the needed pack named', () => {
    const e = everyonePassed('2026-03-01', '2026-03-20');
    const c = e.classes[0]!;
    expect(c.packInForce).toBe(false);
    expect(c.neededPack).toContain('须导入有效期覆盖 2026-03-01 的政策包');
    expect(c.totals).toMatchObject({
      trainees: 40,
      notApplicable: 40,
      eligible: 0,
      trainingYuan: 0,
      totalYuan: 0,
      potentialYuan: 0,
    });
    const t = c.trainees[0]!;
    expect(t).toMatchObject({ status: 'not-applicable', trainingYuan: 0, referenceYuan: 1500 });
    const subsidy = t.reasons.find((f) => f.ruleId === 'R-SUBSIDY-BASIC')!;
    expect(subsidy.status).toBe('not-applicable');
    expect(subsidy.amountYuan).toBeUndefined();
    expect(subsidy.message).toContain('参考');
    expect(e.totals.totalYuan).toBe(0);
  });

  test('the same class starting 2025-12-31, the pack’s last day, is judged and claimable', () => {
    const c = everyonePassed('2025-12-31', '2026-01-20').classes[0]!;
    expect(c.packInForce).toBe(true);
    expect(c.neededPack).toBeUndefined();
    expect(c.totals).toMatchObject({ eligible: 40, notApplicable: 0, trainingYuan: 60_000 });
  });

  test('the quarter sheet lists such a class as 不适用 and never as a row', () => {
    const r = makeClass({ id: 'C9', startDate: '2026-03-01', endDate: '2026-03-20' });
    const sheet = buildQuarterSheet(evaluate(r, cleanAudit(r)), { quarter: '2026Q1' });
    if (!sheet.ok) throw new Error(sheet.error.message);
    expect(sheet.sheet.claimable).toEqual([]);
    expect(sheet.sheet.unclaimable).toEqual([]);
    expect(sheet.sheet.notApplicable).toEqual([
      expect.objectContaining({ classId: 'C9', startDate: '2026-03-01' }),
    ]);
    expect(sheet.sheet.totals.claimableYuan).toBe(0);
  });

  test('the preview uses the most recently expired pack, not merely the newest', () => {
    const older = {
      ...JRSNF_2023_25,
      id: 'old-2020',
      effective: { from: '2020-01-01', to: '2021-12-31' },
    };
    const later = {
      ...JRSNF_2023_25,
      id: 'next-2027',
      effective: { from: '2027-01-01', to: '2027-12-31' },
    };
    expect(selectPack([older, JRSNF_2023_25, later], '2026-03-01')).toEqual({
      pack: JRSNF_2023_25,
      inForce: false,
    });
    expect(selectPack([older, JRSNF_2023_25, later], '2022-06-01').pack.id).toBe('old-2020');
    expect(selectPack([older, JRSNF_2023_25, later], '2019-06-01').pack.id).toBe('old-2020');
  });
});

describe('reading: a live replay proves a session only if it covers ≥ 95 % of it', () => {
  // The factory's live sessions are 180 minutes = 10,800 s; 95 % of that is 10,260 s.
  const judge = (seconds: number | undefined) => {
    const r = makeClass({ trainees: 1 });
    const inputs = cleanAudit(r);
    if (seconds === undefined) inputs.measuredSeconds!.delete('C1-live-1-v');
    else inputs.measuredSeconds!.set('C1-live-1-v', seconds);
    return classFindings(evaluateOne(r, inputs), 'R-LIVE-SCREEN');
  };

  test('a replay measured at exactly 95 % of its session proves it', () => {
    expect(judge(10_260).map((f) => f.status)).toEqual(['pass']);
  });

  test('a replay measured one second short of 95 % does not, and names the session', () => {
    const fs = judge(10_259);
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ status: 'fail', severity: 'warning' });
    expect(fs[0]!.facts).toContain('2025-10-10 09:00');
    expect(fs[0]!.facts).toContain('< 95%');
  });

  test('a replay not measured from the file is 待核查, whatever the manifest states', () => {
    const r = makeClass({ trainees: 1 });
    expect(r.files.find((f) => f.id === 'C1-live-1-v')!.durationSeconds).toBe(10_800);
    const fs = judge(undefined);
    expect(fs.map((f) => f.status)).toEqual(['pending']);
    expect(fs[0]!.message).toContain('清单所报时长不作证明');
  });

  test('the measured duration wins over a manifest that claims the full session', () => {
    expect(judge(60).map((f) => f.status)).toEqual(['fail']);
  });
});
