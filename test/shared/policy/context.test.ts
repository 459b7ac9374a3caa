// The per-class context: its cache must keep rules apart, and facts several rules read must not
// depend on which rule runs first.
import { describe, expect, it } from 'vitest';
import { buildIndex, ClassContext, memoSlot } from '../../../src-shared/policy/context';
import { fmtHours } from '../../../src-shared/policy/findings';
import { BUILTIN_PACKS } from '../../../src-shared/policy/pack-jrsnf-2023-25';
import { RULES } from '../../../src-shared/policy/registry';
import { AS_OF, cleanAudit, evaluate, makeClass, merge, withOutcomes } from './factories';

function contextFor(records: ReturnType<typeof makeClass>): ClassContext {
  const cls = records.classes[0]!;
  return new ClassContext(
    cls,
    BUILTIN_PACKS[0]!,
    true,
    buildIndex(records, {}, records.files),
    {},
    AS_OF,
  );
}

describe('ClassContext.memo', () => {
  it('keeps one value per slot and key, made once from the arguments of the first call', () => {
    const ctx = contextFor(makeClass());
    let made = 0;
    const slot = memoSlot('R-HOURS-MIN', (_ctx, a: string, b: number) => `${a}${b}#${++made}`);
    expect(ctx.memo(slot, 'k', 'v', 1)).toBe('v1#1');
    expect(ctx.memo(slot, 'k', 'other', 2)).toBe('v1#1');
    expect(ctx.memo(slot, 7, 'w', 7)).toBe('w7#2');
    expect(made).toBe(2);
  });

  it('never hands one rule the value another rule stored under the same key', () => {
    const ctx = contextFor(makeClass());
    const basic = memoSlot('R-SUBSIDY-BASIC', (_ctx, v: string) => v);
    const online = memoSlot('R-SUBSIDY-ONLINE', (_ctx, v: string) => v);
    ctx.memo(basic, 'same basis', 'basic', undefined);
    expect(ctx.memo(online, 'same basis', 'online', undefined)).toBe('online');
    expect(ctx.memo(basic, 'same basis', 'other', undefined)).toBe('basic');
    expect(basic.ruleId).toBe('R-SUBSIDY-BASIC');
    expect(online.ruleId).toBe('R-SUBSIDY-ONLINE');
  });

  it('keeps two caches of one rule apart', () => {
    const ctx = contextFor(makeClass());
    const refused = memoSlot('R-TARGET-GROUP', () => 'refused');
    const accepted = memoSlot('R-TARGET-GROUP', () => 'accepted');
    expect(ctx.memo(refused, 'veteran', undefined, undefined)).toBe('refused');
    expect(ctx.memo(accepted, 'veteran', undefined, undefined)).toBe('accepted');
  });

  it('keeps values per class', () => {
    const slot = memoSlot('R-HOURS-MIN', (ctx) => ctx.cls.id);
    const a = contextFor(makeClass({ id: 'C-A' }));
    const b = contextFor(makeClass({ id: 'C-B' }));
    expect(a.once(slot)).toBe('C-A');
    expect(b.once(slot)).toBe('C-B');
  });

  it('caches a value that is falsy', () => {
    const ctx = contextFor(makeClass());
    let made = 0;
    const slot = memoSlot('R-HOURS-MIN', (_ctx, v: string) => (made++, v));
    expect(ctx.memo(slot, 'empty', '', undefined)).toBe('');
    expect(ctx.memo(slot, 'empty', 'x', undefined)).toBe('');
    expect(made).toBe(1);
  });
});

describe('cached findings in an evaluation', () => {
  it('each trainee reads each rule at most once, in the registry order, with that rule’s own finding', () => {
    const all = merge(
      makeClass({ id: 'B', trainees: 12 }),
      makeClass({ id: 'O', program: 'online', trainees: 12 }),
      makeClass({ id: 'L', program: 'elite-launch', trainees: 12 }),
      makeClass({ id: 'P', program: 'elite-practice', trainees: 12 }),
    );
    // Passed, failed and not yet reviewed in every class, so every cached wording is made.
    const outcomes = withOutcomes(all, (id) => [true, false, undefined][Number(id.slice(-1)) % 3]);
    const res = evaluate(all, { ...cleanAudit(all, outcomes) });
    const order = new Map(RULES.map((r, i) => [r.id, i]));
    let reasons = 0;
    for (const c of res.classes)
      for (const t of c.trainees) {
        const at = t.reasons.map((f) => order.get(f.ruleId)!);
        expect(at, `${c.classId}/${t.traineeId}`).toEqual([...new Set(at)].sort((a, b) => a - b));
        reasons += at.length;
        for (const f of t.reasons) expect(f.classId).toBe(c.classId);
      }
    expect(reasons).toBeGreaterThan(48 * 5);
  });
});

describe('ClassContext.missingSignIns', () => {
  it('is derived from the sessions, whether or not R-OFFLINE-SIGNIN ran first', () => {
    const records = makeClass({
      trainees: 3,
      session: (s) => (s.mode === 'offline' ? { signIns: [] } : {}),
    });
    const offline = records.sessions.filter((s) => s.mode === 'offline').length;
    expect(offline).toBeGreaterThan(0);
    const ctx = contextFor(records);
    const gaps = ctx.missingSignIns;
    expect([...gaps.values()]).toEqual([offline, offline, offline]);
    expect(ctx.missingSignIns).toBe(gaps);
  });

  it('is empty when every offline session has face + location sign-ins', () => {
    expect(contextFor(makeClass()).missingSignIns.size).toBe(0);
  });
});

describe('fmtHours', () => {
  it('reads the pack’s minutes per hour instead of assuming 45', () => {
    expect(fmtHours(90, 45)).toBe('2');
    expect(fmtHours(90, 60)).toBe('1.50');
    expect(fmtHours(2519, 45)).toBe('55.98');
  });
});
