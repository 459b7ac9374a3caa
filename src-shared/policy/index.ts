// Public surface of the policy engine.
export { evaluatePackage } from './engine';
export type {
  ClassResult,
  EvaluateOptions,
  OrganizerResult,
  PackageEvaluation,
  TraineeResult,
  TraineeStatus,
  Totals,
} from './engine';
export type { Finding, FindingStatus, OutcomeSource, Severity } from './findings';
export { inputsFromJson, policyInputsJsonSchema } from './inputs';
export type {
  CoursePackageReview,
  ExitObservation,
  PanelOutcomeDecision,
  PolicyInputs,
  PolicyInputsJson,
} from './inputs';
export { parsePolicyPack, policyPackSchema, ruleText, selectPack } from './pack';
export type { PolicyPack, ProgramParams } from './pack';
export { BUILTIN_PACKS, JRSNF_2023_25, packsWithShipped } from './pack-jrsnf-2023-25';
export { buildQuarterSheet } from './quarterSheet';
export type { QuarterSheet, SheetExcludedClass, SheetRow } from './quarterSheet';
export { RULES, RULES_BY_ID } from './registry';
export { RULE_IDS, type RuleId } from './ruleIds';
