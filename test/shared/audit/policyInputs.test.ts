import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { auditPolicyInputs, type AuditState } from '../../../src-shared/audit/policyInputs';
import {
  newSamplingPlan,
  sampledSessionIds,
  sampleSeedText,
} from '../../../src-shared/audit/sampling';
import type { AuditVerdictPayload } from '../../../src-shared/audit/verdicts';
import type { AuditFindingPayload } from '../../../src-shared/audit/findings';
import { classFinding, classFindings, evaluate, makeClass } from '../policy/factories';

const sha = (t: string) => new Uint8Array(createHash('sha256').update(t).digest());

function setup() {
  const r = makeClass({ id: 'C1' });
  const live = r.sessions.filter((s) => s.mode === 'live');
  const plan = newSamplingPlan({
    packageId: 'pkg',
    classId: 'C1',
    auditorSeed: 's1',
    sessions: live,
    digest: sha(sampleSeedText('pkg', 'C1', 's1')),
  });
  return { r, live, plan };
}

const evalClass = (r: ReturnType<typeof makeClass>, state: AuditState) =>
  evaluate(r, auditPolicyInputs(state, r), '2025-12-01');

describe('audit work as policy inputs', () => {
  test('R-LIVE-SAMPLE reads the minutes watched of the sampled sessions, not the drawn minutes', () => {
    const { r, plan } = setup();
    const empty: AuditState = { plans: [], ledgers: [], findings: [], verdicts: [] };
    expect(classFinding(evalClass(r, empty).classes[0]!, 'R-LIVE-SAMPLE').status).toBe('pending');

    const drawnOnly: AuditState = { ...empty, plans: [plan] };
    const f1 = classFinding(evalClass(r, drawnOnly).classes[0]!, 'R-LIVE-SAMPLE');
    expect(f1.status).toBe('fail');
    expect(f1.facts).toContain('抽查 0 分钟');

    // Watch every sampled session's file from start to end.
    const sessions = new Map(r.sessions.map((s) => [s.id, s]));
    const ledgers = sampledSessionIds(plan).map((id) => {
      const s = sessions.get(id)!;
      return {
        fileId: s.videoFileIds[0]!,
        intervals: [[0, s.minutes * 60] as const],
        durationSeconds: s.minutes * 60,
      };
    });
    const watched: AuditState = { ...drawnOnly, ledgers };
    const f2 = classFinding(evalClass(r, watched).classes[0]!, 'R-LIVE-SAMPLE');
    expect(f2.status).toBe('pass');
    expect(f2.facts).toContain(`抽查 ${plan.drawnMinutes} 分钟`);
  });

  test('a watched stretch of an unsampled session does not count', () => {
    const { r, live, plan } = setup();
    const other = live.find((s) => !sampledSessionIds(plan).includes(s.id))!;
    const state: AuditState = {
      plans: [plan],
      ledgers: [{ fileId: other.videoFileIds[0]!, intervals: [[0, other.minutes * 60]] }],
      findings: [],
      verdicts: [],
    };
    expect(auditPolicyInputs(state, r).liveSampleMinutes?.get('C1')).toBe(0);
  });

  test('clip marks, a class conclusion and a serious finding change the findings', () => {
    const { r, live } = setup();
    const clips = r.files.filter((f) => f.kind === 'clip');
    const verdicts: AuditVerdictPayload[] = [
      ...clips.map((f, i): AuditVerdictPayload => ({
        subject: 'clip',
        packageId: 'pkg',
        classId: 'C1',
        sessionId: 'x',
        fileId: f.id,
        genuine: i !== 0,
        note: '',
      })),
      {
        subject: 'class',
        packageId: 'pkg',
        classId: 'C1',
        conclusion: 'violation',
        note: '',
        watchedMinutes: {},
        liveScreening: { screened: true, openAlerts: 0 },
        videoRetention: true,
      },
    ];
    const finding: AuditFindingPayload = {
      packageId: 'pkg',
      classId: 'C1',
      organizerId: 'ORG1',
      sessionId: live[0]!.id,
      fileId: live[0]!.videoFileIds[0]!,
      videoSha256: 'a'.repeat(64),
      category: 'lecturer-absent',
      ruleId: 'R-LECTURERS',
      exitGround: 4,
      severity: 'serious',
      note: '09:40–10:05 讲台无人',
      start: 2400,
    };
    const before = evalClass(r, { plans: [], ledgers: [], findings: [], verdicts: [] });
    const after = evalClass(r, { plans: [], ledgers: [], findings: [finding], verdicts });
    const clip = (e: typeof before) => classFindings(e.classes[0]!, 'R-OFFLINE-CLIP');
    expect(clip(before).some((f) => f.status === 'pending')).toBe(true);
    expect(clip(after).some((f) => f.status === 'pending')).toBe(false);
    expect(clip(after).some((f) => f.status === 'fail' && f.message.includes('核查不通过'))).toBe(
      true,
    );
    expect(classFinding(after.classes[0]!, 'R-VIDEO-RETAIN').status).toBe('pass');
    const exit4 = (e: typeof before) =>
      e.organizers[0]!.findings.find((f) => f.ruleId === 'R-EXIT-4')!;
    expect(exit4(before).status).toBe('pending');
    expect(exit4(after)).toMatchObject({ status: 'fail', severity: 'error' });
    expect(exit4(after).facts).toContain('讲台无人');
    expect(after.organizers[0]!.findings.find((f) => f.ruleId === 'R-EXIT-6')!.status).toBe('pass');
  });
});

describe('floorMinutes', () => {
  test('rounds frames to whole seconds, then minutes down to a tenth', async () => {
    const { floorMinutes } = await import('../../../src-shared/audit/policyInputs');
    expect(floorMinutes(59.9)).toBe(1);
    expect(floorMinutes(59.4)).toBe(0.9);
    expect(floorMinutes(89)).toBe(1.4);
  });
});
