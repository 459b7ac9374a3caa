// Row types: the shared records plus what the workstation adds when storing them.
import type {
  Assignment,
  CertificateNumber,
  ClassSession,
  Expert,
  ForwardedBundle,
  Lecturer,
  Organizer,
  PackageFile,
  Panel,
  Rubric,
  Submission,
  Trainee,
  TrainingClass,
} from '../../src-shared/records/records';
import type { PolicyPack } from '../../src-shared/policy/pack';
import type { Profile } from '../../src-shared/profiles/roles';
import type { AuditAction, AuditEntityKind } from '../../src-shared/auditlog';
import type { SimilarityPage } from '../../src-shared/similarity/document';
import type { PrecheckResult } from '../../src-shared/similarity/precheck';

type FromPackage<T> = T & { packageId: string };

export interface PackageRow {
  packageId: string;
  version: number;
  envelopeHash: string;
  title: string;
  issuer: string;
  district: string;
  createdAt: string;
  policyPackId: string;
  signedBy: string[];
  importedAt: string;
  /** Policy packs the package shipped (validated by main); absent on rows from before them. */
  policyPacks?: PolicyPack[];
  /** Experts' bundles the platform forwards to the panel chairs (files of this package). */
  forwardedBundles?: ForwardedBundle[];
}

export type OrganizerRow = FromPackage<Organizer>;
export type ClassRow = FromPackage<TrainingClass>;
export type SessionRow = FromPackage<ClassSession>;
export type LecturerRow = FromPackage<Lecturer>;
export type TraineeRow = FromPackage<Trainee> & { classIds: string[] };
export type SubmissionRow = FromPackage<Submission>;
export type ExpertRow = FromPackage<Expert>;
export type PanelRow = FromPackage<Panel>;
export type AssignmentRow = FromPackage<Assignment>;
export type RubricRow = FromPackage<Rubric>;
export type CertificateNumberRow = FromPackage<CertificateNumber>;
export type FileRow = FromPackage<PackageFile> & { location: 'package' | 'external' | 'missing' };

export type SyncState = 'local' | 'pending' | 'sent' | 'acknowledged';

export type ProfileRow = Profile;

export interface SettingRow {
  key: string;
  value: unknown;
}

export interface ReviewDraftRow {
  profileId: string;
  assignmentId: string;
  updatedAt: string;
  data: unknown;
}

/** Local work rows are typed loosely here; each capability's issue gives its own schema. */
export interface LocalWorkRow {
  id: string;
  createdAt: string;
  syncState?: SyncState;
  [field: string]: unknown;
}

/** What the auditor played of one file (local; the sum feeds liveSampleMinutes). */
export interface WatchLedgerRow {
  fileId: string;
  sha256: string;
  /** [start, end) media seconds actually played at ≤ 2×, merged. */
  intervals: [number, number][];
  /** The duration the player read from the file itself. */
  durationSeconds?: number;
  updatedAt: string;
}

/** A frame grabbed as evidence for a finding: the PNG and its SHA-256 (also in the finding). */
export interface FrameGrabRow {
  id: string;
  findingId: string;
  sha256: string;
  png: Blob;
  createdAt: string;
}

/**
 * One audit-log entry as stored: the fields of src-shared/auditlog AuditEntry, with the entry
 * hash kept under `hash` (the indexed column since v1). The first entry's prevHash is
 * GENESIS_HASH, never null, so a row maps 1:1 onto the entry that verifyChain checks.
 */
export interface AuditLogRow {
  seq: number;
  at: string;
  actor: string;
  action: AuditAction;
  entityKind: AuditEntityKind;
  entityId: string;
  payloadHash: string;
  prevHash: string;
  hash: string;
}

/** Another expert's review or recusal, imported by the panel chair from that expert's bundle. */
export interface PanelRecordRow {
  id: string;
  kind: 'review' | 'conflict';
  assignmentId: string;
  submissionId: string;
  expertId: string;
  /** The record as signed (a Review or a ConflictDeclaration). */
  record: Record<string, unknown>;
  bundleId: string;
  bundleHash: string;
  importedAt: string;
}

/** A record refused because one with the same id and other content was already stored. */
export interface PanelRefusalRow {
  seq?: number;
  recordId: string;
  at: string;
  fileName: string;
  bundleId: string;
  message: string;
  incoming: Record<string, unknown>;
  stored: Record<string, unknown>;
}

/** A file's text as the similarity pre-check extracted it, cached by the file's SHA-256. */
export interface SimilarityTextRow {
  sha256: string;
  /** Which extractor wrote it; a row from another extractor is extracted again. */
  extractor: string;
  extractedAt: string;
  pages: SimilarityPage[];
}

/** A file the pre-check could not read, and why (zh-CN). */
export interface SimilarityFailure {
  submissionId: string;
  /** The file's path in the package: for support, behind 详情. */
  fileLabel: string;
  /** What happened, in the person's words. */
  message: string;
  /** The reader's or the transport's own text (pdf.js, a status), behind 详情. */
  detail?: string;
}

/** The last completed pre-check of a package. */
export interface SimilarityResultRow {
  packageId: string;
  /** The package version it ran on: a newer import makes it out of date. */
  envelopeHash: string;
  ranAt: string;
  result: PrecheckResult;
  failures: SimilarityFailure[];
}
