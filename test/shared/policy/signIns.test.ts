import { describe, expect, it } from 'vitest';
import { sessionSignIns } from '../../../src-shared/policy/signIns';

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
