import { describe, expect, test } from 'vitest';
import {
  parsePolicyPack,
  ruleText,
  ruleTitle,
  selectPack,
  type PolicyPack,
} from '../../../src-shared/policy/pack';
import { JRSNF_2023_25 } from '../../../src-shared/policy/pack-jrsnf-2023-25';
import { RULE_IDS } from '../../../src-shared/policy/ruleIds';
import { classFinding, evaluatePackageWith, makeClass } from './factories';

const clone = (): PolicyPack => structuredClone(JRSNF_2023_25) as PolicyPack;

describe('the built-in pack 京人社能发〔2023〕25号', () => {
  test('validates against the pack schema', () => {
    const r = parsePolicyPack(JSON.stringify(JRSNF_2023_25));
    expect(r.ok).toBe(true);
  });

  test('names every rule in Chinese, and a finding carries that name before its id', () => {
    for (const id of RULE_IDS) {
      const title = JRSNF_2023_25.rules[id]?.title ?? '';
      expect(title, id).toMatch(/^[\u4e00-\u9fff（）「」、：]+$/);
    }
    expect(ruleTitle(JRSNF_2023_25, 'R-PLAN-APPROVED')).toBe('开班前计划审核');
    expect(ruleText(JRSNF_2023_25, 'R-CLASS-SIZE', 'online')).toMatchObject({
      title: '培训班规模',
      clause: '附件2 三（二）',
    });
  });

  test('a pack without titles (made before they existed) still loads; the id stands in', () => {
    const old = clone();
    for (const id of RULE_IDS) delete old.rules[id]!.title;
    const r = parsePolicyPack(JSON.stringify(old));
    expect(r.ok).toBe(true);
    if (r.ok) expect(ruleTitle(r.pack, 'R-VENUE')).toBe('R-VENUE');
  });

  test('carries the notice parameters', () => {
    const p = JRSNF_2023_25;
    expect(p.effective).toEqual({ from: '2023-09-12', to: '2025-12-31' });
    expect([
      p.programs.basic.minHours,
      p.programs.online.minHours,
      p.programs['elite-launch'].minHours,
    ]).toEqual([56, 56, 40]);
    expect(p.programs.basic.classSizeMax).toBe(40);
    expect(p.programs.online.subsidyYuan).toBe(2000);
    expect(p.programs['elite-practice'].subsidyTiers!.map((t) => [t.minHours, t.yuan])).toEqual([
      [40, 1500],
      [60, 2000],
      [80, 2500],
    ]);
    expect(p.practice).toEqual({
      yuan: 1000,
      licenceMonths: 6,
      shopMonths: 6,
      minAverageMonthlySalesYuan: 3000,
    });
    expect(p.supervision.liveSampleMinRatio).toBe(0.1);
    expect(p.fund.deadlineDayOfQuarterLastMonth).toBe(20);
  });

  test('cites a clause and quotes the notice for every rule id', () => {
    for (const id of RULE_IDS) {
      const t = ruleText(JRSNF_2023_25, id);
      expect(t.clause, id).not.toBe('');
      expect(t.quote.length, id).toBeGreaterThan(5);
    }
  });

  test('cites the attachment of the class program', () => {
    expect(ruleText(JRSNF_2023_25, 'R-CLASS-SIZE', 'basic').clause).toBe('附件1 三（二）');
    expect(ruleText(JRSNF_2023_25, 'R-CLASS-SIZE', 'online').clause).toBe('附件2 三（二）');
    expect(ruleText(JRSNF_2023_25, 'R-OUTCOME-HOURS', 'elite-launch').clause).toBe(
      '附件3 三（五）',
    );
  });
});

describe('parsePolicyPack', () => {
  test('rejects text that is not JSON, with a Chinese message naming the source', () => {
    const r = parsePolicyPack('{oops', 'files/policy.json');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('policy-pack/json');
      expect(r.error.message).toContain('files/policy.json');
    }
  });

  test('rejects a pack missing a rule clause', () => {
    const p = clone();
    delete (p.rules as Record<string, unknown>)['R-VENUE'];
    const r = parsePolicyPack(p);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('R-VENUE');
  });

  test('rejects an effective period that ends before it starts', () => {
    const p = clone();
    p.effective = { from: '2026-01-01', to: '2025-12-31' };
    expect(parsePolicyPack(p).ok).toBe(false);
  });

  test('rejects elite tiers that do not increase', () => {
    const p = clone();
    p.programs['elite-launch'].subsidyTiers = [
      { minHours: 60, yuan: 2000 },
      { minHours: 40, yuan: 1500 },
    ];
    expect(parsePolicyPack(p).ok).toBe(false);
  });

  test('rejects a pack with a negative class size', () => {
    const p = clone();
    (p.programs.basic as { classSizeMax: number }).classSizeMax = -1;
    const r = parsePolicyPack(p);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('programs.basic.classSizeMax');
  });
});

describe('pack selection by class start date', () => {
  const later = (): PolicyPack => ({
    ...clone(),
    id: 'next-2026',
    effective: { from: '2026-01-01', to: '2027-12-31' },
  });

  test.each([
    ['2023-09-12', 'jrsnf-2023-25', true],
    ['2025-12-31', 'jrsnf-2023-25', true],
    ['2026-01-01', 'next-2026', true],
    ['2028-01-01', 'next-2026', false],
    // Before every pack: the nearest one is the first to come, for a 参考 preview only.
    ['2023-09-11', 'jrsnf-2023-25', false],
  ])('a class starting %s is judged by %s (in force: %s)', (date, id, inForce) => {
    const c = selectPack([JRSNF_2023_25, later()], date);
    expect(c.pack.id).toBe(id);
    expect(c.inForce).toBe(inForce);
  });

  test('a class outside every pack is previewed with the nearest expired pack and R-PACK-PERIOD says 不适用', () => {
    const r = makeClass({ startDate: '2026-02-01', endDate: '2026-03-01' });
    const res = evaluatePackageWith(r, [JRSNF_2023_25]);
    expect(res.packInForce).toBe(false);
    expect(res.packId).toBe('jrsnf-2023-25');
    const f = classFinding(res, 'R-PACK-PERIOD');
    expect(f).toMatchObject({ severity: 'warning', status: 'not-applicable' });
    expect(f.facts).toContain('2026-02-01');
    expect(f.message).toContain('仅供参考');
  });

  test('a later pack with other parameters changes the verdict without code changes', () => {
    const p = later();
    p.programs.basic.classSizeMax = 45;
    const r = makeClass({ trainees: 42, startDate: '2026-02-01', endDate: '2026-03-01' });
    expect(classFinding(evaluatePackageWith(r, [JRSNF_2023_25]), 'R-CLASS-SIZE').status).toBe(
      'fail',
    );
    expect(classFinding(evaluatePackageWith(r, [JRSNF_2023_25, p]), 'R-CLASS-SIZE').status).toBe(
      'pass',
    );
  });
});
