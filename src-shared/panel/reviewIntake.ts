// What a chair's workstation does with the records of an expert's verified bundle. Decided
// here, stored by the renderer: a record seen before with the same content is a duplicate
// (kept once, whichever way it came); one with the same id and different content is a
// conflict, refused and shown, never merged; a record for another panel, or naming an expert
// whose key did not sign the bundle, is refused.
import { canonicalJson } from '../wire/canonical';
import type { ResultRecord } from '../bundle/resultBundle';
import { conflictDeclarationSchema, type ConflictDeclaration } from '../review/conflict';
import { reviewSchema, rubricIssues, type Review } from '../review/schema';
import type { Rubric } from '../records/records';

export type PanelRecord =
  { kind: 'review'; record: Review } | { kind: 'conflict'; record: ConflictDeclaration };

export interface IntakeContext {
  /** Experts whose enrolled keys signed the bundle: records may speak only for them. */
  signerExpertIds: readonly string[];
  /** The chair's panel: which assignments exist, by id. */
  assignments: ReadonlyMap<string, { submissionId: string; expertId: string }>;
  rubricFor: (submissionId: string) => Rubric | undefined;
  /** Records already stored, by id (reviews and recusals share the id space). */
  existing: ReadonlyMap<string, PanelRecord>;
}

export type IntakeOutcome =
  | { status: 'new'; item: PanelRecord }
  | { status: 'duplicate'; id: string }
  | { status: 'conflict'; id: string; incoming: PanelRecord; stored: PanelRecord; message: string }
  | { status: 'refused'; id: string; message: string };

function toPayload(r: ResultRecord): Record<string, unknown> {
  return {
    ...r.payload,
    id: r.id,
    createdAt: r.createdAt,
    ...(r.supersedes ? { supersedes: r.supersedes } : {}),
  };
}

function parse(r: ResultRecord): PanelRecord | { error: string } {
  if (r.kind === 'review') {
    const p = reviewSchema.safeParse(toPayload(r));
    if (p.success) return { kind: 'review', record: p.data };
    return { error: p.error.issues[0]?.message ?? '评审记录格式不正确' };
  }
  if (r.kind === 'conflict') {
    const p = conflictDeclarationSchema.safeParse(toPayload(r));
    if (p.success) return { kind: 'conflict', record: p.data };
    return { error: p.error.issues[0]?.message ?? '回避声明格式不正确' };
  }
  return { error: `记录类型 ${r.kind} 不属于评审组` };
}

export const sameRecord = (a: PanelRecord, b: PanelRecord) =>
  a.kind === b.kind && canonicalJson(a.record) === canonicalJson(b.record);

export function planIntake(records: readonly ResultRecord[], ctx: IntakeContext): IntakeOutcome[] {
  const seen = new Map(ctx.existing);
  return records.map((r): IntakeOutcome => {
    const parsed = parse(r);
    if ('error' in parsed) return { status: 'refused', id: r.id, message: parsed.error };
    const rec = parsed.record;
    const assignment = ctx.assignments.get(rec.assignmentId);
    if (!assignment || assignment.submissionId !== rec.submissionId) {
      return {
        status: 'refused',
        id: r.id,
        message: `评审任务 ${rec.assignmentId} 不属于本评审组`,
      };
    }
    if (assignment.expertId !== rec.expertId) {
      return {
        status: 'refused',
        id: r.id,
        message: `评审任务 ${rec.assignmentId} 分配给 ${assignment.expertId}，记录却署名 ${rec.expertId}`,
      };
    }
    if (!ctx.signerExpertIds.includes(rec.expertId)) {
      return {
        status: 'refused',
        id: r.id,
        message: `记录署名专家 ${rec.expertId}，但结果包不是该专家的密钥签名的`,
      };
    }
    if (parsed.kind === 'review') {
      const rubric = ctx.rubricFor(rec.submissionId);
      const issue = rubric ? rubricIssues(parsed.record, rubric)[0] : undefined;
      if (!rubric) {
        return {
          status: 'refused',
          id: r.id,
          message: `工作包中没有成果 ${rec.submissionId} 的评审标准`,
        };
      }
      if (issue) return { status: 'refused', id: r.id, message: issue.message };
    }
    const stored = seen.get(r.id);
    if (stored) {
      if (sameRecord(stored, parsed)) return { status: 'duplicate', id: r.id };
      return {
        status: 'conflict',
        id: r.id,
        incoming: parsed,
        stored,
        message: `记录 ${r.id} 与已收到的同编号记录内容不同，已拒收，请与该专家核实`,
      };
    }
    seen.set(r.id, parsed);
    return { status: 'new', item: parsed };
  });
}
