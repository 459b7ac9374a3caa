// The records a work package carries from the management platform. They are the vocabulary
// every capability shares (policy checks them, review scores them, audit samples them), so
// they live once here as zod schemas and the TypeScript types are inferred from them.
// Calendar dates are 'YYYY-MM-DD' in Asia/Shanghai; instants are ISO-8601 with offset.
import { z } from 'zod';
import { isoDate, isoInstant, recordId, sha256Hex } from '../wire/primitives';

export const programCodes = ['basic', 'online', 'elite-launch', 'elite-practice'] as const;
export const programCode = z.enum(programCodes);
export type ProgramCode = z.infer<typeof programCode>;

export const onlineEditions = ['ecommerce', 'livestream', 'internet-plus'] as const;
export type OnlineEdition = (typeof onlineEditions)[number];
/** The online program's versions as the notice names them (附件2). */
export const ONLINE_EDITION_ZH: Record<OnlineEdition, string> = {
  ecommerce: '电商版',
  livestream: '直播版',
  'internet-plus': '「互联网+」版',
};
export const sessionModes = ['live', 'recorded', 'offline'] as const;
export const sessionMode = z.enum(sessionModes);
export type SessionMode = z.infer<typeof sessionMode>;

export const organizerSchema = z.object({
  id: recordId,
  name: z.string().min(1),
  district: z.string().min(1),
  creditCode: z.string().optional(),
});
export type Organizer = z.infer<typeof organizerSchema>;

export const lecturerCertTypes = [
  'beijing-startup-teacher', // 北京市创业培训教师合格证书
  'startup-lecturer-training', // 创业培训讲师培训合格证书
  'online-startup-lecturer', // 网络创业培训讲师培训合格证书
] as const;

export const lecturerSchema = z.object({
  id: recordId,
  name: z.string().min(1),
  certificates: z.array(z.object({ type: z.enum(lecturerCertTypes), number: z.string().min(1) })),
  fullTime: z.boolean().default(false),
});
export type Lecturer = z.infer<typeof lecturerSchema>;

export const classSchema = z.object({
  id: recordId,
  organizerId: recordId,
  program: programCode,
  onlineEdition: z.enum(onlineEditions).optional(),
  name: z.string().min(1),
  district: z.string().min(1),
  venue: z.string().min(1),
  textbook: z.string().optional(),
  startDate: isoDate,
  endDate: isoDate,
  planSubmittedAt: isoDate.optional(),
  planApprovedByDistrictAt: isoDate.optional(),
  planConfirmedByCityAt: isoDate.optional(),
  lecturerIds: z.array(recordId),
  traineeIds: z.array(recordId),
  /** Trainees enrolled from the open market in an elite camp (not subsidised, still count for size). */
  marketTraineeCount: z.number().int().min(0).default(0),
});
export type TrainingClass = z.infer<typeof classSchema>;

export const sessionSchema = z.object({
  id: recordId,
  classId: recordId,
  date: isoDate,
  startTime: z.string().regex(/^\d{2}:\d{2}$/),
  mode: sessionMode,
  /** Minutes as filed; policy converts to 45-minute class hours. */
  minutes: z.number().int().positive(),
  title: z.string().min(1),
  lecturerIds: z.array(recordId),
  venue: z.string().optional(),
  /** Files (by id) that record the session: live recording, offline full recording, course package. */
  videoFileIds: z.array(recordId).default([]),
  /** Offline only: the 10-second on-site clips, one expected per class hour. */
  clipFileIds: z.array(recordId).default([]),
  /** Offline only: face-recognition + location sign-ins by trainee id. */
  signIns: z
    .array(
      z.object({ traineeId: recordId, at: isoInstant, face: z.boolean(), located: z.boolean() }),
    )
    .default([]),
  /** Live only: the platform's recorded resolution height, e.g. 480 or 720. */
  videoHeight: z.number().int().positive().optional(),
});
export type ClassSession = z.infer<typeof sessionSchema>;

export const targetGroups = [
  'graduate',
  'registered-unemployed',
  'rural-migrant',
  'veteran',
  'none',
] as const;

export const traineeSchema = z.object({
  id: recordId,
  name: z.string().min(1),
  gender: z.enum(['F', 'M']),
  birthDate: isoDate,
  /** Masked: the workstation never needs the full number. */
  idNumberMasked: z.string().min(4),
  phoneMasked: z.string().optional(),
  targetGroup: z.enum(targetGroups),
  graduate: z
    .object({
      school: z.string(),
      schoolInBeijing: z.boolean(),
      beijingOrigin: z.boolean(),
      level: z.enum(['university', 'vocational']),
      graduationDate: isoDate,
      employed: z.boolean(),
    })
    .optional(),
  unemployedRegisteredAt: isoDate.optional(),
  business: z
    .object({
      kind: z.enum(['company', 'individual']),
      name: z.string(),
      role: z.enum(['legal-rep', 'shareholder', 'operator']),
      registeredAt: isoDate,
      inBeijing: z.boolean(),
      smallOrMicro: z.boolean(),
    })
    .optional(),
  competitionAward: z
    .object({ level: z.enum(['national', 'city', 'district']), name: z.string() })
    .optional(),
  /** Earlier entrepreneurship trainings anywhere, as the platform knows them. */
  history: z
    .array(
      z.object({
        program: programCode,
        classId: z.string(),
        completedAt: isoDate,
        subsidised: z.boolean(),
        certificateNumber: z.string().optional(),
      }),
    )
    .default([]),
  /** After basic/online training: evidence for the practice-guidance subsidy. */
  practice: z
    .object({
      licenceIssuedAt: isoDate.optional(),
      shopOpenedAt: isoDate.optional(),
      monthlySales: z
        .array(
          z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), amountYuan: z.number().min(0) }),
        )
        .default([]),
      evidenceFileIds: z.array(recordId).default([]),
    })
    .optional(),
});
export type Trainee = z.infer<typeof traineeSchema>;

export const submissionKinds = [
  'business-plan',
  'online-portfolio',
  'online-plan',
  'commercial-plan',
  'strategy-plan',
] as const;
export const submissionSchema = z.object({
  id: recordId,
  traineeId: recordId,
  classId: recordId,
  kind: z.enum(submissionKinds),
  title: z.string().min(1),
  fileId: recordId,
  /**
   * Since schema version 4: further files handed in with the outcome and reviewed with it
   * (an online portfolio's sales sheet export and shop screenshots), ids of `files[]`.
   */
  attachmentFileIds: z.array(recordId).max(20).optional(),
  submittedAt: isoInstant,
});
export type Submission = z.infer<typeof submissionSchema>;

/** Raw 32-byte Ed25519 public key, base64 (as in enrollment files). */
export const rawPublicKeyBase64 = z
  .string()
  .regex(/^[A-Za-z0-9+/]{43}=$/, '公钥须为 32 字节的 base64');

/** A key the platform enrolled for an expert: bundles signed by it speak for that expert. */
export const expertKeySchema = z.object({
  /** Hex SHA-256 of the raw public key; main checks it matches before trusting the key. */
  keyid: sha256Hex,
  publicKey: rawPublicKeyBase64,
});
export type ExpertKey = z.infer<typeof expertKeySchema>;

export const expertSchema = z.object({
  id: recordId,
  name: z.string().min(1),
  organization: z.string().optional(),
  /** Since schema version 2: the expert's enrolled keys, so a panel chair can verify their bundles offline. */
  keys: z.array(expertKeySchema).max(8).optional(),
});
export type Expert = z.infer<typeof expertSchema>;

export const panelSchema = z.object({
  id: recordId,
  name: z.string().min(1),
  /** The expert who chairs the panel (组长); a chair sees only their own panel's submissions. */
  chairId: recordId,
  expertIds: z.array(recordId).min(1),
  /** Since schema version 2: the spread of totals above which a submission is flagged (default 15). */
  disagreementThreshold: z.number().positive().max(1000).optional(),
});
export type Panel = z.infer<typeof panelSchema>;

export const assignmentSchema = z.object({
  id: recordId,
  submissionId: recordId,
  panelId: recordId,
  expertId: recordId,
  dueAt: isoDate.optional(),
});
export type Assignment = z.infer<typeof assignmentSchema>;

export const rubricSchema = z.object({
  id: recordId,
  program: programCode,
  submissionKind: z.enum(submissionKinds),
  title: z.string().min(1),
  passScore: z.number().min(0),
  criteria: z
    .array(
      z.object({
        id: recordId,
        label: z.string().min(1),
        maxScore: z.number().positive(),
        guidance: z.string().optional(),
        /**
         * Since schema version 4: a score below this fraction of `maxScore` needs a comment on
         * this criterion (0.6: under 12 of 20 the expert says why).
         */
        commentBelow: z.number().gt(0).max(1).optional(),
      }),
    )
    .min(1),
  /**
   * Since schema version 4: checks that fail the outcome whatever the points (抄袭, 代写,
   * 材料不全). An expert who raises one must give a note and can only judge 不通过.
   */
  hardFails: z
    .array(
      z.object({
        id: recordId,
        label: z.string().min(1).max(40),
        guidance: z.string().max(200).optional(),
      }),
    )
    .max(20)
    .optional(),
});
export type Rubric = z.infer<typeof rubricSchema>;
export type HardFailCheck = NonNullable<Rubric['hardFails']>[number];

export const certificateNumberSchema = z.object({
  traineeId: recordId,
  classId: recordId,
  program: programCode,
  number: z.string().min(1),
  /**
   * Since manifest version 2: the platform's signed certificate record in its compact text form
   * (`QHC1.…`, src-shared/certificates/signedRecord.ts). It is what the certificate's QR code
   * carries, copied byte for byte; the workstation never builds or alters one.
   */
  signedRecord: z.string().min(1).max(2000).optional(),
});
export type CertificateNumber = z.infer<typeof certificateNumberSchema>;

export const fileKinds = [
  'business-plan',
  'portfolio',
  'sales-table',
  'video',
  'clip',
  'course-package',
  'evidence',
  'policy-pack',
  'other',
] as const;
export const packageFileSchema = z.object({
  id: recordId,
  /** Relative POSIX path inside the package; never absolute, never '..'. */
  path: z.string().min(1).max(240),
  size: z.number().int().min(0),
  sha256: sha256Hex,
  mediaType: z.string().min(1),
  kind: z.enum(fileKinds),
  /** Large media may travel separately (a drive) and is matched by hash. */
  external: z.boolean().default(false),
  durationSeconds: z.number().positive().optional(),
  /**
   * Since schema version 3, clips only: when the on-site device captured the clip (ISO-8601 with
   * offset). It says which class hour of its session the clip proves (src-shared/bundle/
   * clipHours.ts), so a missing clip is named by its hour, not only by its session.
   */
  capturedAt: isoInstant.optional(),
});
export type PackageFile = z.infer<typeof packageFileSchema>;

/** The media type of a forwarded expert's result bundle inside a work package. */
export const FORWARDED_BUNDLE_MEDIA_TYPE = 'application/vnd.qihang.result-bundle+zip';

/**
 * An expert's result bundle the platform received and forwards to the panel chair: the file is
 * the expert's .qhres byte for byte, so the chair verifies the expert's own signature against
 * the keys listed for that expert; the platform's signature only says it was forwarded.
 */
export const forwardedBundleSchema = z.object({
  /** The files[] entry (inside the package, not external) holding the bundle. */
  fileId: recordId,
  /** Whom the platform received it from; the expert's signature, not this field, decides. */
  expertId: recordId,
  panelId: recordId,
  receivedAt: isoInstant,
});
export type ForwardedBundle = z.infer<typeof forwardedBundleSchema>;

export const packageRecordsSchema = z.object({
  organizers: z.array(organizerSchema),
  classes: z.array(classSchema),
  sessions: z.array(sessionSchema),
  lecturers: z.array(lecturerSchema),
  trainees: z.array(traineeSchema),
  submissions: z.array(submissionSchema),
  experts: z.array(expertSchema),
  panels: z.array(panelSchema),
  assignments: z.array(assignmentSchema),
  rubrics: z.array(rubricSchema),
  certificateNumbers: z.array(certificateNumberSchema),
  /**
   * Optional, within schema version 3: experts' bundles the platform received, for the chairs.
   * An older reader drops the field and keeps the files as plain 'other' files.
   */
  forwardedBundles: z.array(forwardedBundleSchema).max(2000).optional(),
});
export type PackageRecords = z.infer<typeof packageRecordsSchema>;

/** A package with no records: the starting point for writers, generators and tests. */
export function emptyPackageRecords(): PackageRecords {
  return {
    organizers: [],
    classes: [],
    sessions: [],
    lecturers: [],
    trainees: [],
    submissions: [],
    experts: [],
    panels: [],
    assignments: [],
    rubrics: [],
    certificateNumbers: [],
  };
}

// Version 2 only added optional fields: certificateNumbers[].signedRecord (the platform's signed
// certificate record), experts' enrolled keys and a panel's disagreement threshold. Version 3
// only added files[].capturedAt (a clip's capture time). An older manifest is the same document
// without them, so readers accept all three and writers emit the newest. Version 4 only added
// rubrics' hard-fail checks and criteria's commentBelow: a version 3 reader would silently drop
// a hard-fail check, so the version says a reader must know them.
export const WORK_PACKAGE_SCHEMA_VERSION = 4;
export const SUPPORTED_WORK_PACKAGE_VERSIONS: readonly number[] = [1, 2, 3, 4];

export const workPackageManifestSchema = z.object({
  schemaVersion: z.union([
    z.literal(1),
    z.literal(2),
    z.literal(3),
    z.literal(WORK_PACKAGE_SCHEMA_VERSION),
  ]),
  packageId: recordId,
  /** A newer version of the same packageId updates records without touching local work. */
  version: z.number().int().positive(),
  issuer: z.string().min(1),
  district: z.string().min(1),
  title: z.string().min(1),
  createdAt: isoInstant,
  policyPackId: z.string().min(1),
  records: packageRecordsSchema,
  files: z.array(packageFileSchema),
});
export type WorkPackageManifest = z.infer<typeof workPackageManifestSchema>;
