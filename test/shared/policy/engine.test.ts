import { describe, expect, test } from 'vitest';
import { evaluatePackage } from '../../../src-shared/policy/engine';
import { cleanAudit, evaluate, makeClass, merge, withOutcomes } from './factories';

describe('evaluatePackage', () => {
  test('sums subsidies per class, per organizer and for the package', () => {
    const a = makeClass({ id: 'A', trainees: 10 });
    const b = makeClass({ id: 'B', program: 'online', trainees: 5 });
    const c = makeClass({ id: 'C', organizerId: 'ORG2', trainees: 41 });
    const all = merge(a, b, c);
    const res = evaluate(all, cleanAudit(all));
    const byId = new Map(res.classes.map((x) => [x.classId, x]));
    expect(byId.get('A')!.totals.trainingYuan).toBe(10 * 1500);
    expect(byId.get('B')!.totals.trainingYuan).toBe(5 * 2000);
    expect(byId.get('C')!.totals.trainingYuan).toBe(0);
    const org1 = res.organizers.find((o) => o.organizerId === 'ORG1')!;
    expect(org1.totals.trainingYuan).toBe(25000);
    expect(org1.classIds).toEqual(['A', 'B']);
    expect(res.totals.trainingYuan).toBe(25000);
    expect(res.totals.ineligible).toBe(41);
    expect(res.totals.eligible).toBe(15);
  });

  test('groups class findings by kind and names the pack used', () => {
    const r = makeClass();
    const res = evaluate(r, cleanAudit(r)).classes[0]!;
    expect(res.packId).toBe('jrsnf-2023-25');
    expect(Object.keys(res.findings).sort()).toEqual([
      'class',
      'course-package',
      'pack',
      'supervision',
    ]);
    expect(res.hours).toEqual({ filed: 56, counted: 56, recorded: 20, live: 20, offline: 16 });
  });

  test('without any auditor input nothing is paid and nothing reads as passed that needs a check', () => {
    const r = makeClass({ trainees: 3 });
    const res = evaluate(r, {});
    expect(res.totals.trainingYuan).toBe(0);
    expect(res.totals.pending).toBe(3);
    expect(res.totals.potentialYuan).toBe(4500);
    const pendingRules = new Set(
      res.classes[0]!.trainees[0]!.reasons.filter((f) => f.status === 'pending').map(
        (f) => f.ruleId,
      ),
    );
    expect([...pendingRules]).toEqual(
      expect.arrayContaining(['R-OUTCOME-HOURS', 'R-CERT-PASSED', 'R-SUBSIDY-BASIC']),
    );
    expect(res.organizers[0]!.findings.every((f) => f.status === 'pending')).toBe(true);
  });

  test('every finding carries its clause, quote, a Chinese message and facts', () => {
    const r = makeClass({ trainees: 2 });
    const res = evaluate(r, cleanAudit(r, withOutcomes(r, false)));
    const all = [
      ...Object.values(res.classes[0]!.findings).flat(),
      ...res.classes[0]!.trainees.flatMap((t) => t.reasons),
      ...res.organizers[0]!.findings,
    ];
    for (const f of all) {
      expect(f.clause, f.ruleId).toMatch(/通知|附件/);
      expect(f.quote.length, f.ruleId).toBeGreaterThan(5);
      expect(f.message, f.ruleId).toMatch(/[\u4e00-\u9fff]/);
      expect(typeof f.facts).toBe('string');
    }
  });

  test('is pure: the same records and inputs give the same result, records untouched', () => {
    const r = makeClass({ trainees: 4 });
    const inputs = cleanAudit(r);
    const before = JSON.stringify(r);
    const one = JSON.stringify(evaluatePackage(r, { asOf: '2025-12-01', inputs, files: r.files }));
    const two = JSON.stringify(evaluatePackage(r, { asOf: '2025-12-01', inputs, files: r.files }));
    expect(one).toBe(two);
    expect(JSON.stringify(r)).toBe(before);
  });

  test('a per-class outcome overrides the per-trainee one for a trainee in two classes', () => {
    const r = makeClass({ trainees: 1 });
    // No platform numbers here: the question is which local result the engine reads.
    const inputs = cleanAudit(r, withOutcomes(r, true, false));
    inputs.outcomePassedByClass = new Map([['C1', new Map([['C1-T1', false]])]]);
    expect(evaluate(r, inputs).classes[0]!.trainees[0]!.status).toBe('ineligible');
  });
});
