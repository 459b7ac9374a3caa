// Gathers one class's 抽查报告 data from what the screen holds and the stored frame grabs;
// main turns it into the DOCX (audit:saveReportDocx).
import type { AuditReportData } from '../../../src-shared/audit/auditReportDoc';
import { latestVerdicts, watchedBySession } from '../../../src-shared/audit/policyInputs';
import { sampledSessionIds } from '../../../src-shared/audit/sampling';
import { idsSharingAName } from '../../../src-shared/records/sameNames';
import { shanghaiDate } from '../../../src-shared/time';
import { ruleTextsOn } from '../../../src-shared/policy/pack';
import type { RuleId } from '../../../src-shared/policy/ruleIds';
import type { WorkstationDb } from '../../db/db';
import type { AuditData } from './useAuditData';

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export async function buildReportData(
  db: WorkstationDb,
  data: AuditData,
  classId: string,
  auditorName: string,
): Promise<AuditReportData> {
  const klass = data.classes.find((c) => c.id === classId)!;
  const organizer = await db.organizers.get(klass.organizerId);
  const sessions = data.sessions.filter((s) => s.classId === classId);
  const byId = new Map(data.sessions.map((s) => [s.id, s]));
  const plan = data.plans.find((p) => p.payload.classId === classId)?.payload;
  const ledgers = new Map(
    [...data.ledgers.values()].map((l) => [
      l.fileId,
      { fileId: l.fileId, intervals: l.intervals, durationSeconds: l.durationSeconds },
    ]),
  );
  const watched = plan ? watchedBySession(plan, byId, ledgers) : new Map<string, number>();
  const verdicts = latestVerdicts(data.verdicts.map((v) => v.payload));
  const label = (id: string) => {
    const s = byId.get(id);
    return s ? `${s.date} ${s.startTime} ${s.title}` : id;
  };
  const files = new Map(data.files.map((f) => [f.id, f]));
  const findings: AuditReportData['findings'] = [];
  for (const { payload: f } of data.findings.filter((x) => x.payload.classId === classId)) {
    let grab: AuditReportData['findings'][number]['grab'];
    if (f.frameGrab) {
      const row = await db.frameGrabs.get(f.frameGrab.id);
      if (row)
        grab = {
          sha256: row.sha256,
          pngBase64: base64(new Uint8Array(await row.png.arrayBuffer())),
          width: f.frameGrab.width,
          height: f.frameGrab.height,
        };
    }
    findings.push({
      session: label(f.sessionId),
      file: files.get(f.fileId)?.path ?? f.fileId,
      start: f.start,
      ...(f.end !== undefined ? { end: f.end } : {}),
      ...(f.wallClock ? { wallClock: f.wallClock } : {}),
      category: f.category,
      severity: f.severity,
      ruleId: f.ruleId,
      ...(f.exitGround !== undefined ? { exitGround: f.exitGround } : {}),
      note: f.note,
      ...(grab ? { grab } : {}),
    });
  }
  const ruleTexts = ruleTextsOn(data.packs, klass.startDate);
  const rules = Object.fromEntries(
    [...new Set<RuleId>(['R-LIVE-SAMPLE', ...findings.map((f) => f.ruleId as RuleId)])].map(
      (id) => [id, ruleTexts(id)],
    ),
  );
  const conclusion = verdicts.find((v) => v.subject === 'class' && v.classId === classId);
  const sampled = new Set(plan ? sampledSessionIds(plan) : []);
  const drawn = new Set(plan?.drawnSessionIds ?? []);
  return {
    district: klass.district,
    packageId: data.pkg.packageId,
    packageTitle: data.pkg.title,
    classId,
    className: klass.name,
    ...(idsSharingAName(
      data.classes,
      (c) => c.name,
      (c) => c.id,
    ).has(classId)
      ? { classNameShared: true }
      : {}),
    organizerName: organizer?.name ?? klass.organizerId,
    auditorName,
    date: shanghaiDate(new Date()),
    sample: plan
      ? {
          seed: plan.auditorSeed,
          algorithm: plan.algorithm,
          percent: plan.percent,
          liveMinutes: plan.liveMinutes,
          drawnMinutes:
            plan.drawnMinutes +
            plan.addedSessionIds.reduce((a, id) => a + (byId.get(id)?.minutes ?? 0), 0),
          watchedMinutes: [...watched.values()].reduce((a, m) => a + m, 0),
        }
      : null,
    sessions: sessions
      .filter((s) => s.mode === 'live')
      .map((s) => {
        const v = verdicts.find((x) => x.subject === 'session' && x.sessionId === s.id);
        return {
          label: label(s.id),
          minutes: s.minutes,
          inSample: drawn.has(s.id) ? 'drawn' : sampled.has(s.id) ? 'added' : 'no',
          watchedMinutes: watched.get(s.id) ?? 0,
          ...(v?.subject === 'session' ? { verdict: v.verdict } : {}),
        };
      }),
    findings,
    ...(conclusion?.subject === 'class' ? { conclusion: conclusion.conclusion } : {}),
    conclusionNote: conclusion?.subject === 'class' ? conclusion.note : '',
    rules,
  };
}
