import { describe, expect, it } from 'vitest';
import { missingSignIns, sessionSignIns } from '../../../src-shared/policy/signIns';

const at = '2025-03-10T09:02:00+08:00';
const si = (traineeId: string, face = true, located = true) => ({ traineeId, at, face, located });

describe('sessionSignIns', () => {
  it('splits the roster into signed, incomplete and absent, and names sign-ins off the roster', () => {
    const r = sessionSignIns(
      { signIns: [si('T1'), si('T2', false), si('T3', true, false), si('T2'), si('X9')] },
      ['T1', 'T2', 'T3', 'T4'],
    );
    // T2 signed once without a face match and once properly: the proper one counts.
    expect(r).toEqual({
      signed: ['T1', 'T2'],
      incomplete: ['T3'],
      absent: ['T4'],
      offRoster: ['X9'],
    });
  });

  it('reads an empty session as everyone absent', () => {
    expect(sessionSignIns({ signIns: [] }, ['T1', 'T2']).absent).toEqual(['T1', 'T2']);
  });
});

describe('missingSignIns', () => {
  const offline = (signIns: ReturnType<typeof si>[]) => ({ mode: 'offline' as const, signIns });

  it('counts, per roster trainee, the offline sessions without a counting sign-in', () => {
    const sessions = [
      offline([si('T1'), si('T1'), si('T2', false), si('X9')]),
      { mode: 'live' as const, signIns: [] },
      offline([si('T2'), si('T3', true, false)]),
    ];
    // T4 is listed twice on the roster: each listing misses both sessions.
    const roster = ['T1', 'T2', 'T3', 'T4', 'T4'];
    const m = missingSignIns(sessions, roster);
    expect(Object.fromEntries(m)).toEqual({ T1: 1, T2: 1, T3: 2, T4: 4 });
    // The same as reading each session on its own.
    const perSession = new Map<string, number>();
    for (const s of sessions.filter((x) => x.mode === 'offline')) {
      const ok = new Set(sessionSignIns(s, roster).signed);
      for (const id of roster) if (!ok.has(id)) perSession.set(id, (perSession.get(id) ?? 0) + 1);
    }
    expect(m).toEqual(perSession);
  });

  it('is empty without offline sessions or when everyone signed', () => {
    expect(missingSignIns([{ mode: 'live', signIns: [] }], ['T1']).size).toBe(0);
    expect(missingSignIns([offline([si('T1')])], ['T1']).size).toBe(0);
  });
});
