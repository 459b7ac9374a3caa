import { describe, expect, test } from 'vitest';
import type { RuleId } from '../../../src-shared/policy/ruleIds';
import { cleanAudit, evaluate, makeClass } from './factories';

const EXIT_IDS: RuleId[] = [
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
];

function organizerFindings(ground?: number, reviewed = true) {
  const r = makeClass();
  const inputs = cleanAudit(r);
  inputs.exitReviews = reviewed
    ? new Map([['ORG1', ground ? [{ ground, note: '抽查发现', observedOn: '2025-11-01' }] : []]])
    : undefined;
  return evaluate(r, inputs).organizers[0]!.findings;
}

describe('R-EXIT-1 … R-EXIT-10', () => {
  test('the registry and the pack both know exactly ten exit grounds', () => {
    const ids = organizerFindings().map((f) => f.ruleId);
    expect(ids).toEqual(EXIT_IDS);
  });

  test.each(EXIT_IDS.map((id, i) => [id, i + 1] as const))(
    '%s fires only for observed ground %i',
    (id, ground) => {
      const fs = organizerFindings(ground);
      const hit = fs.find((f) => f.ruleId === id)!;
      expect(hit.severity).toBe('error');
      expect(hit.facts).toContain('抽查发现');
      expect(hit.clause).toBe(`附件1–3 二（四）${ground}`);
      expect(fs.filter((f) => f.ruleId !== id).every((f) => f.status === 'pass')).toBe(true);
    },
  );

  test('an organizer nobody has reviewed is 待核查 on every ground', () => {
    expect(
      organizerFindings(undefined, false).every(
        (f) => f.status === 'pending' && f.message.startsWith('待核查'),
      ),
    ).toBe(true);
  });

  test('training outside the filed venue in the records raises R-EXIT-7 as a question', () => {
    const r = makeClass({ session: (s) => (s.mode === 'offline' ? { venue: '别处' } : {}) });
    const fs = evaluate(r, cleanAudit(r)).organizers[0]!.findings;
    const f = fs.find((x) => x.ruleId === 'R-EXIT-7')!;
    expect(f.severity).toBe('warning');
    expect(f.facts).toContain('别处');
  });

  test('hours cut below the minimum raise R-EXIT-5 as a question', () => {
    const r = makeClass({ minutes: { offline: 0 } });
    const f = evaluate(r, cleanAudit(r)).organizers[0]!.findings.find(
      (x) => x.ruleId === 'R-EXIT-5',
    )!;
    expect(f.status).toBe('pending');
    expect(f.severity).toBe('warning');
  });
});
