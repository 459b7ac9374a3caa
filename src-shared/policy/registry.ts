// The one list of rules. The engine runs them in this order; tests enumerate it.
import { certNumber, certPassed } from './rules/certificate';
import {
  classSize,
  hoursMin,
  lecturers,
  outcomeHours,
  packPeriod,
  planApproved,
  recordedMax,
  textbook,
  venue,
} from './rules/class';
import { pkg45, pkgAv, pkgContent, pkgCopyright, pkgParts } from './rules/coursePackage';
import { eliteEligible, noRepeat, onePerYear, targetGroup } from './rules/eligibility';
import { exitRules } from './rules/exit';
import {
  fundDeadline,
  subsidyBasic,
  subsidyElite,
  subsidyOnline,
  subsidyPractice,
} from './rules/subsidy';
import {
  liveSample,
  liveScreen,
  offlineClip,
  offlineFull,
  offlineSignIn,
  recordedCheck,
  video480p,
  videoRetain,
} from './rules/supervision';
import type { RuleDef } from './rules/types';
import type { RuleId } from './ruleIds';

export type { RuleDef, RuleGroup, QuarterContext } from './rules/types';

export const RULES: readonly RuleDef[] = [
  packPeriod,
  classSize,
  hoursMin,
  recordedMax,
  outcomeHours,
  lecturers,
  textbook,
  planApproved,
  venue,
  targetGroup,
  eliteEligible,
  onePerYear,
  noRepeat,
  certPassed,
  certNumber,
  liveSample,
  liveScreen,
  recordedCheck,
  offlineSignIn,
  offlineClip,
  offlineFull,
  videoRetain,
  video480p,
  pkg45,
  pkgParts,
  pkgCopyright,
  pkgContent,
  pkgAv,
  ...exitRules,
  subsidyBasic,
  subsidyOnline,
  subsidyElite,
  subsidyPractice,
  fundDeadline,
];

export const RULES_BY_ID: ReadonlyMap<RuleId, RuleDef> = new Map(RULES.map((r) => [r.id, r]));
