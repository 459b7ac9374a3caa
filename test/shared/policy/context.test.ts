// The per-class context: its cache must keep rules apart, and facts several rules read must not
// depend on which rule runs first.
import { describe, expect, it } from 'vitest';
import { buildIndex, ClassContext } from '../../../src-shared/policy/context';
import { fmtHours } from '../../../src-shared/policy/findings';
import { BUILTIN_PACKS } from '../../../src-shared/policy/pack-jrsnf-2023-25';
import { AS_OF, makeClass } from './factories';

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
  it('keeps one value per rule and key, made once', () => {
    const ctx = contextFor(makeClass());
    let made = 0;
    const make = (): string => `v${++made}`;
    expect(ctx.memo('R-HOURS-MIN', 'k', make)).toBe('v1');
    expect(ctx.memo('R-HOURS-MIN', 'k', make)).toBe('v1');
    expect(made).toBe(1);
  });

  it('never hands one rule the value another rule stored under the same key', () => {
    const ctx = contextFor(makeClass());
    ctx.memo('R-SUBSIDY-BASIC', 'ok|same basis', () => 'basic');
    expect(ctx.memo('R-SUBSIDY-ONLINE', 'ok|same basis', () => 'online')).toBe('online');
    expect(ctx.memo('R-SUBSIDY-BASIC', 'ok|same basis', () => 'other')).toBe('basic');
  });

  it('caches a value that is falsy', () => {
    const ctx = contextFor(makeClass());
    let made = 0;
    expect(ctx.memo('R-HOURS-MIN', 'empty', () => (made++, ''))).toBe('');
    expect(ctx.memo('R-HOURS-MIN', 'empty', () => (made++, 'x'))).toBe('');
    expect(made).toBe(1);
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
