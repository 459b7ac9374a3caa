// The audit log stores ids (they are what the hash chain covers); a person reads words. Names
// are looked up when the log is shown, from the same profile database, so the chain stays
// exactly as written and a renamed trainee is shown as the package now names them.
import type { SyncStatus } from '../../src-shared/ipc/sync';
import type { Profile } from '../../src-shared/profiles/roles';
import {
  CONFLICT_PARTY_ZH,
  CONFLICT_RELATION_ZH,
  type PartyDeclaration,
} from '../../src-shared/review/conflict';
import type { WorkstationDb } from './db';
import type { AuditLogRow } from './types';

export interface AuditWords {
  actor: string;
  object: string;
}

/**
 * Bundle and receipt numbers by id, from main's outbox (the one record of bundle history):
 * the audit log names a bundle "第 3 号" from here.
 */
export interface BundleNumbers {
  bundles: ReadonlyMap<string, number>;
  receipts: ReadonlyMap<string, number>;
}

export const NO_BUNDLE_NUMBERS: BundleNumbers = { bundles: new Map(), receipts: new Map() };

export function bundleNumbers(status: SyncStatus | null | undefined): BundleNumbers {
  if (!status) return NO_BUNDLE_NUMBERS;
  const sent = [...status.acknowledged, ...(status.pending ? [status.pending] : [])];
  return {
    bundles: new Map(sent.map((b) => [b.bundleId, b.counter])),
    receipts: new Map(status.acknowledged.map((a) => [a.receiptId, a.counter])),
  };
}

export interface AuditNameStrings {
  entities: Record<string, string>;
  bundle: (counter: number) => string;
  receipt: (counter: number) => string;
  workPackage: (title: string, version: number) => string;
  unknown: (entity: string) => string;
  conflict: (party: string, decision: string) => string;
}

async function submissionWords(db: WorkstationDb, submissionId: unknown): Promise<string | null> {
  if (typeof submissionId !== 'string') return null;
  const submission = await db.submissions.get(submissionId);
  if (!submission) return null;
  const trainee = await db.trainees.get(submission.traineeId);
  return `${trainee?.name ?? submission.traineeId} · ${submission.title}`;
}

const declarationParty = (d: PartyDeclaration) =>
  `${CONFLICT_PARTY_ZH[d.party.kind]}「${d.partyName}」`;

function declarationDecision(d: PartyDeclaration): string {
  if (d.decision === 'none') return '无利害关系';
  if (d.decision === 'withdrawn') return `撤回回避（${d.reason ?? ''}）`;
  const note = d.note ? `：${d.note}` : '';
  return `存在${d.relation ? CONFLICT_RELATION_ZH[d.relation] : ''}关系，回避${note}`;
}

async function objectWords(
  db: WorkstationDb,
  row: AuditLogRow,
  s: AuditNameStrings,
  numbers: BundleNumbers,
): Promise<string | null> {
  switch (row.entityKind) {
    case 'review': {
      const review = await db.reviews.get(row.entityId);
      return submissionWords(db, review?.submissionId);
    }
    case 'panel-decision': {
      const decision = await db.panelDecisions.get(row.entityId);
      return submissionWords(db, decision?.submissionId);
    }
    case 'conflict': {
      const d = await db.conflictDeclarations.get(row.entityId);
      return d ? s.conflict(declarationParty(d), declarationDecision(d)) : null;
    }
    case 'bundle': {
      const counter = numbers.bundles.get(row.entityId);
      return counter !== undefined ? s.bundle(counter) : null;
    }
    case 'receipt': {
      const counter = numbers.receipts.get(row.entityId);
      return counter !== undefined ? s.receipt(counter) : null;
    }
    case 'work-package': {
      const pkg = await db.packages.get(row.entityId);
      return pkg ? s.workPackage(pkg.title, pkg.version) : null;
    }
    default:
      return null;
  }
}

/** Words for each row: the actor by name, the object as a person would name it. */
export async function auditWords(
  db: WorkstationDb,
  rows: readonly AuditLogRow[],
  profile: Pick<Profile, 'id' | 'name'>,
  s: AuditNameStrings,
  numbers: BundleNumbers = NO_BUNDLE_NUMBERS,
): Promise<AuditWords[]> {
  return Promise.all(
    rows.map(async (row) => ({
      actor: row.actor === profile.id ? profile.name : row.actor,
      object:
        (await objectWords(db, row, s, numbers)) ??
        s.unknown(s.entities[row.entityKind] ?? row.entityKind),
    })),
  );
}
