// The demo package read as a district reviewer reads it: the policy engine over the committed
// package, built the way `npm run policy -- check` builds its input. Only the violations seeded
// on purpose (docs/demo.md, "Seeded findings") may fail; filing gaps the generator forgot (no
// full recording, no course package) must not drown them.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PackageFile, PackageRecords } from '../../../src-shared/records/records';
import {
  evaluatePackage,
  type ClassResult,
  type PackageEvaluation,
} from '../../../src-shared/policy/engine';
import type { Finding } from '../../../src-shared/policy/findings';
import type { PolicyInputs } from '../../../src-shared/policy/inputs';
import { BUILTIN_PACKS } from '../../../src-shared/policy/pack-jrsnf-2023-25';
import { loadWorkPackage } from '../../../src-main/services/policy/loadCheckInput';
import { DEMO_MEDIA_DIR, DEMO_PACKAGE } from '../../../scripts/demo/build';
import { webmDurationSeconds } from './webmDuration';

// After every demo class has ended and the 2024 shops have had their 6 months.
const AS_OF = '2025-06-25';

let records: PackageRecords;
let files: PackageFile[];
let plain: PackageEvaluation;

beforeAll(async () => {
  const loaded = await loadWorkPackage(DEMO_PACKAGE);
  if (!loaded.ok) throw new Error(loaded.error.message);
  ({ records, files } = loaded.value);
  expect(loaded.value.packs).toEqual([]);
  plain = evaluatePackage(records, { asOf: AS_OF, files, packs: BUILTIN_PACKS });
});

const classOf = (e: PackageEvaluation, id: string): ClassResult => {
  const c = e.classes.find((x) => x.classId === id);
  if (!c) throw new Error(`no class ${id}`);
  return c;
};
const classFindings = (c: ClassResult): Finding[] => Object.values(c.findings).flat();
const failing = (fs: Finding[], severity = 'error') =>
  fs.filter((f) => f.status === 'fail' && f.severity === severity);
const traineeReasons = (e: PackageEvaluation, classId: string, traineeId: string): Finding[] => {
  const t = classOf(e, classId).trainees.find((x) => x.traineeId === traineeId);
  if (!t) throw new Error(`no trainee ${traineeId} in ${classId}`);
  return t.reasons;
};

/** Class-level rules that fail with an error, by class. */
const classErrors = (e: PackageEvaluation): Record<string, string[]> =>
  Object.fromEntries(
    e.classes.map((c) => [c.classId, [...new Set(failing(classFindings(c)).map((f) => f.ruleId))]]),
  );

/** Trainee-level rules that fail with an error, as "traineeId rule". */
const traineeErrors = (e: PackageEvaluation): string[] =>
  e.classes.flatMap((c) =>
    c.trainees.flatMap((t) => failing(t.reasons).map((f) => `${t.traineeId} ${f.ruleId}`)),
  );

/**
 * Durations measured from the external files that are on the demo's drive (the media folder
 * beside the package), as a player measures them once the drive is attached. Declared-only
 * files have no bytes anywhere, so they stay unmeasured.
 */
function measuredOnDrive(): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of files) {
    const path = join(DEMO_MEDIA_DIR, f.path);
    if (!f.external || !existsSync(path)) continue;
    const seconds = webmDurationSeconds(readFileSync(path));
    if (seconds !== undefined) m.set(f.id, seconds);
  }
  return m;
}

/**
 * What the district's reviewers would have entered after a clean audit: every check they make
 * passes, and every trainee's outcome review passed except the one the 2024 class failed.
 */
function cleanAudit(): PolicyInputs {
  const byClass = <V>(v: V) => new Map(records.classes.map((c) => [c.id, v]));
  const clips = records.sessions.flatMap((s) => s.clipFileIds);
  // The finished 2024 class was reviewed back then: its certificates stand for a pass, and
  // T-00133, the one without a number, failed.
  const passed = new Set([
    ...records.submissions.map((s) => s.traineeId),
    ...records.certificateNumbers.map((c) => c.traineeId),
  ]);
  const courses = files.filter((f) => f.kind === 'course-package');
  return {
    outcomePassed: new Map([
      ...[...passed].map((id): [string, boolean] => [id, true]),
      ['T-00133', false],
    ]),
    liveSampleMinutes: new Map(
      records.classes.map((c) => [
        c.id,
        records.sessions
          .filter((s) => s.classId === c.id && s.mode === 'live')
          .reduce((n, s) => n + s.minutes, 0),
      ]),
    ),
    liveScreening: byClass({ screened: true, openAlerts: 0 }),
    recordedChecks: byClass({ spotChecks: 3, transmitted: true }),
    clipChecks: new Map(clips.map((id) => [id, true])),
    videoRetention: byClass(true),
    exitReviews: new Map(records.organizers.map((o) => [o.id, []])),
    measuredSeconds: measuredOnDrive(),
    coursePackages: courses.map((f) => ({
      fileId: f.id,
      hasIntroduction: true,
      hasDirectory: true,
      hasResources: true,
      matchesPlan: true,
      copyrightProof: true,
      contentIssues: [],
      avIssues: [],
    })),
  };
}

describe('the demo package under the policy engine', () => {
  it('files a full recording for every offline session: no class fails R-OFFLINE-FULL', () => {
    for (const c of plain.classes) {
      const full = classFindings(c).filter((f) => f.ruleId === 'R-OFFLINE-FULL');
      expect(
        full.map((f) => f.status),
        c.classId,
      ).toEqual(['pass']);
    }
  });

  it('links a course package to every recorded session; only the seeded 30-second one fails R-PKG-45MIN', () => {
    const pkg = Object.entries(classErrors(plain))
      .filter(([, rules]) => rules.includes('R-PKG-45MIN'))
      .map(([id]) => id);
    expect(pkg).toEqual(['C-2025-CY-O02']);
    const o02 = failing(classFindings(classOf(plain, 'C-2025-CY-O02'))).filter(
      (f) => f.ruleId === 'R-PKG-45MIN',
    );
    expect(o02.map((f) => f.message)).toContain('课程包播放时长不足 45 分钟');
    expect(o02.map((f) => f.facts).join(' ')).toContain('“商品选品与定价”的课程包 0.5 分钟');
    for (const c of plain.classes.filter((x) => x.classId !== 'C-2025-CY-O02'))
      expect(
        classFindings(c)
          .filter((f) => f.ruleId === 'R-PKG-45MIN')
          .map((f) => f.status),
        c.classId,
      ).toEqual(['pass']);
  });

  it('fails exactly the seeded class-level rules, with an error-free class among them', () => {
    expect(classErrors(plain)).toEqual({
      'C-2025-HD-B01': [],
      'C-2025-HD-B02': ['R-CLASS-SIZE'],
      'C-2025-CY-B03': ['R-PLAN-APPROVED'],
      'C-2025-CY-O01': [],
      'C-2025-CY-O02': ['R-RECORDED-MAX', 'R-PKG-45MIN'],
      'C-2024-HD-O03': [],
      'C-2025-HD-EL01': [],
      'C-2025-HD-EP01': ['R-LECTURERS'],
    });
    expect(classFindings(classOf(plain, 'C-2025-HD-B02')).map((f) => f.facts)).toContain(
      '41 人 > 40 人',
    );
    expect(
      plain.classes.filter((c) => failing(classFindings(c)).length === 0).length,
    ).toBeGreaterThan(0);
  });

  it('warns only about the few trainees who missed an offline sign-in and the audit class’s seeded clips', () => {
    const warned = plain.classes.flatMap((c) =>
      failing(classFindings(c), 'warning').map(
        (f) => `${f.ruleId}${f.ruleId === 'R-OFFLINE-CLIP' ? ` ${c.classId}` : ''}`,
      ),
    );
    expect(new Set(warned)).toEqual(new Set(['R-OFFLINE-SIGNIN', 'R-OFFLINE-CLIP C-2025-HD-B01']));
    const clip = classFindings(classOf(plain, 'C-2025-HD-B01')).filter(
      (f) => f.ruleId === 'R-OFFLINE-CLIP' && f.status === 'fail',
    );
    // Format 3: the missing clip is named by its hour (capture times), the short one by its file.
    expect(clip.map((f) => f.facts).join(' ')).toContain('2025-03-19 09:00 场第 3 课时');
    expect(clip.map((f) => f.facts).join(' ')).toContain('clip-2025-HD-B01-08-h2（4 秒）');
  });

  it('fails exactly the seeded trainees on eligibility', () => {
    expect(traineeErrors(plain).sort()).toEqual([
      'T-00007 R-TARGET-GROUP',
      'T-00010 R-ONE-PER-YEAR',
      'T-00075 R-NO-REPEAT',
      'T-00098 R-TARGET-GROUP',
      'T-00136 R-ELITE-ELIGIBLE',
      'T-00147 R-ELITE-ELIGIBLE',
    ]);
    expect(
      traineeReasons(plain, 'C-2025-HD-B01', 'T-00007').find((f) => f.ruleId === 'R-TARGET-GROUP')
        ?.facts,
    ).toContain('毕业 2021-06-30');
    expect(
      traineeReasons(plain, 'C-2025-HD-B01', 'T-00010').find((f) => f.ruleId === 'R-ONE-PER-YEAR')
        ?.facts,
    ).toContain('2025-01-24');
    expect(
      traineeReasons(plain, 'C-2025-HD-EP01', 'T-00147').find(
        (f) => f.ruleId === 'R-ELITE-ELIGIBLE',
      )?.facts,
    ).toContain('2024-01-12');
    // The contrast case: out-of-town university but Beijing origin is not held against him.
    const contrast = classOf(plain, 'C-2025-CY-O01').trainees.find(
      (t) => t.traineeId === 'T-00101',
    );
    expect(contrast?.status).toBe('pending');
    expect(
      contrast?.reasons.some((f) => f.ruleId === 'R-TARGET-GROUP' && f.status === 'fail'),
    ).toBe(false);
  });

  it('records no submission for the two trainees who handed in nothing', () => {
    const handedIn = new Set(records.submissions.map((s) => s.traineeId));
    expect(['T-00048', 'T-00117'].filter((id) => handedIn.has(id))).toEqual([]);
  });

  it('withholds subsidy only where a seeded error stands; the rest waits on the reviewers’ checks', () => {
    const blocked = plain.classes.filter((c) => c.trainees.every((t) => t.status === 'ineligible'));
    expect(blocked.map((c) => c.classId)).toEqual([
      'C-2025-HD-B02',
      'C-2025-CY-B03',
      'C-2025-CY-O02',
      'C-2025-HD-EP01',
    ]);
    expect(plain.totals.ineligible).toBe(90);
    // Reading "the platform's signed records are inputs": the 7 numbered trainees of the 2024
    // class moved from 待核查 to 可申领 (62 pending before).
    expect(plain.totals).toMatchObject({
      pending: 55,
      eligible: 7,
      notApplicable: 0,
      totalYuan: 16_000,
    });
    expect(plain.totals.potentialYuan).toBeGreaterThan(0);
  });

  it('reads the 2024 class’s platform certificate numbers as passed outcomes (平台记录); T-00133, without one, stays 待核查', () => {
    const o03 = classOf(plain, 'C-2024-HD-O03');
    const numbered = new Set(records.certificateNumbers.map((n) => n.traineeId));
    expect(numbered.size).toBe(7);
    for (const t of o03.trainees.filter((x) => numbered.has(x.traineeId))) {
      expect(t, t.traineeId).toMatchObject({
        status: 'eligible',
        outcomeSource: 'platform',
        outcomeConflict: false,
        trainingYuan: 2000,
      });
      expect(t.reasons.find((f) => f.ruleId === 'R-OUTCOME-HOURS')?.message).toContain('平台记录');
    }
    const t133 = o03.trainees.find((t) => t.traineeId === 'T-00133')!;
    expect(t133).toMatchObject({ status: 'pending', trainingYuan: 0 });
    expect(t133.outcomeSource).toBeUndefined();
    expect(o03.totals).toMatchObject({ trainingYuan: 7 * 2000, practiceYuan: 2 * 1000 });
  });

  it('proves no live session from the manifest: every replay waits to be measured from its file', () => {
    for (const c of plain.classes) {
      const replay = classFindings(c).filter(
        (f) => f.ruleId === 'R-LIVE-SCREEN' && f.message.includes('回放时长尚未从文件测得'),
      );
      expect(
        replay.map((f) => f.status),
        c.classId,
      ).toEqual(['pending']);
    }
  });

  describe('after a clean audit (every reviewer check entered and passed, the drive attached)', () => {
    let audited: PackageEvaluation;
    beforeAll(() => {
      audited = evaluatePackage(records, {
        asOf: AS_OF,
        files,
        packs: BUILTIN_PACKS,
        inputs: cleanAudit(),
      });
    });

    it('keeps every seeded error and lets the reviewed 2024 class claim its subsidies', () => {
      expect(classErrors(audited)).toEqual(classErrors(plain));
      expect(traineeErrors(audited).sort()).toEqual(
        [...traineeErrors(plain), 'T-00133 R-CERT-PASSED'].sort(),
      );
      const o03 = classOf(audited, 'C-2024-HD-O03');
      expect(o03.totals).toMatchObject({
        eligible: 7,
        pending: 0,
        ineligible: 1,
        trainingYuan: 7 * 2000,
        practiceYuan: 2 * 1000,
      });
    });

    it('leaves a 2025 class without a seeded error waiting only for its certificate numbers', () => {
      // The platform numbers certificates after this review, so none exist in the package yet.
      const b01 = classOf(audited, 'C-2025-HD-B01');
      expect(b01.totals).toMatchObject({ eligible: 0, pending: 28, ineligible: 2 });
      const open = new Set(
        b01.trainees.flatMap((t) =>
          t.reasons.filter((f) => f.status === 'pending').map((f) => f.ruleId),
        ),
      );
      expect(open).toEqual(new Set(['R-CERT-NUMBER', 'R-SUBSIDY-BASIC']));
      expect(b01.totals.potentialYuan).toBe(28 * 1500);
    });

    it('shows the 2024 practice-guidance cases: shop ≥ 3000 元 passes, < 3000 元 fails, licence from 2024-12-02', () => {
      const practice = (id: string) =>
        traineeReasons(audited, 'C-2024-HD-O03', id).find((f) => f.ruleId === 'R-SUBSIDY-PRACTICE');
      expect(practice('T-00126')).toMatchObject({ status: 'pass', qualifiesOn: '2025-05-20' });
      expect(practice('T-00127')?.status).toBe('fail');
      expect(practice('T-00127')?.facts).toContain('< 3000 元');
      expect(practice('T-00128')).toMatchObject({ status: 'pass', qualifiesOn: '2025-06-02' });
      const cert = traineeReasons(audited, 'C-2024-HD-O03', 'T-00133').find(
        (f) => f.ruleId === 'R-CERT-PASSED',
      );
      expect(cert).toMatchObject({ status: 'fail', severity: 'error' });
    });

    it('measures the audit class’s media on the drive: its two 15-minute replays prove their sessions, every other replay stays 待核查', () => {
      const measured = measuredOnDrive();
      expect(measured.size).toBe(37);
      expect(measured.get('replay-S-2025-HD-B01-02')).toBe(900);
      expect(measured.get('replay-S-2025-HD-B01-03')).toBe(900);
      expect(measured.get('course-S-2025-HD-B01-05')).toBe(47 * 60);
      expect(measured.get('clip-2025-HD-B01-08-h2')).toBe(4);
      const b01 = classFindings(classOf(audited, 'C-2025-HD-B01'));
      expect(b01.filter((f) => f.ruleId === 'R-LIVE-SCREEN').map((f) => f.status)).toEqual([
        'pass',
      ]);
      expect(b01.find((f) => f.ruleId === 'R-PKG-45MIN')?.status).not.toBe('fail');
      const warned = audited.classes.flatMap((c) =>
        failing(classFindings(c), 'warning').map((f) => `${c.classId} ${f.ruleId}`),
      );
      expect(new Set(warned.filter((w) => !w.endsWith('R-OFFLINE-SIGNIN')))).toEqual(
        new Set(['C-2025-HD-B01 R-OFFLINE-CLIP']),
      );
      const pendingScreens = audited.classes.filter((c) =>
        classFindings(c).some((f) => f.ruleId === 'R-LIVE-SCREEN' && f.status === 'pending'),
      );
      expect(pendingScreens.map((c) => c.classId)).not.toContain('C-2025-HD-B01');
      expect(pendingScreens.length).toBeGreaterThan(0);
    });

    it('an auditor failing one of B01’s clips: that hour stops counting, the class keeps its subsidy', () => {
      const inputs = cleanAudit();
      const clip = records.sessions.find(
        (s) => s.classId === 'C-2025-HD-B01' && s.mode === 'offline',
      )!.clipFileIds[0]!;
      inputs.clipChecks!.set(clip, false);
      const b01 = classOf(
        evaluatePackage(records, { asOf: AS_OF, files, packs: BUILTIN_PACKS, inputs }),
        'C-2025-HD-B01',
      );
      // 57⅓ filed hours; the never-filed clip of session 06 and the failed one leave two unproven.
      expect(b01.hours).toMatchObject({ filed: 2580 / 45, counted: 2490 / 45 });
      const money = ({ eligible, pending, ineligible, potentialYuan }: ClassResult['totals']) => ({
        eligible,
        pending,
        ineligible,
        potentialYuan,
      });
      expect(money(b01.totals)).toEqual(money(classOf(audited, 'C-2025-HD-B01').totals));
      expect(b01.totals.potentialYuan).toBe(28 * 1500);
    });
  });
});
