// The expert's 回避声明 in IndexedDB. A declaration is per party (an organizer or a trainee);
// a conflict writes one recusal record per assignment it covers (syncState 'pending', so the
// next result bundle carries them) and its audit entry, all in one transaction. A withdrawal is
// a new declaration plus, per recusal, a new record that supersedes it: nothing is deleted.
import {
  declarationErrors,
  declarationsInForce,
  partyStatus,
  recusalReason,
  withdrawalErrors,
  type ConflictDeclaration,
  type ConflictPartyKind,
  type DeclarationInput,
  type PartyDeclaration,
} from '../../../src-shared/review/conflict';
import { appendAudit } from '../../db/audit';
import type { WorkstationDb } from '../../db/db';
import type { LocalWorkRow } from '../../db/types';

export type RecusalRow = ConflictDeclaration & LocalWorkRow;

export type DeclareResult =
  | { ok: true; declaration: PartyDeclaration; recusals: RecusalRow[] }
  | { ok: false; errors: Record<string, string> };

export interface DeclareInput {
  profileId: string;
  expertId: string;
  party: { kind: ConflictPartyKind; id: string };
  partyName: string;
  input: DeclarationInput;
  now?: Date;
  newId?: () => string;
}

const uuid = () => crypto.randomUUID();

export async function profileDeclarations(
  db: WorkstationDb,
  profileId: string,
): Promise<PartyDeclaration[]> {
  return db.conflictDeclarations.where('profileId').equals(profileId).toArray();
}

/** The expert's assignments of one organizer (through the class) or one trainee. */
async function coveredAssignments(
  db: WorkstationDb,
  expertId: string,
  party: { kind: ConflictPartyKind; id: string },
) {
  const assignments = await db.assignments.where('expertId').equals(expertId).toArray();
  const subs = await db.submissions.bulkGet(assignments.map((a) => a.submissionId));
  const classes = await db.classes.bulkGet(subs.map((s) => s?.classId ?? ''));
  return assignments.flatMap((a, i) => {
    const sub = subs[i];
    if (!sub) return [];
    const hit =
      party.kind === 'trainee' ? sub.traineeId === party.id : classes[i]?.organizerId === party.id;
    return hit ? [a] : [];
  });
}

const TABLES = (db: WorkstationDb) => [
  db.conflictDeclarations,
  db.conflicts,
  db.auditLog,
  db.assignments,
  db.submissions,
  db.classes,
];

/**
 * Records 无利害关系 or a conflict with one party. A party already declared in conflict must be
 * withdrawn first (with a reason), so a recusal never disappears by being declared over.
 */
export async function declareParty(db: WorkstationDb, req: DeclareInput): Promise<DeclareResult> {
  const errors = declarationErrors(req.input);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const now = (req.now ?? new Date()).toISOString();
  const newId = req.newId ?? uuid;
  const { input } = req;
  return db.transaction('rw', TABLES(db), async () => {
    const inForce = declarationsInForce(await profileDeclarations(db, req.profileId));
    const status = partyStatus(inForce, req.party);
    if (status === 'conflict') {
      return { ok: false as const, errors: { form: '已声明回避；如需撤回，请写明理由后撤回' } };
    }
    if (status === 'none' && input.decision === 'none') {
      return { ok: false as const, errors: { form: '已声明无利害关系，无需重复声明' } };
    }
    const note = input.note.trim();
    const declaration: PartyDeclaration = {
      id: `cd-${newId()}`,
      profileId: req.profileId,
      expertId: req.expertId,
      party: req.party,
      partyName: req.partyName,
      decision: input.decision,
      ...(input.decision === 'conflict' && input.relation ? { relation: input.relation } : {}),
      ...(note ? { note } : {}),
      createdAt: now,
    };
    await db.conflictDeclarations.add(declaration);
    const recusals: RecusalRow[] = [];
    if (input.decision === 'conflict' && input.relation) {
      const reason = recusalReason(req.party.kind, req.partyName, input.relation, note);
      for (const a of await coveredAssignments(db, req.expertId, req.party)) {
        recusals.push({
          id: `cf-${newId()}`,
          assignmentId: a.id,
          submissionId: a.submissionId,
          expertId: req.expertId,
          profileId: req.profileId,
          reason,
          declarationId: declaration.id,
          party: req.party,
          relation: input.relation,
          ...(note ? { note } : {}),
          createdAt: now,
          syncState: 'pending',
        });
      }
      await db.conflicts.bulkAdd(recusals);
    }
    await appendAudit(db, {
      at: now,
      actor: req.profileId,
      action: 'declare',
      entityKind: 'conflict',
      entityId: declaration.id,
      payload: { declaration, recusalIds: recusals.map((r) => r.id) },
    });
    return { ok: true as const, declaration, recusals };
  });
}

export interface WithdrawInput {
  profileId: string;
  declarationId: string;
  reason: string;
  now?: Date;
  newId?: () => string;
}

/** Withdraws a conflict in force: a new declaration and one superseding record per recusal. */
export async function withdrawConflict(
  db: WorkstationDb,
  req: WithdrawInput,
): Promise<DeclareResult> {
  const errors = withdrawalErrors(req.reason);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const now = (req.now ?? new Date()).toISOString();
  const newId = req.newId ?? uuid;
  const reason = req.reason.trim();
  return db.transaction('rw', TABLES(db), async () => {
    const original = await db.conflictDeclarations.get(req.declarationId);
    const inForce = declarationsInForce(await profileDeclarations(db, req.profileId));
    if (
      !original ||
      original.profileId !== req.profileId ||
      original.decision !== 'conflict' ||
      inForce.get(`${original.party.kind}:${original.party.id}`)?.id !== original.id
    ) {
      return { ok: false as const, errors: { form: '该回避声明已不在有效状态，无法撤回' } };
    }
    const declaration: PartyDeclaration = {
      id: `cd-${newId()}`,
      profileId: req.profileId,
      expertId: original.expertId,
      party: original.party,
      partyName: original.partyName,
      decision: 'withdrawn',
      withdraws: original.id,
      reason,
      createdAt: now,
    };
    await db.conflictDeclarations.add(declaration);
    const standing = (await db.conflicts
      .where('declarationId')
      .equals(original.id)
      .toArray()) as RecusalRow[];
    const recusals: RecusalRow[] = standing.map((r) => ({
      id: `cf-${newId()}`,
      assignmentId: r.assignmentId,
      submissionId: r.submissionId,
      expertId: r.expertId,
      profileId: req.profileId,
      reason: `撤回回避：${reason}`.slice(0, 500),
      declarationId: declaration.id,
      ...(r.party ? { party: r.party } : {}),
      withdrawn: true,
      supersedes: r.id,
      createdAt: now,
      syncState: 'pending',
    }));
    await db.conflicts.bulkAdd(recusals);
    await appendAudit(db, {
      at: now,
      actor: req.profileId,
      action: 'withdraw',
      entityKind: 'conflict',
      entityId: declaration.id,
      payload: { declaration, recusalIds: recusals.map((r) => r.id) },
    });
    return { ok: true as const, declaration, recusals };
  });
}
