// The auditor's judgements other than findings, signed as kind 'audit-verdict': a verdict per
// session, a conclusion per class (with what the auditor confirmed about the platforms), a
// genuine/not mark per offline clip and a course package's checklist. One payload shape per
// `subject`; a later record for the same subject supersedes the earlier one.
import { z } from 'zod';
import { recordId } from '../wire/primitives';

export const sessionVerdicts = ['pass', 'issues', 'violation'] as const;
export type SessionVerdict = (typeof sessionVerdicts)[number];
export const VERDICT_LABEL: Record<SessionVerdict, string> = {
  pass: '合格',
  issues: '存在问题',
  violation: '违规',
};

const base = { packageId: recordId, classId: recordId, profileId: recordId.optional() };
const note = z.string().max(2000).default('');

export const sessionVerdictSchema = z
  .object({
    subject: z.literal('session'),
    ...base,
    sessionId: recordId,
    verdict: z.enum(sessionVerdicts),
    note,
  })
  .strict();

export const classConclusionSchema = z
  .object({
    subject: z.literal('class'),
    ...base,
    conclusion: z.enum(sessionVerdicts),
    note,
    /** Minutes watched per sampled session when concluded (the ledger's sum, for the record). */
    watchedMinutes: z.record(recordId, z.number().min(0)),
    /** What the auditor confirmed with the platforms; absent = not checked. */
    liveScreening: z
      .object({ screened: z.boolean(), openAlerts: z.number().int().min(0) })
      .strict()
      .optional(),
    recordedChecks: z
      .object({ spotChecks: z.number().int().min(0), transmitted: z.boolean() })
      .strict()
      .optional(),
    videoRetention: z.boolean().optional(),
  })
  .strict();

export const clipCheckSchema = z
  .object({
    subject: z.literal('clip'),
    ...base,
    sessionId: recordId,
    fileId: recordId,
    genuine: z.boolean(),
    note,
  })
  .strict();

export const coursePackageCheckSchema = z
  .object({
    subject: z.literal('course-package'),
    ...base,
    fileId: recordId,
    /** Seconds measured by the player from the file itself. */
    measuredSeconds: z.number().min(0).optional(),
    hasIntroduction: z.boolean(),
    hasDirectory: z.boolean(),
    hasResources: z.boolean(),
    matchesPlan: z.boolean(),
    copyrightProof: z.boolean(),
    contentIssues: z.array(z.string().max(500)),
    avIssues: z.array(z.string().max(500)),
  })
  .strict();

export const auditVerdictPayloadSchema = z.discriminatedUnion('subject', [
  sessionVerdictSchema,
  classConclusionSchema,
  clipCheckSchema,
  coursePackageCheckSchema,
]);
export type AuditVerdictPayload = z.infer<typeof auditVerdictPayloadSchema>;
export type SessionVerdictPayload = z.infer<typeof sessionVerdictSchema>;
export type ClassConclusionPayload = z.infer<typeof classConclusionSchema>;
export type ClipCheckPayload = z.infer<typeof clipCheckSchema>;
export type CoursePackageCheckPayload = z.infer<typeof coursePackageCheckSchema>;

/** The one subject a payload judges: two records with the same key, the later wins. */
export function verdictKey(p: AuditVerdictPayload): string {
  switch (p.subject) {
    case 'session':
      return `session:${p.sessionId}`;
    case 'class':
      return `class:${p.classId}`;
    case 'clip':
      return `clip:${p.fileId}`;
    case 'course-package':
      return `course-package:${p.fileId}`;
  }
}
