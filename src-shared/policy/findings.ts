// A finding is what a reviewer sees for one rule: the verdict, the clause it rests on and the
// numbers that decided it, so nobody has to trust the engine blindly.
import type { RuleId } from './ruleIds';

export type Severity = 'error' | 'warning' | 'info';
/** pass / fail are decided from records and inputs; pending = 待核查 (input missing). */
export type FindingStatus = 'pass' | 'fail' | 'pending' | 'not-applicable';

/**
 * Where a trainee's outcome was read from: the platform's signed records (a certificate number
 * it assigned), a panel decision recorded here, or a result a reviewer entered as input.
 */
export type OutcomeSource = 'platform' | 'panel' | 'input';

export const OUTCOME_SOURCE_ZH: Record<OutcomeSource, string> = {
  platform: '平台记录',
  panel: '本地评审组决定',
  input: '核查录入',
};

export interface Finding {
  ruleId: RuleId;
  /** The rule's name from the policy pack, e.g. 开班前计划审核; shown first, the id beside it. */
  title: string;
  /** Citation, e.g. 「附件1 三（二）」. */
  clause: string;
  /** The notice's own words, for hover. */
  quote: string;
  severity: Severity;
  status: FindingStatus;
  /** zh-CN sentence for the reviewer. */
  message: string;
  /** The deciding numbers, e.g. "录播 30 课时 / 总 56 课时 = 53.6% > 50%". */
  facts: string;
  classId?: string;
  /** Set when the finding is about one trainee alone; findings that read the same for many
   * trainees of a class are shared and carry none (find them in TraineeResult.reasons). */
  traineeId?: string;
  organizerId?: string;
  /** Subsidy findings: the amount this finding grants (pass) or would grant (pending). */
  amountYuan?: number;
  /** Practice subsidy: the day the 6-month condition is (or will be) met. */
  qualifiesOn?: string;
  /** Outcome findings: where the outcome they rest on was read from. */
  source?: OutcomeSource;
}

export const PENDING = '待核查';

/** Blocking means the subsidy cannot be claimed while the finding stands. */
export function isBlocking(f: Finding): boolean {
  return f.severity === 'error';
}

/** Hours are shown as integers when whole, otherwise with two decimals (55.98 must not read 56). */
export function fmtHours(minutes: number, minutesPerHour: number): string {
  const h = minutes / minutesPerHour;
  return Number.isInteger(h) ? String(h) : h.toFixed(2);
}

export function fmtPercent(ratio: number): string {
  return `${(ratio * 100).toFixed(1).replace(/\.0$/, '')}%`;
}
