// Ties the rule list in docs/policy-rules.md to the registry and to the tests: a rule that is
// documented but not implemented, or implemented but never exercised, fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { JRSNF_2023_25 } from '../../../src-shared/policy/pack-jrsnf-2023-25';
import { RULES, RULES_BY_ID } from '../../../src-shared/policy/registry';
import { RULE_IDS } from '../../../src-shared/policy/ruleIds';

const here = dirname(fileURLToPath(import.meta.url));
const docIds = [
  ...new Set(
    readFileSync(join(here, '../../../docs/policy-rules.md'), 'utf8').match(
      /\bR-[A-Z0-9]+(?:-[A-Z0-9]+)*\b/g,
    ) ?? [],
  ),
];
const testText = readdirSync(here)
  .filter((f) => f.endsWith('.test.ts') && f !== 'coverage.test.ts')
  .map((f) => readFileSync(join(here, f), 'utf8'))
  .join('\n');

describe('rule coverage', () => {
  test('the documentation lists every rule', () => {
    expect(docIds.length).toBeGreaterThanOrEqual(43);
    expect([...docIds].sort()).toEqual([...RULE_IDS].sort());
  });

  test.each(docIds)('%s is implemented in the registry and cited by the pack', (id) => {
    const def = RULES_BY_ID.get(id as (typeof RULE_IDS)[number]);
    expect(def, `${id} missing from registry`).toBeDefined();
    expect(
      def!.classCheck ?? def!.traineeCheck ?? def!.organizerCheck ?? def!.quarterCheck,
    ).toBeTypeOf('function');
    expect(JRSNF_2023_25.rules[id]?.clause).toBeTruthy();
  });

  test.each(docIds)('%s is exercised by a policy test', (id) => {
    // The look-ahead keeps a mention of R-EXIT-10 from counting for R-EXIT-1.
    const mentioned = new RegExp(`${id}(?![0-9A-Z-])`).test(testText);
    expect(mentioned, `${id} not mentioned in test/shared/policy`).toBe(true);
  });

  test('the registry holds each rule once', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
  });
});
