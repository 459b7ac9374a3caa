// The panel's decision on one submission: the chair either decides (通过/不通过) or refers it
// to another expert, whom the platform assigns. A decision on a flagged submission, or one
// against the experts' majority, must say why. Signed in the chair's next result bundle as a
// 'panel-decision' record; append-only like reviews (a change supersedes).
import { z } from 'zod';
import { isoInstant, recordId } from '../wire/primitives';
import type { SubmissionStats } from '../review/aggregate';
import { verdicts, type Verdict } from '../review/schema';

/**
 * Orders ids and ISO instants by code unit: the same order on every machine, and far cheaper
 * than localeCompare over thousands of records (bench/panel.bench.ts).
 */
export const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const REASON_MIN = 5;
export const REASON_MAX = 2000;

export const decisionActions = ['decide', 'refer'] as const;
export type DecisionAction = (typeof decisionActions)[number];

export const panelDecisionSchema = z.object({
  id: recordId,
  panelId: recordId,
  submissionId: recordId,
  traineeId: recordId,
  classId: recordId,
  /** The chair's local profile (its key signs the bundle) and the expert record they chair as. */
  profileId: recordId,
  chairExpertId: recordId,
  action: z.enum(decisionActions),
  /** Present exactly when action is 'decide'. */
  verdict: z.enum(verdicts).optional(),
  reason: z.string().trim().max(REASON_MAX, `理由不超过 ${REASON_MAX} 字`),
  /** The reviews the decision was taken on, and what they said, as the chair saw them. */
  reviewIds: z.array(recordId),
  basis: z.object({
    mean: z.number().nullable(),
    spread: z.number().nullable(),
    majority: z.enum(verdicts).nullable(),
    flagged: z.boolean(),
  }),
  supersedes: recordId.optional(),
  createdAt: isoInstant,
});
export type PanelDecision = z.infer<typeof panelDecisionSchema>;

export interface DecisionIssue {
  field: 'verdict' | 'reason' | 'reviews';
  message: string;
}

/** What stops a draft decision from being recorded, as messages per field (empty: fine). */
export function decisionIssues(
  draft: { action: DecisionAction; verdict: Verdict | null; reason: string },
  stats: SubmissionStats,
): DecisionIssue[] {
  const issues: DecisionIssue[] = [];
  const reason = draft.reason.trim();
  const short = reason.length < REASON_MIN;
  if (draft.action === 'refer') {
    if (short) {
      issues.push({
        field: 'reason',
        message: `请写明为何需要另请专家评审（至少 ${REASON_MIN} 个字）`,
      });
    }
    return issues;
  }
  if (stats.count === 0) {
    issues.push({ field: 'reviews', message: '尚无专家评审，不能作出评审组结论' });
  }
  if (draft.verdict === null) {
    issues.push({ field: 'verdict', message: '请选择评审组结论（通过或不通过）' });
    return issues;
  }
  if (stats.disagreement.length > 0 && short) {
    issues.push({
      field: 'reason',
      message: `专家意见分歧，请写明裁决理由（至少 ${REASON_MIN} 个字）`,
    });
  } else if (stats.majority !== null && draft.verdict !== stats.majority && short) {
    issues.push({
      field: 'reason',
      message: `结论与多数专家意见不同，须写明理由（至少 ${REASON_MIN} 个字）`,
    });
  }
  return issues;
}

/** The decision in force for each submission: the latest one no later record supersedes. */
export function decisionsInForce<
  T extends {
    id: string;
    submissionId: string;
    createdAt: string;
    supersedes?: string | undefined;
  },
>(decisions: readonly T[]): Map<string, T> {
  const superseded = new Set(decisions.map((d) => d.supersedes).filter(Boolean));
  const out = new Map<string, T>();
  const sorted = [...decisions].sort(
    (a, b) => byCode(a.createdAt, b.createdAt) || byCode(a.id, b.id),
  );
  for (const d of sorted) if (!superseded.has(d.id)) out.set(d.submissionId, d);
  return out;
}
