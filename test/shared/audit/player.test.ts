import { describe, expect, test } from 'vitest';
import { playerAction, shuttle } from '../../../src-shared/audit/shuttle';
import {
  formatTimecode,
  sessionClock,
  sessionInstant,
  shanghaiIso,
} from '../../../src-shared/audit/timecode';

const key = (k: string, shiftKey = false) => ({
  key: k,
  shiftKey,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
});

describe('timecodes', () => {
  test('media time reads HH:MM:SS.mmm', () => {
    expect(formatTimecode(0)).toBe('00:00:00.000');
    expect(formatTimecode(3725.5)).toBe('01:02:05.500');
    expect(formatTimecode(59.9996)).toBe('00:01:00.000');
    expect(formatTimecode(NaN)).toBe('00:00:00.000');
  });

  test('the session wall clock is the filed start in Beijing time plus media time', () => {
    expect(sessionClock('2025-10-10', '09:00', 2405.25)).toBe('09:40:05');
    expect(shanghaiIso(sessionInstant('2025-10-10', '23:30', 3600))).toBe(
      '2025-10-11T00:30:00.000+08:00',
    );
  });
});

describe('shuttle and keys', () => {
  test('L speeds up forward, J backwards, K stops', () => {
    let s = 0;
    s = shuttle(s, 'l');
    expect(s).toBe(1);
    s = shuttle(s, 'l');
    expect(s).toBe(2);
    s = shuttle(s, 'l');
    expect(s).toBe(4);
    expect(shuttle(s, 'l')).toBe(4);
    expect(shuttle(s, 'j')).toBe(-1);
    expect(shuttle(-1, 'j')).toBe(-2);
    expect(shuttle(-2, 'k')).toBe(0);
  });

  test('maps the documented keys and leaves modified keys alone', () => {
    expect(playerAction(key(' '))).toEqual({ kind: 'toggle' });
    expect(playerAction(key('.'))).toEqual({ kind: 'frame', dir: 1 });
    expect(playerAction(key(','))).toEqual({ kind: 'frame', dir: -1 });
    expect(playerAction(key('ArrowLeft'))).toEqual({ kind: 'seek', by: -5 });
    expect(playerAction(key('ArrowRight', true))).toEqual({ kind: 'seek', by: 10 });
    expect(playerAction(key('n'))).toEqual({ kind: 'finding' });
    expect(playerAction({ ...key('l'), ctrlKey: true })).toBeNull();
  });
});
