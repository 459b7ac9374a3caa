// One expert's review of one assigned outcome: a score per rubric criterion, a verdict, the
// reasons, and the declaration that the expert has no conflict of interest. Records are
// append-only: changing a submitted review writes a new record that names the one it
// supersedes, so the platform sees every version and the audit log links them.
import { z } from 'zod';
import { type Rubric } from '../records/records';
import { isoInstant, recordId } from '../wire/primitives';
import { ANCHORS_MAX, pageAnchorSchema } from './anchor';

export const verdicts = ['pass', 'fail'] as const;
export type Verdict = (typeof verdicts)[number];

export const COMMENT_MIN = 5;
export const COMMENT_MAX = 2000;
export const REVISION_REASON_MIN = 5;
/** A criterion's own comment (when its rubric asks for one) and a hard-fail note: this long at least. */
export const NOTE_MIN = 5;
export const NOTE_MAX = 500;

const note = (what: string) =>
  z
    .string()
    .trim()
    .min(NOTE_MIN, `${what}至少 ${NOTE_MIN} 个字`)
    .max(NOTE_MAX, `${what}不超过 ${NOTE_MAX} 字`);

export const reviewSchema = z.object({
  id: recordId,
  assignmentId: recordId,
  submissionId: recordId,
  expertId: recordId,
  /** The local profile that entered it (its key signs the result bundle). */
  profileId: recordId,
  rubricId: recordId,
  // Which criteria must be scored depends on the rubric: see rubricIssues.
  scores: z.array(
    z.object({
      criterionId: recordId,
      score: z.number('分数须为数字').min(0, '分数不能为负'),
    }),
  ),
  total: z.number().min(0),
  verdict: z.enum(verdicts, '请选择评审结论（通过或不通过）'),
  comment: z
    .string()
    .trim()
    .min(COMMENT_MIN, `评审意见至少 ${COMMENT_MIN} 个字，请写明理由`)
    .max(COMMENT_MAX, `评审意见不超过 ${COMMENT_MAX} 字`),
  /** 回避声明: true means "I have no conflict of interest with this trainee or organizer". */
  noConflict: z.literal(true, '提交前须声明与该学员及培训组织方无利害关系'),
  supersedes: recordId.optional(),
  /** 1 for the first submission, +1 for each 修改 (optional: earlier records lack it). */
  revision: z.number().int().min(1).optional(),
  /** Why a submitted review was changed; required on every revision after the first. */
  revisionReason: z
    .string()
    .trim()
    .min(REVISION_REASON_MIN, `修改理由至少 ${REVISION_REASON_MIN} 个字`)
    .max(500, '修改理由不超过 500 字')
    .optional(),
  /** Optional, additive: pages of the submitted files the scores and the comment rest on. */
  anchors: z.array(pageAnchorSchema).max(ANCHORS_MAX, `引用不超过 ${ANCHORS_MAX} 处`).optional(),
  /** Optional, additive: a criterion's own comment, required where the rubric's commentBelow says. */
  criterionComments: z
    .array(z.object({ criterionId: recordId, comment: note('评分项意见') }))
    .optional(),
  /**
   * Optional, additive: the rubric's hard-fail checks (抄袭, 代写, 材料不全) the expert raised,
   * each with its note. Any one makes the outcome 不通过 whatever the points.
   */
  hardFails: z.array(z.object({ checkId: recordId, note: note('不合格项说明') })).optional(),
  createdAt: isoInstant,
});
export type Review = z.infer<typeof reviewSchema>;
export type CriterionComment = NonNullable<Review['criterionComments']>[number];
export type RaisedHardFail = NonNullable<Review['hardFails']>[number];

/** Whether a score is low enough that its criterion's comment is required. */
export function needsCriterionComment(
  criterion: { maxScore: number; commentBelow?: number | undefined },
  score: number | null | undefined,
): boolean {
  return (
    criterion.commentBelow !== undefined &&
    typeof score === 'number' &&
    score < criterion.commentBelow * criterion.maxScore
  );
}

/** A review with a hard fail raised is a fail, whatever verdict or total it carries. */
export function effectiveVerdict(r: {
  verdict: Verdict;
  hardFails?: readonly unknown[] | undefined;
}): Verdict {
  return r.hardFails && r.hardFails.length > 0 ? 'fail' : r.verdict;
}

export function totalOf(scores: readonly { score: number }[]): number {
  // Scores may be halves; round away float noise so 0.1 + 0.2 style sums compare exactly.
  return Math.round(scores.reduce((s, c) => s + c.score, 0) * 100) / 100;
}

export interface RubricIssue {
  /** ['scores', criterionId], ['verdict'], ['total'], … */
  path: string[];
  message: string;
}

/**
 * Checks a review against the rubric it is scored on: every criterion scored once and within
 * its maximum, the total the sum of the scores, and "通过" only at or above the pass score.
 * Separate from the zod schema so a form gets these messages together with the field errors
 * (zod skips refinements once the base shape has an issue).
 */
export function rubricIssues(
  r: {
    rubricId: string;
    scores: readonly { criterionId: string; score: number }[];
    total: number;
    verdict?: Verdict | undefined;
    criterionComments?: readonly { criterionId: string; comment: string }[] | undefined;
    hardFails?: readonly { checkId: string; note: string }[] | undefined;
  },
  rubric: Rubric,
): RubricIssue[] {
  const issues: RubricIssue[] = [];
  if (r.rubricId !== rubric.id) {
    issues.push({ path: ['rubricId'], message: '评审标准与该成果不符' });
  }
  const byId = new Map<string, number[]>();
  for (const s of r.scores) byId.set(s.criterionId, [...(byId.get(s.criterionId) ?? []), s.score]);
  for (const c of rubric.criteria) {
    const given = byId.get(c.id) ?? [];
    const path = ['scores', c.id];
    if (given.length === 0) issues.push({ path, message: `请为「${c.label}」打分` });
    else if (given.length > 1) issues.push({ path, message: `「${c.label}」重复打分` });
    else if (given[0]! > c.maxScore) {
      issues.push({ path, message: `「${c.label}」最高 ${c.maxScore} 分` });
    }
  }
  const known = new Set(rubric.criteria.map((c) => c.id));
  for (const id of byId.keys()) {
    if (!known.has(id)) issues.push({ path: ['scores'], message: `评审标准中没有评分项 ${id}` });
  }
  if (r.total !== totalOf(r.scores)) {
    issues.push({ path: ['total'], message: '总分与各项分数之和不符' });
  }
  const commentOf = new Map((r.criterionComments ?? []).map((c) => [c.criterionId, c.comment]));
  for (const c of rubric.criteria) {
    const given = byId.get(c.id);
    if (given?.length !== 1 || !needsCriterionComment(c, given[0])) continue;
    if ((commentOf.get(c.id) ?? '').trim().length < NOTE_MIN) {
      issues.push({
        path: ['criterionComments', c.id],
        message: `「${c.label}」低于满分的 ${Math.round(c.commentBelow! * 100)}%，须写明扣分理由（至少 ${NOTE_MIN} 个字）`,
      });
    }
  }
  for (const id of commentOf.keys()) {
    if (!known.has(id)) {
      issues.push({ path: ['criterionComments'], message: `评审标准中没有评分项 ${id}` });
    }
  }
  const checks = new Map((rubric.hardFails ?? []).map((h) => [h.id, h]));
  const raised = r.hardFails ?? [];
  const seen = new Set<string>();
  for (const h of raised) {
    const check = checks.get(h.checkId);
    if (!check) {
      issues.push({ path: ['hardFails'], message: `评审标准中没有不合格项 ${h.checkId}` });
      continue;
    }
    if (seen.has(h.checkId)) {
      issues.push({ path: ['hardFails', h.checkId], message: `不合格项「${check.label}」重复` });
    }
    seen.add(h.checkId);
    if (h.note.trim().length < NOTE_MIN) {
      issues.push({
        path: ['hardFails', h.checkId],
        message: `已勾选不合格项「${check.label}」，须写明依据（至少 ${NOTE_MIN} 个字）`,
      });
    }
  }
  const hardFailed = raised.some((h) => checks.has(h.checkId));
  if (r.verdict === 'pass' && hardFailed) {
    const labels = raised.flatMap((h) => checks.get(h.checkId)?.label ?? []).join('、');
    issues.push({
      path: ['verdict'],
      message: `已勾选不合格项「${labels}」，结论只能是不通过`,
    });
  } else if (r.verdict === 'pass' && r.total < rubric.passScore) {
    issues.push({
      path: ['verdict'],
      message: `总分 ${r.total} 低于通过分 ${rubric.passScore}，不能判为通过`,
    });
  }
  return issues;
}

/** The review schema with the rubric checks (for whoever validates a stored or received review). */
export function reviewSchemaFor(rubric: Rubric) {
  return reviewSchema.superRefine((r, ctx) => {
    for (const issue of rubricIssues(r, rubric)) ctx.addIssue({ code: 'custom', ...issue });
  });
}

/**
 * Field key for a form: 'scores.<criterionId>', 'criterionComments.<criterionId>',
 * 'hardFails.<checkId>', 'verdict', 'comment', 'noConflict', 'anchors', …
 */
export function reviewFieldErrors(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): Record<string, string> {
  const out: Record<string, string> = {};
  const fromElements = new Set<string>();
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || 'form';
    // Index paths inside a list (scores.0.score) come from the element schema; name the list.
    const element = /^(scores|anchors|criterionComments|hardFails)\.\d+\./.test(key);
    const field = element ? key.split('.')[0]! : key;
    if (element && !(field in out)) fromElements.add(field);
    out[field] ??= issue.message;
  }
  // The rubric check names the criterion or the check ('hardFails.hf-copy'): the list-level
  // shape message about the same note says less and goes.
  for (const field of fromElements) {
    if (Object.keys(out).some((k) => k.startsWith(`${field}.`))) delete out[field];
  }
  return out;
}
