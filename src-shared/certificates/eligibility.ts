// Who may get a certificate, per class, with the reason in words (R-CERT-PASSED, R-CERT-NUMBER).
// Pure: the package's records, the policy engine's verdicts and, when the panel capability
// feeds them, the local panel decisions go in; one row per trainee comes out. The hours and the
// number checks are the engine's own findings, read back rather than recomputed, so this list
// and the compliance screen can never disagree.
import type { CertificateNumber, PackageFile, PackageRecords } from '../records/records';
import { evaluatePackage, type ClassResult, type TraineeResult } from '../policy/engine';
import type { Finding } from '../policy/findings';
import { fmtHours } from '../policy/findings';
import { BUILTIN_PACKS } from '../policy/pack-jrsnf-2023-25';
import { selectPack, type PolicyPack } from '../policy/pack';
import { peekCertificateText, type CertificateRecord } from './signedRecord';

/** A panel decision as the panel capability records it locally (only what this needs). */
export interface PanelOutcome {
  classId: string;
  traineeId: string;
  passed: boolean;
}

export type CandidateStatus =
  | 'printable'
  | 'awaiting-number'
  | 'not-passed'
  | 'hours-short'
  | 'conflict'
  | 'number-invalid'
  | 'record-missing'
  | 'record-mismatch';

export type OutcomeSource = 'platform' | 'panel' | 'none';

export interface CertificateCandidate {
  classId: string;
  traineeId: string;
  name: string;
  status: CandidateStatus;
  printable: boolean;
  /** zh-CN sentence saying why the trainee is or is not printable. */
  reason: string;
  outcome: boolean | undefined;
  outcomeSource: OutcomeSource;
  creditedHours: number;
  minHours: number;
  /** As the platform assigned it; never made up here. */
  number?: string;
  /** The platform's signed record (QR text), copied from the package. */
  signedRecord?: string;
  /** The record inside signedRecord, read without its signature (main checks that). */
  record?: CertificateRecord;
}

export interface ClassCertificates {
  classId: string;
  className: string;
  program: ClassResult['program'];
  candidates: CertificateCandidate[];
  printable: number;
}

export interface EligibilityOptions {
  asOf: string;
  packs?: readonly PolicyPack[];
  files?: readonly PackageFile[];
  panelOutcomes?: readonly PanelOutcome[];
}

const key = (classId: string, traineeId: string) => `${classId}\u0000${traineeId}`;

function finding(t: TraineeResult, ruleId: Finding['ruleId']): Finding | undefined {
  return t.reasons.find((f) => f.ruleId === ruleId);
}

/**
 * Fields of the signed record that must match the package, named for the message. The number
 * ties the record to the package's (class, trainee) entry; a version 2 record carries no ids of
 * its own, a version 1 record's are checked too.
 */
function mismatch(rec: CertificateRecord, n: CertificateNumber, name: string): string | undefined {
  if (rec.number !== n.number) return `编号 ${rec.number} ≠ ${n.number}`;
  if (rec.traineeId !== undefined && rec.traineeId !== n.traineeId)
    return `学员编号 ${rec.traineeId} ≠ ${n.traineeId}`;
  if (rec.classId !== undefined && rec.classId !== n.classId)
    return `班级 ${rec.classId} ≠ ${n.classId}`;
  if (rec.program !== n.program) return `项目 ${rec.program} ≠ ${n.program}`;
  if (rec.name !== name) return `姓名 ${rec.name} ≠ ${name}`;
  return undefined;
}

export function certificateCandidates(
  records: PackageRecords,
  options: EligibilityOptions,
): ClassCertificates[] {
  const packs = options.packs && options.packs.length ? options.packs : BUILTIN_PACKS;
  const numbers = new Map<string, CertificateNumber>();
  for (const n of records.certificateNumbers) numbers.set(key(n.classId, n.traineeId), n);
  const panel = new Map<string, boolean>();
  for (const d of options.panelOutcomes ?? []) panel.set(key(d.classId, d.traineeId), d.passed);

  // The outcome the engine should reason with: a platform number means the platform recorded a
  // pass; a local panel decision, when there is one, is what this station decided.
  const byClass = new Map<string, Map<string, boolean>>();
  const set = (c: string, t: string, v: boolean) => {
    let m = byClass.get(c);
    if (!m) byClass.set(c, (m = new Map()));
    m.set(t, v);
  };
  for (const n of records.certificateNumbers) set(n.classId, n.traineeId, true);
  for (const d of options.panelOutcomes ?? []) set(d.classId, d.traineeId, d.passed);

  const evaluation = evaluatePackage(records, {
    asOf: options.asOf,
    packs,
    files: options.files,
    inputs: { outcomePassedByClass: byClass },
  });
  const classes = new Map(records.classes.map((c) => [c.id, c]));

  return evaluation.classes.map((cr) => {
    const cls = classes.get(cr.classId)!;
    const pack = selectPack(packs, cls.startDate).pack;
    const minHours = pack.programs[cls.program].minHours;
    const candidates = cr.trainees.map((t) =>
      candidate(
        cr,
        t,
        { minHours, minutesPerHour: pack.minutesPerHour },
        numbers.get(key(cr.classId, t.traineeId)),
        panel.get(key(cr.classId, t.traineeId)),
      ),
    );
    return {
      classId: cr.classId,
      className: cr.className,
      program: cr.program,
      candidates,
      printable: candidates.filter((c) => c.printable).length,
    };
  });
}

function candidate(
  cr: ClassResult,
  t: TraineeResult,
  { minHours, minutesPerHour }: { minHours: number; minutesPerHour: number },
  n: CertificateNumber | undefined,
  panelPassed: boolean | undefined,
): CertificateCandidate {
  const outcome = panelPassed ?? (n ? true : undefined);
  const outcomeSource: OutcomeSource =
    panelPassed !== undefined ? 'panel' : n ? 'platform' : 'none';
  const hoursText = `计入 ${fmtHours(Math.round(t.creditedHours * minutesPerHour), minutesPerHour)} 课时（要求 ${minHours}）`;
  const base = {
    classId: cr.classId,
    traineeId: t.traineeId,
    name: t.name,
    outcome,
    outcomeSource,
    creditedHours: t.creditedHours,
    minHours,
    ...(n ? { number: n.number } : {}),
    ...(n?.signedRecord ? { signedRecord: n.signedRecord } : {}),
  };
  const no = (status: CandidateStatus, reason: string): CertificateCandidate => ({
    ...base,
    status,
    printable: false,
    reason,
  });

  if (n && panelPassed === false)
    return no(
      'conflict',
      `平台已分派证书编号 ${n.number}（平台记录为合格），但本机会审决定为不合格：两者冲突，须先核实，不能打印`,
    );
  const passed = finding(t, 'R-CERT-PASSED');
  if (outcome === false)
    return no('not-passed', `成果评审不合格，不能取得合格证书（${hoursText}）`);
  if (outcome === true && passed?.status === 'fail')
    return no('hours-short', `成果评审合格但总课时不足，不能取得合格证书（${hoursText}）`);
  if (!n) {
    const why =
      outcome === true ? `成果评审合格（本机会审），${hoursText}` : '成果评审结果尚未录入';
    return no('awaiting-number', `待平台编号：${why}；证书编号只由管理平台分派，本机不生成`);
  }
  const numbered = finding(t, 'R-CERT-NUMBER');
  if (numbered?.status === 'fail')
    return no('number-invalid', `${numbered.message}（${numbered.facts}），不能打印`);
  if (!n.signedRecord)
    return no(
      'record-missing',
      `已有证书编号 ${n.number}，但工作包中没有平台签名的证书记录（二维码内容），不能打印；请向平台索取新版工作包`,
    );
  const peek = peekCertificateText(n.signedRecord);
  if (!peek.ok) return no('record-mismatch', `平台证书记录无法读取：${peek.message}，不能打印`);
  const diff = mismatch(peek.record, n, t.name);
  if (diff)
    return {
      ...no('record-mismatch', `平台证书记录与工作包不一致（${diff}），不能打印`),
      record: peek.record,
    };
  const source = outcomeSource === 'panel' ? '本机会审合格' : '平台记录合格';
  return {
    ...base,
    record: peek.record,
    status: 'printable',
    printable: true,
    reason: `可打印：${source}；${hoursText}；编号 ${n.number}（平台分派）`,
  };
}
