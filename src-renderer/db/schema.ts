// Every version of the IndexedDB schema, oldest first. A version is never edited once shipped:
// a change is a new entry with an upgrade function, and test/renderer/db/migrations.test.ts
// opens a database at each earlier version and upgrades it to the newest.
import type { Transaction } from 'dexie';

export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

const v1: Record<string, string> = {
  // Records from the platform (replaced when a newer package version arrives).
  packages: 'packageId, importedAt',
  organizers: 'id, packageId',
  classes: 'id, packageId, organizerId, program, startDate',
  sessions: 'id, packageId, classId, mode',
  lecturers: 'id, packageId',
  trainees: 'id, packageId, name',
  submissions: 'id, packageId, traineeId, classId',
  experts: 'id, packageId',
  panels: 'id, packageId',
  assignments: 'id, packageId, submissionId, expertId, panelId',
  rubrics: 'id, packageId, program',
  certificateNumbers: '[traineeId+program], packageId, number, classId',
  files: 'id, packageId, sha256',
  // Local work (never touched by a package update).
  conflicts: 'id, expertId, submissionId',
  reviews: 'id, assignmentId, submissionId, syncState',
  panelDecisions: 'id, submissionId, panelId, syncState',
  videoSamples: 'id, classId, sessionId',
  findings: 'id, classId, ruleId, syncState',
  certificates: 'id, traineeId, number',
  printLog: '++seq, certificateId, at',
  outbox: 'id, state, kind',
  receipts: 'bundleId, receivedAt',
  auditLog: 'seq, entityId, hash',
  profiles: 'id, role, name',
  settings: 'key',
};

// v2: the screens' queries need compound indexes (a class's sessions by date, an expert's
// queue, unsynced work per kind), trainees findable by class, and drafts saved on every keystroke.
const v2: Record<string, string> = {
  ...v1,
  sessions: 'id, packageId, classId, mode, [classId+date]',
  trainees: 'id, packageId, name, *classIds',
  submissions: 'id, packageId, traineeId, classId, [classId+kind]',
  assignments: 'id, packageId, submissionId, expertId, panelId, [expertId+submissionId]',
  rubrics: 'id, packageId, program, [program+submissionKind]',
  conflicts: 'id, expertId, submissionId, [expertId+submissionId]',
  reviews:
    'id, assignmentId, submissionId, syncState, [profileId+submissionId], [syncState+createdAt]',
  reviewDrafts: '[profileId+assignmentId], updatedAt',
  panelDecisions: 'id, submissionId, panelId, syncState, [syncState+createdAt]',
  findings: 'id, classId, ruleId, syncState, [classId+severity]',
  outbox: 'id, state, kind, [state+createdAt]',
  auditLog: 'seq, entityId, hash, [entityKind+entityId]',
};

// v3: the certificate print log as local work that travels in result bundles (kind
// 'print-log'): keyed by record id like the other sync tables. The v1 `printLog` table
// (auto-increment, never written) stays as it was.
const v3: Record<string, string> = {
  ...v2,
  printLogRecords: 'id, classId, syncState, [syncState+createdAt]',
};

// v4: the panel chair's imports — other experts' reviews and recusals from their bundles
// (panelRecords) and what was refused because it differed from a stored record (panelRefusals).
const v4: Record<string, string> = {
  ...v3,
  panelRecords: 'id, kind, assignmentId, submissionId, expertId, bundleId',
  panelRefusals: '++seq, recordId, at',
};

// v5: the expert's conflict-of-interest declarations per organizer or trainee (local, never
// replaced by a package), and the per-assignment recusal records they produce made syncable.
const v5: Record<string, string> = {
  ...v4,
  conflictDeclarations: 'id, profileId, [profileId+createdAt]',
  conflicts:
    'id, expertId, submissionId, [expertId+submissionId], syncState, declarationId, [syncState+createdAt]',
};

// v6 (视频抽查): the auditor's work. Sampling plans (videoSamples, kind 'sampling-plan') and
// findings travel in bundles, so both get the sync index; verdicts are the new kind
// 'audit-verdict'; the watched ledger (per file) and frame grabs (PNG blobs) stay local — the
// grab's hash is in its finding.
const v6: Record<string, string> = {
  ...v5,
  videoSamples: 'id, classId, syncState, [syncState+createdAt]',
  findings: 'id, classId, ruleId, syncState, [classId+severity], [syncState+createdAt], fileId',
  auditVerdicts: 'id, classId, syncState, [syncState+createdAt]',
  watchLedger: 'fileId',
  frameGrabs: 'id, findingId, sha256',
};

// v7: the similarity pre-check (抄袭 / 代写) — each file's extracted text, cached by its SHA-256
// (a file's hash names its bytes, so the text never goes stale), and the last result per package.
const v7: Record<string, string> = {
  ...v6,
  similarityTexts: 'sha256',
  similarityResults: 'packageId',
};

export const schemaVersions: SchemaVersion[] = [
  { version: 1, stores: v1 },
  {
    version: 2,
    stores: v2,
    upgrade: async (tx) => {
      // Backfill the multi-entry index: which classes each trainee is enrolled in.
      const classIdsByTrainee = new Map<string, string[]>();
      await tx.table('classes').each((c: { id: string; traineeIds?: string[] }) => {
        for (const t of c.traineeIds ?? []) {
          const list = classIdsByTrainee.get(t) ?? [];
          list.push(c.id);
          classIdsByTrainee.set(t, list);
        }
      });
      await tx
        .table('trainees')
        .toCollection()
        .modify((t: { id: string; classIds?: string[] }) => {
          t.classIds = classIdsByTrainee.get(t.id) ?? [];
        });
    },
  },
  { version: 3, stores: v3 },
  { version: 4, stores: v4 },
  { version: 5, stores: v5 },
  { version: 6, stores: v6 },
  { version: 7, stores: v7 },
];

export const CURRENT_SCHEMA_VERSION = schemaVersions[schemaVersions.length - 1]!.version;
