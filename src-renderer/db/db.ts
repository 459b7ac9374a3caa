// The Node-side programs (benches, e2e helpers) compile this file too: import.meta.env is typed
// by Vite.
/// <reference types="vite/client" />
import Dexie, { type Table } from 'dexie';
import type { PartyDeclaration } from '../../src-shared/review/conflict';
import { schemaVersions } from './schema';
import { packageTables } from '../../src-shared/records/packageTables';
import type {
  AssignmentRow,
  AuditLogRow,
  CertificateNumberRow,
  ClassRow,
  ExpertRow,
  FileRow,
  FrameGrabRow,
  WatchLedgerRow,
  LecturerRow,
  LocalWorkRow,
  OrganizerRow,
  PackageRow,
  PanelRecordRow,
  PanelRefusalRow,
  PanelRow,
  ProfileRow,
  ReviewDraftRow,
  RubricRow,
  SessionRow,
  SettingRow,
  SimilarityResultRow,
  SimilarityTextRow,
  SubmissionRow,
  TraineeRow,
} from './types';

export const DB_NAME = 'qihang-workstation';

// Dexie turns its debug mode on by itself on an http://localhost or http://127.0.0.1 page (a
// console task and long stacks for every table call): that is the browser harness's origin,
// never the app's (app://qihang). Off outside development, so the harness and the benchmarks run
// the database as the app does.
if (!import.meta.env.DEV) Dexie.debug = false;

export class WorkstationDb extends Dexie {
  packages!: Table<PackageRow, string>;
  organizers!: Table<OrganizerRow, string>;
  classes!: Table<ClassRow, string>;
  sessions!: Table<SessionRow, string>;
  lecturers!: Table<LecturerRow, string>;
  trainees!: Table<TraineeRow, string>;
  submissions!: Table<SubmissionRow, string>;
  experts!: Table<ExpertRow, string>;
  panels!: Table<PanelRow, string>;
  assignments!: Table<AssignmentRow, string>;
  rubrics!: Table<RubricRow, string>;
  certificateNumbers!: Table<CertificateNumberRow, [string, string]>;
  files!: Table<FileRow, string>;
  conflicts!: Table<LocalWorkRow, string>;
  conflictDeclarations!: Table<PartyDeclaration, string>;
  reviews!: Table<LocalWorkRow, string>;
  reviewDrafts!: Table<ReviewDraftRow, [string, string]>;
  panelDecisions!: Table<LocalWorkRow, string>;
  panelRecords!: Table<PanelRecordRow, string>;
  panelRefusals!: Table<PanelRefusalRow, number>;
  videoSamples!: Table<LocalWorkRow, string>;
  auditVerdicts!: Table<LocalWorkRow, string>;
  watchLedger!: Table<WatchLedgerRow, string>;
  frameGrabs!: Table<FrameGrabRow, string>;
  findings!: Table<LocalWorkRow, string>;
  certificates!: Table<LocalWorkRow, string>;
  printLog!: Table<LocalWorkRow & { seq?: number }, number>;
  printLogRecords!: Table<LocalWorkRow, string>;
  // Declared since v1 and kept so old databases open unchanged, but no longer written or read:
  // main's outbox is the one record of bundles and receipts (sync.status answers from it).
  outbox!: Table<LocalWorkRow, string>;
  receipts!: Table<LocalWorkRow & { bundleId: string }, string>;
  auditLog!: Table<AuditLogRow, number>;
  profiles!: Table<ProfileRow, string>;
  settings!: Table<SettingRow, string>;
  similarityTexts!: Table<SimilarityTextRow, string>;
  similarityResults!: Table<SimilarityResultRow, string>;

  constructor(name: string = DB_NAME, upTo: number = Number.POSITIVE_INFINITY) {
    super(name);
    for (const v of schemaVersions) {
      if (v.version > upTo) break;
      const declared = this.version(v.version).stores(v.stores);
      if (v.upgrade) declared.upgrade(v.upgrade);
    }
  }
}

/** Tables filled from work packages; a package update replaces their rows for that package. */
export { packageTables };
