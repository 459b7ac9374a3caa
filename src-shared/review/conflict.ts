// 回避声明: an expert declares a conflict of interest with an assigned trainee or organizer
// and does not score it. It travels as its own record so the chair (and the platform, which
// assigns someone else) sees the recusal rather than a missing review.
//
// The expert declares once per party (an organizer, or a trainee): 无利害关系, or a conflict
// of a stated type. A conflict covers every assignment of that party, and goes out as one
// record per covered assignment (the chair and the platform act per assignment), each naming
// the declaration it came from. Nothing is withdrawn silently: a withdrawal is a new record
// that supersedes the recusal and carries the reason.
import { z } from 'zod';
import { isoInstant, recordId } from '../wire/primitives';

export const conflictPartyKinds = ['organizer', 'trainee'] as const;
export type ConflictPartyKind = (typeof conflictPartyKinds)[number];

/** 任职 / 亲属 / 合作 / 其他. */
export const conflictRelations = ['employment', 'relative', 'collaboration', 'other'] as const;
export type ConflictRelation = (typeof conflictRelations)[number];

export const CONFLICT_RELATION_ZH: Record<ConflictRelation, string> = {
  employment: '任职',
  relative: '亲属',
  collaboration: '合作',
  other: '其他',
};
export const CONFLICT_PARTY_ZH: Record<ConflictPartyKind, string> = {
  organizer: '培训组织方',
  trainee: '学员',
};

export const conflictDeclarationSchema = z.object({
  id: recordId,
  assignmentId: recordId,
  submissionId: recordId,
  expertId: recordId,
  profileId: recordId,
  /** In words, for whoever reads the record (the chair's screen shows it as is). */
  reason: z.string().trim().min(2, '请写明回避理由').max(500, '回避理由不超过 500 字'),
  createdAt: isoInstant,
  // Optional since the workstation writes declarations per party (all additive):
  /** The declaration (per organizer or trainee) this per-assignment record comes from. */
  declarationId: recordId.optional(),
  party: z.object({ kind: z.enum(conflictPartyKinds), id: recordId }).optional(),
  relation: z.enum(conflictRelations).optional(),
  note: z.string().max(500).optional(),
  /** A withdrawal of the recusal it supersedes; `reason` then says why it is withdrawn. */
  withdrawn: z.literal(true).optional(),
  supersedes: recordId.optional(),
});
export type ConflictDeclaration = z.infer<typeof conflictDeclarationSchema>;

/**
 * The recusals in force, by assignment: a record that no later record supersedes and that is
 * not itself a withdrawal.
 */
export function recusalsInForce(
  records: readonly ConflictDeclaration[],
): Map<string, ConflictDeclaration> {
  const superseded = new Set(records.flatMap((r) => (r.supersedes ? [r.supersedes] : [])));
  const out = new Map<string, ConflictDeclaration>();
  for (const r of records) {
    if (superseded.has(r.id) || r.withdrawn) continue;
    out.set(r.assignmentId, r);
  }
  return out;
}

// ---- the expert's declarations, per party ---------------------------------------------

export const partyDecisions = ['none', 'conflict', 'withdrawn'] as const;

/** One declaration as the expert's workstation keeps it (local; its recusals travel). */
export const partyDeclarationSchema = z.object({
  id: recordId,
  profileId: recordId,
  expertId: recordId,
  party: z.object({ kind: z.enum(conflictPartyKinds), id: recordId }),
  /** The party's name when declared, so the audit log and the list read in words. */
  partyName: z.string().min(1),
  decision: z.enum(partyDecisions),
  relation: z.enum(conflictRelations).optional(),
  note: z.string().trim().max(500, '说明不超过 500 字').optional(),
  /** For a withdrawal: the conflict declaration it withdraws and why. */
  withdraws: recordId.optional(),
  reason: z.string().trim().max(500, '理由不超过 500 字').optional(),
  createdAt: isoInstant,
});
export type PartyDeclaration = z.infer<typeof partyDeclarationSchema>;

export const partyKey = (p: { kind: ConflictPartyKind; id: string }) => `${p.kind}:${p.id}`;

/** The latest declaration per party (by time, then id): what is in force for it. */
export function declarationsInForce(
  rows: readonly PartyDeclaration[],
): Map<string, PartyDeclaration> {
  const sorted = [...rows].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
  const out = new Map<string, PartyDeclaration>();
  for (const r of sorted) out.set(partyKey(r.party), r);
  return out;
}

export type PartyStatus = 'undeclared' | 'none' | 'conflict';

export function partyStatus(
  inForce: ReadonlyMap<string, PartyDeclaration>,
  party: { kind: ConflictPartyKind; id: string },
): PartyStatus {
  const d = inForce.get(partyKey(party));
  if (!d || d.decision === 'withdrawn') return 'undeclared';
  return d.decision;
}

/** An assignment is recused when its organizer or its trainee has a conflict in force. */
export function isRecused(
  inForce: ReadonlyMap<string, PartyDeclaration>,
  organizerId: string | null,
  traineeId: string | null,
): boolean {
  return (
    (organizerId !== null &&
      partyStatus(inForce, { kind: 'organizer', id: organizerId }) === 'conflict') ||
    (traineeId !== null && partyStatus(inForce, { kind: 'trainee', id: traineeId }) === 'conflict')
  );
}

/** What the expert fills in before the first item of a party opens. */
export interface DeclarationInput {
  decision: 'none' | 'conflict';
  relation: ConflictRelation | null;
  note: string;
}

/** Field errors in Chinese; empty when the input can be recorded. */
export function declarationErrors(input: DeclarationInput): Record<string, string> {
  const errors: Record<string, string> = {};
  if (input.decision === 'conflict') {
    if (!input.relation) errors.relation = '请选择利害关系类型（任职、亲属、合作或其他）';
    if (input.relation === 'other' && input.note.trim().length < 2) {
      errors.note = '选择“其他”时请写明利害关系';
    }
  }
  if (input.note.length > 500) errors.note = '说明不超过 500 字';
  return errors;
}

export function withdrawalErrors(reason: string): Record<string, string> {
  const r = reason.trim();
  if (r.length < 5) return { reason: '撤回回避须写明理由（至少 5 个字）' };
  if (r.length > 500) return { reason: '理由不超过 500 字' };
  return {};
}

/** The recusal's reason in words, as the chair reads it: "与培训组织方「X」存在任职关系：…". */
export function recusalReason(
  party: ConflictPartyKind,
  partyName: string,
  relation: ConflictRelation,
  note: string,
): string {
  const base = `与${CONFLICT_PARTY_ZH[party]}「${partyName}」存在${CONFLICT_RELATION_ZH[relation]}关系`;
  const n = note.trim();
  return (n ? `${base}：${n}` : base).slice(0, 500);
}
