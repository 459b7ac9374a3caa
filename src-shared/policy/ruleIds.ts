// Every rule id the engine knows, in the order a reviewer reads them. The pack must carry a
// clause for each, the registry an implementation, and docs/policy-rules.md a statement.
export const RULE_IDS = [
  'R-PACK-PERIOD',
  'R-CLASS-SIZE',
  'R-HOURS-MIN',
  'R-RECORDED-MAX',
  'R-OUTCOME-HOURS',
  'R-LECTURERS',
  'R-TEXTBOOK',
  'R-PLAN-APPROVED',
  'R-VENUE',
  'R-TARGET-GROUP',
  'R-ELITE-ELIGIBLE',
  'R-ONE-PER-YEAR',
  'R-NO-REPEAT',
  'R-CERT-PASSED',
  'R-CERT-NUMBER',
  'R-SUBSIDY-BASIC',
  'R-SUBSIDY-ONLINE',
  'R-SUBSIDY-ELITE',
  'R-SUBSIDY-PRACTICE',
  'R-FUND-DEADLINE',
  'R-LIVE-SAMPLE',
  'R-LIVE-SCREEN',
  'R-RECORDED-CHECK',
  'R-OFFLINE-SIGNIN',
  'R-OFFLINE-CLIP',
  'R-OFFLINE-FULL',
  'R-VIDEO-RETAIN',
  'R-VIDEO-480P',
  'R-EXIT-1',
  'R-EXIT-2',
  'R-EXIT-3',
  'R-EXIT-4',
  'R-EXIT-5',
  'R-EXIT-6',
  'R-EXIT-7',
  'R-EXIT-8',
  'R-EXIT-9',
  'R-EXIT-10',
  'R-PKG-45MIN',
  'R-PKG-PARTS',
  'R-PKG-COPYRIGHT',
  'R-PKG-CONTENT',
  'R-PKG-AV',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

export function isRuleId(s: string): s is RuleId {
  return (RULE_IDS as readonly string[]).includes(s);
}
