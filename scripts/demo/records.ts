// Generates the demo records and the list of files to produce, from a seed. Pure and fast:
// nothing here touches the disk, so tests can check determinism without rendering PDFs.
import type {
  Assignment,
  CertificateNumber,
  ClassSession,
  Submission,
  Trainee,
  TrainingClass,
} from '../../src-shared/records/records';
import { addDays } from './calendar';
import { EXPERTS, LECTURERS, ORGANIZERS, PANELS, RUBRICS } from './catalog';
import { CLASS_PLANS } from './classes';
import { practiceEvidence, seedEdgeCases } from './edge-cases';
import { makeRng } from './prng';
import { AUDIT_CLASS, shapeAuditClass } from './auditClass';
import { addRecordedMedia, buildSessions } from './sessions';
import { seedSimilarityCases } from './similarity';
import { withDemoKeys } from './panelReviews';
import { assignmentsFor, submissionsFor } from './submissions';
import { eliteTrainee, keyGroupTrainee } from './trainees';
import { DEMO_SEED, type Ctx, type DemoRecords, type Printable } from './types';

export * from './types';

export function generateDemoRecords(printable: Printable, seed = DEMO_SEED): DemoRecords {
  const ctx: Ctx = {
    rng: makeRng(seed),
    usedNames: new Set(),
    nextTrainee: 1,
    notes: {},
    files: [],
  };
  const { rng } = ctx;
  const classes: TrainingClass[] = [];
  const sessions: ClassSession[] = [];
  const trainees: Trainee[] = [];
  const submissions: Submission[] = [];
  const assignments: Assignment[] = [];
  const certificateNumbers: CertificateNumber[] = [];

  for (const plan of CLASS_PLANS) {
    const members: Trainee[] = [];
    for (let i = 0; i < plan.size; i++) {
      let name: string | undefined;
      // Rare characters: 龑 is in Noto Serif SC, 𠮷 (Extension B) is not.
      if (plan.id === 'C-2025-HD-B01' && i === 3) name = '刘龑';
      if (plan.id === 'C-2025-CY-O01' && i === 2) name = '𠮷思远';
      if (name) ctx.usedNames.add(name);
      const t = plan.program.startsWith('elite')
        ? eliteTrainee(ctx, plan, i)
        : keyGroupTrainee(ctx, plan, name);
      if (name) {
        ctx.notes[t.id] = printable(name)
          ? `姓名含生僻字「龑」，字体有此字，可以打印`
          : `姓名含 CJK 扩展 B 字「𠮷」，Noto Serif SC 无此字，任何打印件都不得输出该姓名`;
      }
      members.push(t);
    }
    seedEdgeCases(ctx, plan, members);
    const approved = addDays(plan.startDate, -plan.approvedDaysBefore);
    const klass: TrainingClass = {
      id: plan.id,
      organizerId: plan.organizerId,
      program: plan.program,
      ...(plan.onlineEdition ? { onlineEdition: plan.onlineEdition } : {}),
      name: plan.name,
      district: plan.district,
      venue: plan.venue,
      ...(plan.textbook ? { textbook: plan.textbook } : {}),
      startDate: plan.startDate,
      endDate: plan.endDate,
      planSubmittedAt: addDays(approved, -5),
      planApprovedByDistrictAt: approved,
      planConfirmedByCityAt: addDays(approved, 2),
      lecturerIds: plan.lecturerIds,
      traineeIds: members.map((t) => t.id),
      marketTraineeCount: plan.marketTraineeCount ?? 0,
    };
    classes.push(klass);
    sessions.push(...buildSessions(plan, members, ctx));
    trainees.push(...members);

    if (plan.id === 'C-2024-HD-O03') {
      // A finished 2024 class: reviewed already, so certificates (platform-assigned numbers)
      // and practice-guidance evidence instead of new submissions.
      members.forEach((t, i) => {
        if (i === members.length - 1) {
          ctx.notes[t.id] = '2024 年班次中未通过成果评审，无证书编号';
          return;
        }
        certificateNumbers.push({
          traineeId: t.id,
          classId: plan.id,
          program: 'online',
          number: `BJWL-2024-${String(4100 + i * 7).padStart(6, '0')}`,
        });
      });
      practiceEvidence(ctx, members);
      continue;
    }
    members.forEach((t, i) => {
      // Two trainees never handed anything in; reviews must cope with that.
      if ((plan.id === 'C-2025-HD-B02' && i === 17) || (plan.id === 'C-2025-CY-O02' && i === 5)) {
        ctx.notes[t.id] = '未提交成果材料';
        return;
      }
      for (const sub of submissionsFor(ctx, plan, klass, t, i, printable)) {
        submissions.push(sub);
        assignments.push(...assignmentsFor(rng, sub, plan.program));
      }
    });
  }
  const auditClass = classes.find((c) => c.id === AUDIT_CLASS);
  if (auditClass) {
    const ids = new Set(auditClass.traineeIds);
    shapeAuditClass(
      ctx,
      sessions,
      trainees.filter((t) => ids.has(t.id)),
    );
  }
  addRecordedMedia(ctx, sessions);
  const similarity = seedSimilarityCases(ctx, submissions, assignments);

  return {
    records: {
      organizers: ORGANIZERS,
      classes,
      sessions,
      lecturers: LECTURERS,
      trainees,
      submissions,
      experts: withDemoKeys(EXPERTS),
      panels: PANELS,
      assignments,
      rubrics: RUBRICS,
      certificateNumbers,
    },
    files: ctx.files,
    notes: ctx.notes,
    similarity,
  };
}
