import type { ClassContext, OrganizerContext, TraineeState, TraineeVerdict } from '../context';
import type { Finding } from '../findings';
import type { PolicyPack } from '../pack';
import type { RuleId } from '../ruleIds';

export type RuleGroup =
  | 'pack'
  | 'class'
  | 'eligibility'
  | 'certificate'
  | 'subsidy'
  | 'supervision'
  | 'course-package'
  | 'exit'
  | 'fund';

export interface QuarterContext {
  pack: PolicyPack;
  quarter: { year: number; q: 1 | 2 | 3 | 4 };
  /** The day the district sends (or plans to send) its fund request. */
  requestDate?: string;
}

/**
 * One rule. A rule may look at a class, at each trainee of a class, at an organizer or at a
 * quarter; `subsidy` trainee checks run after all others and see the trainee's verdict.
 */
export interface RuleDef {
  id: RuleId;
  group: RuleGroup;
  classCheck?: (ctx: ClassContext) => Finding[];
  traineeCheck?: (ctx: ClassContext, t: TraineeState, verdict: TraineeVerdict) => Finding | null;
  subsidy?: boolean;
  organizerCheck?: (ctx: OrganizerContext) => Finding[];
  quarterCheck?: (ctx: QuarterContext) => Finding;
}
