import { describe, expect, test } from 'vitest';
import {
  classFinding,
  classFindings,
  cleanAudit,
  evaluateOne,
  makeClass,
  traineeFinding,
} from './factories';

const H = 45;

describe('R-LIVE-SAMPLE', () => {
  // Default class: 20 live hours = 900 minutes, so 10 % is 90 minutes.
  test.each([
    [90, 'pass'],
    [89, 'fail'],
  ])('%i sampled minutes of 900 live minutes → %s', (sampled, status) => {
    const r = makeClass();
    const f = classFinding(
      evaluateOne(r, { ...cleanAudit(r), liveSampleMinutes: new Map([['C1', sampled]]) }),
      'R-LIVE-SAMPLE',
    );
    expect(f.status).toBe(status);
    expect(f.facts).toContain(`抽查 ${sampled} 分钟 / 直播 900 分钟`);
  });

  test('no sample recorded yet is 待核查, not a pass', () => {
    const f = classFinding(evaluateOne(makeClass()), 'R-LIVE-SAMPLE');
    expect(f.status).toBe('pending');
    expect(f.message).toContain('待核查');
  });

  test('a class without live hours needs no sample', () => {
    const r = makeClass({ minutes: { live: 0, offline: 36 * H } });
    expect(classFinding(evaluateOne(r), 'R-LIVE-SAMPLE').status).toBe('not-applicable');
  });
});

describe('R-LIVE-SCREEN', () => {
  test('open alerts or unscreened content are warnings; missing input is 待核查', () => {
    const r = makeClass();
    const base = cleanAudit(r);
    expect(classFinding(evaluateOne(r, base), 'R-LIVE-SCREEN').status).toBe('pass');
    expect(
      classFinding(
        evaluateOne(r, {
          ...base,
          liveScreening: new Map([['C1', { screened: true, openAlerts: 2 }]]),
        }),
        'R-LIVE-SCREEN',
      ).facts,
    ).toContain('2 条');
    expect(
      classFinding(
        evaluateOne(r, {
          ...base,
          liveScreening: new Map([['C1', { screened: false, openAlerts: 0 }]]),
        }),
        'R-LIVE-SCREEN',
      ).severity,
    ).toBe('warning');
    expect(
      classFinding(evaluateOne(r, { ...base, liveScreening: undefined }), 'R-LIVE-SCREEN').status,
    ).toBe('pending');
  });

  test('a live session whose video the platform did not keep is flagged', () => {
    const r = makeClass({ session: (s) => (s.id === 'C1-live-1' ? { videoFileIds: [] } : {}) });
    const fs = classFindings(evaluateOne(r, cleanAudit(r)), 'R-LIVE-SCREEN');
    expect(fs.some((f) => f.status === 'fail' && f.facts.includes('1 / 5'))).toBe(true);
  });
});

describe('R-RECORDED-CHECK', () => {
  test.each([
    [{ spotChecks: 3, transmitted: true }, 'pass'],
    [{ spotChecks: 0, transmitted: true }, 'fail'],
    [{ spotChecks: 3, transmitted: false }, 'fail'],
    [undefined, 'pending'],
  ])('recorded platform checks %j → %s', (check, status) => {
    const r = makeClass();
    const inputs = {
      ...cleanAudit(r),
      recordedChecks: check ? new Map([['C1', check]]) : undefined,
    };
    expect(classFinding(evaluateOne(r, inputs), 'R-RECORDED-CHECK').status).toBe(status);
  });
});

describe('R-OFFLINE-SIGNIN', () => {
  test('every trainee signed in with face and location passes', () => {
    const r = makeClass();
    expect(classFinding(evaluateOne(r, cleanAudit(r)), 'R-OFFLINE-SIGNIN').status).toBe('pass');
  });

  test('a sign-in without location counts as missing, and the trainee is flagged', () => {
    const r = makeClass({
      trainees: 3,
      session: (s) =>
        s.id === 'C1-offline-1'
          ? {
              signIns: s.signIns.map((x) =>
                x.traineeId === 'C1-T2' ? { ...x, located: false } : x,
              ),
            }
          : {},
    });
    const res = evaluateOne(r, cleanAudit(r));
    const f = classFinding(res, 'R-OFFLINE-SIGNIN');
    expect(f.severity).toBe('warning');
    expect(f.facts).toContain('缺少人脸+位置签到 1 人次');
    expect(traineeFinding(res, 'R-OFFLINE-SIGNIN', 1)!.message).toContain('1 次');
    expect(traineeFinding(res, 'R-OFFLINE-SIGNIN', 0)).toBeUndefined();
  });
});

describe('R-OFFLINE-CLIP', () => {
  test('one 10-second clip per completed offline hour passes', () => {
    const r = makeClass();
    const fs = classFindings(evaluateOne(r, cleanAudit(r)), 'R-OFFLINE-CLIP');
    expect(fs.every((f) => f.status === 'pass')).toBe(true);
    expect(fs[0]!.facts).toContain('应上传 16 段');
  });

  test('a 180-minute session with 3 clips instead of 4 names the unproven hour (a warning, not an error by itself)', () => {
    const r = makeClass({
      session: (s) => (s.id === 'C1-offline-1' ? { clipFileIds: s.clipFileIds.slice(0, 3) } : {}),
    });
    const f = classFindings(evaluateOne(r, cleanAudit(r)), 'R-OFFLINE-CLIP')[0]!;
    expect(f).toMatchObject({ severity: 'warning', status: 'fail' });
    expect(f.facts).toContain('应上传 16 段');
    expect(f.facts).toContain('09:00 场第 4 课时');
  });

  test('with capture times (format 3) the missing clip is named by the hour it should prove, not the last one', () => {
    const r = makeClass();
    const session = r.sessions.find((s) => s.id === 'C1-offline-1')!;
    const start = Date.parse(`${session.date}T${session.startTime}:00+08:00`);
    // Hours 1, 3 and 4 have their clip, captured a few minutes into each hour; hour 2 has none.
    const clips = session.clipFileIds;
    const at = (minute: number) => new Date(start + minute * 60_000).toISOString();
    r.files.find((f) => f.id === clips[0])!.capturedAt = at(5);
    r.files.find((f) => f.id === clips[1])!.capturedAt = at(95);
    r.files.find((f) => f.id === clips[2])!.capturedAt = at(140);
    session.clipFileIds = clips.slice(0, 3);
    const f = classFindings(evaluateOne(r, cleanAudit(r)), 'R-OFFLINE-CLIP')[0]!;
    expect(f).toMatchObject({ severity: 'warning', status: 'fail' });
    expect(f.facts).toContain('09:00 场第 2 课时');
    expect(f.facts).not.toContain('第 4 课时');
  });

  test('a 100-minute session needs two clips (completed hours only)', () => {
    const r = makeClass({ minutes: { offline: 100, live: 20 * H + (16 * H - 100) } });
    const f = classFindings(evaluateOne(r, cleanAudit(r)), 'R-OFFLINE-CLIP')[0]!;
    expect(f.facts).toContain('应上传 2 段');
    expect(f.status).toBe('pass');
  });

  test('clips shorter than 10 seconds warn; clips the auditor rejected warn and name their hour; unchecked clips are 待核查', () => {
    const r = makeClass();
    r.files.find((f) => f.id === 'C1-offline-1-c1')!.durationSeconds = 6;
    const inputs = cleanAudit(r);
    expect(
      classFindings(evaluateOne(r, inputs), 'R-OFFLINE-CLIP').some(
        (f) => f.severity === 'warning' && f.facts.includes('6 秒'),
      ),
    ).toBe(true);
    inputs.clipChecks!.set('C1-offline-1-c2', false);
    expect(
      classFindings(evaluateOne(r, inputs), 'R-OFFLINE-CLIP').some(
        (f) => f.severity === 'warning' && f.facts.includes('第 2 课时（C1-offline-1-c2）'),
      ),
    ).toBe(true);
    expect(
      classFindings(evaluateOne(r, { ...inputs, clipChecks: undefined }), 'R-OFFLINE-CLIP').some(
        (f) => f.status === 'pending',
      ),
    ).toBe(true);
  });
});

describe('R-OFFLINE-FULL', () => {
  test('an offline session without a full recording is an error', () => {
    const r = makeClass({ session: (s) => (s.id === 'C1-offline-2' ? { videoFileIds: [] } : {}) });
    expect(classFinding(evaluateOne(r, cleanAudit(r)), 'R-OFFLINE-FULL').severity).toBe('error');
  });

  test('a recording much shorter than the session warns', () => {
    const r = makeClass();
    r.files.find((f) => f.id === 'C1-offline-1-v')!.durationSeconds = 60 * 60;
    const f = classFinding(evaluateOne(r, cleanAudit(r)), 'R-OFFLINE-FULL');
    expect(f.severity).toBe('warning');
    expect(f.facts).toContain('60 分钟 < 课程 180 分钟');
  });

  test('a duration measured from the file wins over the manifest’s, both ways', () => {
    const r = makeClass();
    const inputs = cleanAudit(r);
    inputs.measuredSeconds = new Map([
      ...(inputs.measuredSeconds ?? []),
      ['C1-offline-1-v', 50 * 60],
    ]);
    const f = classFinding(evaluateOne(r, inputs), 'R-OFFLINE-FULL');
    expect(f.severity).toBe('warning');
    expect(f.facts).toContain('50 分钟 < 课程 180 分钟');
    r.files.find((f) => f.id === 'C1-offline-1-v')!.durationSeconds = 60 * 60;
    inputs.measuredSeconds.set('C1-offline-1-v', 180 * 60);
    expect(classFinding(evaluateOne(r, inputs), 'R-OFFLINE-FULL').status).toBe('pass');
  });
});

describe('R-VIDEO-RETAIN', () => {
  test.each([
    [true, 'pass'],
    [false, 'fail'],
    [undefined, 'pending'],
  ])('platform retention confirmed = %s → %s', (confirmed, status) => {
    const r = makeClass();
    const inputs = {
      ...cleanAudit(r),
      videoRetention: confirmed === undefined ? undefined : new Map([['C1', confirmed]]),
    };
    const f = classFinding(evaluateOne(r, inputs), 'R-VIDEO-RETAIN');
    expect(f.status).toBe(status);
    expect(f.facts).toMatch(/至少保存至 2028-/);
  });
});

describe('R-VIDEO-480P', () => {
  test.each([
    [480, 'pass'],
    [479, 'fail'],
    [undefined, 'pending'],
  ])('a live session at %sP → %s', (height, status) => {
    const r = makeClass({ session: (s) => (s.id === 'C1-live-1' ? { videoHeight: height } : {}) });
    expect(classFinding(evaluateOne(r, cleanAudit(r)), 'R-VIDEO-480P').status).toBe(status);
  });
});
