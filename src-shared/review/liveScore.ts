// What the scoring form shows while the expert types, before anything is submitted: each
// criterion's problem at once (999 in a /20 field), a total that counts only valid scores (so it
// never passes the rubric's maximum), and a pass/fail reading only once every criterion is
// scored and valid — a half-filled form must not look like a failing one — except that a raised
// hard-fail check (抄袭, 代写, …) fails the outcome at once.
import type { Rubric } from '../records/records';
import { needsCriterionComment, totalOf } from './schema';

export interface LiveScore {
  /** Criterion id → the message for its field, only for fields that hold a bad value. */
  errors: Record<string, string>;
  /** The sum of the valid scores. */
  total: number;
  max: number;
  /** Every criterion scored and valid. */
  complete: boolean;
  /** null until complete; 'fail' at once when a hard-fail check is raised. */
  outcome: 'pass' | 'fail' | null;
  /** Criteria scored low enough that the rubric asks for their own comment. */
  commentNeeded: string[];
}

export function scoreError(
  criterion: { label: string; maxScore: number },
  value: number | null | undefined,
): string | null {
  if (value === null || value === undefined) return null;
  if (!Number.isFinite(value)) return `「${criterion.label}」须为数字`;
  if (value < 0) return `「${criterion.label}」不能为负`;
  if (value > criterion.maxScore) return `「${criterion.label}」最高 ${criterion.maxScore} 分`;
  return null;
}

export function liveScore(
  rubric: Pick<Rubric, 'criteria' | 'passScore'>,
  scores: Readonly<Record<string, number | null | undefined>>,
  hardFailed = false,
): LiveScore {
  const errors: Record<string, string> = {};
  const valid: { score: number }[] = [];
  const commentNeeded: string[] = [];
  let complete = true;
  for (const c of rubric.criteria) {
    const v = scores[c.id];
    const error = scoreError(c, v);
    if (error) errors[c.id] = error;
    if (typeof v === 'number' && !error) valid.push({ score: v });
    else complete = false;
    if (!error && needsCriterionComment(c, v)) commentNeeded.push(c.id);
  }
  const total = totalOf(valid);
  const max = rubric.criteria.reduce((sum, c) => sum + c.maxScore, 0);
  return {
    errors,
    total,
    max,
    complete,
    // A hard fail decides the outcome by itself: no points can lift it.
    outcome: hardFailed ? 'fail' : complete ? (total >= rubric.passScore ? 'pass' : 'fail') : null,
    commentNeeded,
  };
}
